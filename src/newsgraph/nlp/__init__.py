"""NLP layer: the spaCy pipeline, loaded once and run in batches."""
