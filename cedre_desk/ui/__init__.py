"""The Qt interface: the only package that imports PySide6 (an import-linter contract says so)."""
