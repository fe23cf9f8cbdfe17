"""Migrations create the schema the models describe, and opening a database upgrades it safely."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from quizmath.errors import StoreError
from quizmath.store import engine as engine_module
from quizmath.store.database import Store, open_store
from quizmath.store.migrate import HEAD, alembic_config, migrations_location
from quizmath.store.models import Base

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_head_constant_is_the_newest_script() -> None:
    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD


def test_an_empty_database_upgrades_to_head_and_matches_the_models(store: Store) -> None:
    assert store.revision() == HEAD
    with store.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
        tables = set(inspect(connection).get_table_names())
    assert tables == {*Base.metadata.tables, "alembic_version"}


def test_the_indexes_for_due_cards_and_card_history_exist(store: Store) -> None:
    with store.engine.connect() as connection:
        inspector = inspect(connection)
        states = {i["name"]: i["column_names"] for i in inspector.get_indexes("card_states")}
        reviews = {i["name"]: i["column_names"] for i in inspector.get_indexes("reviews")}
    assert states["ix_card_states_learner_due"][:2] == ["learner_id", "due"]
    assert reviews["ix_reviews_card_learner_time"] == ["card_id", "learner_id", "reviewed_at"]
    assert reviews["ix_reviews_learner_time"] == ["learner_id", "reviewed_at"]


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_foreign_keys(store: Store) -> None:
    with store.engine.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA busy_timeout").scalar() == 10_000
        assert pragma("PRAGMA foreign_keys").scalar() == 1


def test_a_new_file_is_not_backed_up(db_path: Path) -> None:
    open_store(str(db_path), now=NOW).close()
    assert db_path.exists()
    assert not list(db_path.parent.glob("*.bak-*"))


def test_a_database_with_data_is_backed_up_before_migrating(db_path: Path) -> None:
    with sqlite3.connect(db_path) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
        connection.execute("INSERT INTO notes VALUES ('keep me')")
    connection.close()
    store = open_store(str(db_path), now=NOW)
    store.close()
    (backup,) = db_path.parent.glob("*.bak-*")
    assert backup.name == "quizmath.db.bak-20260302T090000Z"
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT body FROM notes").fetchall() == [("keep me",)]
        assert not copy.execute(
            "SELECT name FROM sqlite_master WHERE name = 'alembic_version'"
        ).fetchall()
    copy.close()


def test_a_database_at_head_is_opened_without_a_backup(db_path: Path) -> None:
    open_store(str(db_path), now=NOW).close()
    open_store(str(db_path), now=NOW).close()
    assert not list(db_path.parent.glob("*.bak-*"))


def test_a_database_from_a_newer_version_is_refused(store: Store, db_path: Path) -> None:
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff'")
    store.close()
    with pytest.raises(StoreError, match="revision 'ffff'.*upgrade quizmath"):
        open_store(str(db_path), now=NOW)


@pytest.mark.parametrize(
    "content", [b"this is not a database\n" * 50, bytes(range(256)) * 64], ids=["text", "binary"]
)
def test_a_file_that_is_not_a_database_is_a_one_line_store_error(
    db_path: Path, content: bytes
) -> None:
    db_path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        open_store(str(db_path), now=NOW)
    message = str(caught.value)
    assert "\n" not in message
    assert str(db_path) in message and "not a database" in message


def test_a_locked_database_is_a_store_error_after_the_busy_timeout(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_store(str(db_path), now=NOW).close()
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_SECONDS", 0.2)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        store = open_store(str(db_path), migrate=False)
        with pytest.raises(StoreError, match="database is locked"), store.writing() as session:
            session.execute(text("SELECT 1"))
        store.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_url_is_used_as_is_and_a_path_becomes_a_sqlite_url(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'by-url.db'}"
    store = open_store(url, now=NOW)
    store.close()
    assert store.url == url and store.path == tmp_path / "by-url.db"
    assert (tmp_path / "by-url.db").exists()


def test_a_bad_url_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot use database"):
        open_store("nosuchdialect://user@host/db", now=NOW)


def test_the_default_database_lives_in_the_user_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    store = open_store(None, now=NOW)
    store.close()
    assert store.path == tmp_path / "data" / "quizmath" / "quizmath.db"
    assert store.path.exists()


def test_the_scripts_also_run_from_a_url_configuration(tmp_path: Path) -> None:
    from alembic import command

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    command.upgrade(alembic_config(url), "head")
    store = open_store(url, migrate=False)
    assert store.revision() == HEAD
    store.close()
    assert (migrations_location() / "versions").is_dir()
