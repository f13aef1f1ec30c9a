"""The system protocol, the registry of systems, and the ways systems come in."""
