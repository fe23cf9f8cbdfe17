"""Alembic migrations for the quizmath database, shipped inside the package."""
