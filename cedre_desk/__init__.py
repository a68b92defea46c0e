"""cedre-desk: the register of CEDRE and CEDRE ISO 9001 certifications."""

__version__ = "0.1.0"
