"""Statistics over the review log: history, streaks, retention, forecast and weak spots.

Pure functions of plain records, so they are tested on hand-built logs and never need SymPy.
"""
