"""The JSON Schema of newsgraph records (record.v1.json)."""
