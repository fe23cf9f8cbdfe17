"""``quizmath db upgrade|backup|check``."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quizmath.cli import cli
from quizmath.errors import StoreError
from quizmath.store.migrate import HEAD

NOW = "2026-03-02T09:00:00+00:00"


def run(db: Path, *args: str, input: str = "") -> Result:
    return CliRunner().invoke(
        cli,
        ["--db", str(db), "--learner", "ann", *args],
        input=input,
        env={"QUIZMATH_NOW": NOW, "TZ": "UTC"},
        catch_exceptions=False,
    )


def execute(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(sql).fetchall()
    connection.close()
    return rows


@pytest.fixture
def studied(tmp_path: Path) -> Path:
    """A database with three self-graded reviews."""
    db = tmp_path / "studied.db"
    result = run(db, "quiz", "--deck", "core", "--topic", "it.kl", input="1\n3\n3\n")
    assert result.output.count("Recorded:") == 3, result.output
    return db


def test_upgrade_creates_then_reports_the_revision(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    first = run(db, "db", "upgrade")
    assert first.exit_code == 0
    assert first.output == f"Upgraded {db} from empty to schema revision {HEAD}.\n"
    assert run(db, "db", "upgrade").output == f"{db} is already at schema revision {HEAD}.\n"


def test_upgrade_backs_up_a_file_with_data(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    execute(db, "CREATE TABLE notes (body TEXT)")
    result = run(db, "db", "upgrade")
    backup = tmp_path / "old.db.bak-20260302T090000Z"
    assert result.output.endswith(f"Backup: {backup}\n")
    assert execute(backup, "SELECT name FROM sqlite_master") == [("notes",)]


def test_backup_copies_the_reviews(studied: Path, tmp_path: Path) -> None:
    result = run(studied, "db", "backup")
    (copy,) = tmp_path.glob("studied.db.bak-*")
    assert result.output == f"Backup: {copy}\n"
    assert execute(copy, "SELECT count(*) FROM reviews") == [(3,)]
    target = tmp_path / "chosen.db"
    assert run(studied, "db", "backup", "--to", str(target)).output == f"Backup: {target}\n"
    with pytest.raises(StoreError, match="already exists"):
        run(studied, "db", "backup", "--to", str(target))


def test_check_passes_on_a_healthy_database(studied: Path) -> None:
    result = run(studied, "db", "check")
    assert result.exit_code == 0
    assert f"integrity ok, schema at {HEAD}, card states match the review log" in result.output


def test_check_finds_a_state_that_disagrees_with_the_log(studied: Path) -> None:
    execute(studied, "UPDATE card_states SET stability = stability * 2")
    result = run(studied, "db", "check")
    assert result.exit_code == 1
    assert "review log: learner 1, concept card core.kl-asymmetry: stability is" in result.output


def test_check_finds_reviews_without_a_state(studied: Path) -> None:
    execute(studied, "DELETE FROM card_states")
    result = run(studied, "db", "check")
    assert result.exit_code == 1
    assert "3 reviews belong to cards without a stored state" in result.output


def test_check_reports_an_unknown_schema_revision(studied: Path) -> None:
    execute(studied, "UPDATE alembic_version SET version_num = 'ffff'")
    result = run(studied, "db", "check")
    assert result.exit_code == 1
    assert f"schema revision is ffff, not {HEAD}" in result.output
