"""The ``newsgraph`` command line: thin commands over library functions."""
