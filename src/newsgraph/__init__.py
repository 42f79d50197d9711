"""newsgraph: event data from international news, with evidence on every row."""

__version__ = "0.1.0"

__all__ = ["__version__"]
