"""Deck and study-plan files (TOML) shipped with quizmath."""
