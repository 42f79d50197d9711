"""The web dashboard and JSON API over the store (newsgraph serve)."""
