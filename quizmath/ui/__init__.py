"""Terminal rendering with rich, falling back to plain text for pipes and ``NO_COLOR``."""
