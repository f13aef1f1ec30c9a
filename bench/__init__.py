"""bench: an evaluation harness for information extraction on Arabic news."""

__version__ = "0.1.0"
