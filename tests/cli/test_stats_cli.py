"""``quizmath stats``: JSON, the terminal drawing, and ``--html FILE`` passing the report checks."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from quizmath.cli import cli, main
from tests.cli.quiz_driver import right_answer, shown_in, wrong_answer
from tests.stats.test_html_report import _Collector

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


pytestmark = pytest.mark.usefixtures("local_time_is_utc")


def run(db: Path, *args: str, at: datetime, input: str = "", code: int = 0) -> str:
    result = CliRunner().invoke(
        cli,
        ["--db", str(db), "--learner", "ann", *args],
        input=input,
        env={"QUIZMATH_NOW": at.isoformat()},
        catch_exceptions=False,
    )
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture(scope="module")
def studied(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three days of two new core cards each, every other answer wrong."""
    db = tmp_path_factory.mktemp("stats") / "stats.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "UTC")
        time.tzset()
        for day in (0, 1, 3):
            at = START + timedelta(days=day)
            for index in range(2):
                args = ("quiz", "--deck", "core", "--new", "2", "--max", "1")
                (shown,) = shown_in(run(db, *args, at=at))[:1]
                answer = wrong_answer(shown) if index else right_answer(shown)
                run(db, *args, at=at, input=f"{answer}\n")
    time.tzset()
    return db


def test_json_counts_the_answers_given(studied: Path) -> None:
    report: dict[str, Any] = json.loads(
        run(studied, "stats", "--json", "--days", "7", at=START + timedelta(days=3, hours=2))
    )
    assert report["learner"] == "ann" and report["today"] == "2026-03-05"
    assert [c["reviews"] for c in report["calendar"]] == [0, 0, 0, 2, 2, 0, 2]
    assert report["total_reviews"] == 6
    assert report["streak"] == {"current": 1, "longest": 2}
    assert sum(t["reviews"] for t in report["topics"]) == 6
    assert sum(t["correct"] for t in report["topics"]) == 3
    assert len(report["forecast"]) == 30 and report["retention"] == []


def test_html_report_is_written_and_passes_the_report_checks(studied: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    at = START + timedelta(days=3, hours=2)
    printed = run(studied, "stats", "--days", "14", "--html", str(out), at=at)
    assert f"Wrote {out}" in printed
    html = out.read_text(encoding="utf-8")
    parser = _Collector()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    for tag, attrs, _ in parser.elements:
        assert tag not in {"script", "link", "img", "iframe"}, tag
        for name in ("src", "href"):
            assert not (attrs.get(name) or "").startswith(("http:", "https:", "//")), attrs
    svgs = [attrs["class"] for tag, attrs, _ in parser.elements if tag == "svg"]
    assert svgs == ["chart heatmap", "chart forecast-days", "chart topics"]  # no mature cards

    def marks(cls: str) -> list[dict[str, str | None]]:
        return [a for tag, a, parents in parser.elements
                if tag == "rect" and a.get("class") == cls and "svg" in parents]  # fmt: skip

    report = json.loads(run(studied, "stats", "--json", "--days", "14", at=at))
    days = marks("day")
    assert len(days) == 14 and sum(int(d["data-count"] or 0) for d in days) == 6
    assert [d["data-day"] for d in days] == [c["day"] for c in report["calendar"]]
    assert len(marks("forecast-day")) == 30
    assert [t["data-topic"] for t in marks("topic")] == [t["topic"] for t in report["topics"]]


def test_the_terminal_report_draws_the_calendar_and_bars(studied: Path) -> None:
    text = run(studied, "stats", at=START + timedelta(days=3, hours=2))
    assert "Statistics for ann · last 30 days · 6 answers" in text
    assert "Streak: 1 day in a row (longest 2 days)" in text
    for heading in ("Reviews per day", "True retention per week", "Due reviews, next 30 days",
                    "Accuracy per topic", "Most missed topics"):  # fmt: skip
        assert heading in text
    rows = [line for line in text.splitlines() if line.startswith(("Mon ", "Sun "))]
    assert len(rows) == 2
    assert "█" in text


def test_a_learner_with_no_reviews_gets_an_empty_report(tmp_path: Path) -> None:
    report = json.loads(run(tmp_path / "new.db", "stats", "--json", at=START))
    assert report["total_reviews"] == 0 and len(report["calendar"]) == 30
    assert "No answers in this period." in run(tmp_path / "new.db", "stats", at=START)


def test_an_unwritable_html_path_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing" / "r.html"
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(tmp_path / "q.db"), "stats", "--html", str(target)])
    assert exit_.value.code == 1
    error = capsys.readouterr().err
    assert error.startswith(f"Error: cannot write {target}") and error.count("\n") == 1
