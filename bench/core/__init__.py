"""Documents, spans and the other records that cross module boundaries."""
