"""FSRS scheduling, study days and the order of a session; no database and no SymPy here."""
