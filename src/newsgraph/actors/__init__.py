"""Actors: find who acts in an article and resolve each to a country and sector."""
