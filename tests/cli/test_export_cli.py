"""``quizmath export anki`` and ``quizmath export csv`` end to end, errors included."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from quizmath.cli import main
from quizmath.decks.loader import DeckLoad
from quizmath.decks.model import ConceptCard, Deck


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as done:
        code = int(done.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(("command", "name"), [("anki", "core.apkg"), ("csv", "core.txt")])
def test_an_export_writes_the_file_and_a_one_line_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, name: str
) -> None:
    out = tmp_path / name
    code, stdout, stderr = _run(
        capsys, "export", command, str(out), "--deck", "core", "--variants", "1"
    )
    assert code == 0, stderr
    size = out.stat().st_size
    assert stdout.count("\n") == 1
    assert stdout.startswith("Exported ")
    assert f"to {out} ({size / 1000:.1f} kB)." in stdout
    assert "Building notes" not in stderr  # no progress bar when stderr is not a terminal


def test_the_same_request_gives_the_same_bytes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for run in ("a", "b"):
        for command, suffix in (("anki", "apkg"), ("csv", "txt")):
            args = ("export", command, str(tmp_path / f"{run}.{suffix}"), "--deck", "core")
            assert _run(capsys, *args, "--variants", "2", "--seed", "4")[0] == 0
    assert (tmp_path / "a.apkg").read_bytes() == (tmp_path / "b.apkg").read_bytes()
    assert (tmp_path / "a.txt").read_bytes() == (tmp_path / "b.txt").read_bytes()
    _run(capsys, "export", "anki", str(tmp_path / "c.apkg"), "--deck", "core", "--seed", "5")
    assert (tmp_path / "c.apkg").read_bytes() != (tmp_path / "a.apkg").read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--deck", "no-such-deck"], "Error: unknown deck 'no-such-deck'"),
        (["--topic", "xx.nothing"], "Error: unknown topic 'xx.nothing'"),
        (["--variants", "0"], "Error: variants must be at least 1, not 0"),
    ],
)
@pytest.mark.parametrize("command", ["anki", "csv"])
def test_bad_selections_are_one_line_errors(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    args: list[str],
    message: str,
) -> None:
    code, stdout, stderr = _run(capsys, "export", command, str(tmp_path / "out"), *args)
    assert code == 1
    assert stderr.startswith(message)
    assert stderr.count("\n") == 1
    assert stdout == ""
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("target", ["missing-dir/out.apkg", "."])
def test_an_unwritable_path_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    code, _, stderr = _run(capsys, "export", "anki", str(tmp_path / target))
    assert code == 1
    assert stderr.startswith(f"Error: cannot write {tmp_path / target}")
    assert stderr.count("\n") == 1


def test_unknown_templates_and_broken_deck_files_are_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    card = ConceptCard("demo.idea", "pr.rules", "Q?", "A.")
    deck = Deck("demo", "Demo", "", ("ca.sigmoid-chain", "zz.pending"), (card,), "demo.toml")
    loaded = DeckLoad({"demo": deck}, ["broken.toml:3: TOML syntax error: expected '='"])
    monkeypatch.setattr("quizmath.decks.loader.load_decks", lambda: loaded)

    code, stdout, stderr = _run(capsys, "export", "csv", str(tmp_path / "demo.txt"))

    assert code == 0
    assert stderr.splitlines() == [
        "warning: broken.toml:3: TOML syntax error: expected '='",
        "warning: deck demo lists unknown template 'zz.pending'; skipped",
    ]
    assert stdout.startswith("Exported 4 notes in 2 decks to ")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_a_progress_bar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    code, stdout, _ = _run(capsys, "export", "csv", str(tmp_path / "core.txt"), "--deck", "core")
    assert code == 0
    assert stdout.startswith("Exported ")
    assert "Building notes" in terminal.getvalue()
