"""Built-in systems; each file is one system, registered by an entry point in pyproject.toml."""
