"""Run records: what a scored run stores, its signature, and comparisons between runs."""
