"""The store: an embedded DuckDB database of extracted articles, queried and exported."""
