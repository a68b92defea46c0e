"""Aide: the user guide, the About box and the way to the log folder."""
