"""Built-in systems, each registered by an entry point in pyproject.toml: one module per system,
one subpackage per system spread over several files (``dates_rules``, ``crf``), and the helpers
they share (``arabic``, ``anercorp``)."""
