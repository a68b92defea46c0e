"""The command line: the same service calls as the window, no Qt."""
