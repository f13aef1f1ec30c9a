"""Task definitions: the YAML schema and its loader."""
