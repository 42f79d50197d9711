"""The store: an embedded DuckDB database of extracted articles, queried and exported."""

__all__ = ["EXPORT_FORMATS"]

# The formats ``newsgraph export`` writes (store/export.py); here so that the CLI's help needs no DuckDB.
EXPORT_FORMATS = ("parquet", "csv", "jsonl", "gdelt")
