"""Statistics over evaluation units: bootstrap intervals."""
