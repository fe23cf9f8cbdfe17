"""The store: SQLAlchemy models, engine setup, migrations, backups and queries (no SymPy)."""
