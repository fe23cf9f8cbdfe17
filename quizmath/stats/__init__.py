"""Statistics over the review log: history, streaks, retention, forecast and weak spots.

The pure modules (``history``, ``performance``, ``forecast``, ``report``) work on plain
records, so they are tested on hand-built logs; ``query`` and ``collect`` fill the same
report from the store, summed by the database. None of it needs SymPy.
"""
