"""The HTML report parses, needs no network, and draws one mark per day, week and topic."""

from __future__ import annotations

from datetime import date, timedelta
from html.parser import HTMLParser

from quizmath.stats.facts import ReviewFact
from quizmath.stats.html_report import render_html
from quizmath.stats.report import build_report

TODAY = date(2026, 3, 31)


class _Collector(HTMLParser):
    """Collects tags and attributes, and checks that every opened element is closed."""

    VOID = {"meta", "br", "link", "img", "input", "hr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.elements: list[tuple[str, dict[str, str | None], list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs), list(self.stack)))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def _report() -> str:
    facts = []
    for offset in range(0, 40, 2):  # every other day, over 40 days
        day = TODAY - timedelta(days=offset)
        facts.append(ReviewFact(day, "it.kl", offset % 4 == 0, offset > 10, 3000, None))
        facts.append(ReviewFact(day, "la.eigen", True, offset > 10, 2000, None))
    facts.append(ReviewFact(TODAY, "pr.bayes", False, False, 9000, "forgot false positives"))
    due = [TODAY + timedelta(days=d) for d in (0, 3, 3, 40)]
    report = build_report("ada <&>", facts, {f.day for f in facts}, due, TODAY, 28)
    return render_html(report)


def test_report_is_well_formed_html_without_network_access() -> None:
    html = _report()
    parser = _Collector()
    parser.feed(html)
    parser.close()
    assert parser.stack == []
    for tag, attrs, _ in parser.elements:
        assert tag not in {"script", "link", "img", "iframe"}, tag
        for name in ("src", "href"):
            assert not (attrs.get(name) or "").startswith(("http:", "https:", "//")), attrs
    assert "ada &lt;&amp;&gt;" in html


def test_each_chart_has_one_mark_per_day_week_and_topic() -> None:
    parser = _Collector()
    parser.feed(_report())
    svgs = [attrs["class"] for tag, attrs, _ in parser.elements if tag == "svg"]
    assert svgs == ["chart heatmap", "chart weeks", "chart forecast-days", "chart topics"]

    def marks(cls: str) -> list[dict[str, str | None]]:
        return [
            a
            for tag, a, parents in parser.elements
            if tag == "rect" and a.get("class") == cls and "svg" in parents
        ]

    days = marks("day")
    assert len(days) == 28
    assert days[-1]["data-day"] == TODAY.isoformat()
    assert sum(int(d["data-count"] or 0) for d in days) == 2 * 14 + 1
    # mature reviews (offset > 10) within the 28-day window fall in these Monday weeks
    assert len(marks("week")) == 3
    forecast = marks("forecast-day")
    assert len(forecast) == 30
    assert [f["data-value"] for f in forecast[:4]] == ["1", "0", "0", "2"]
    assert [t["data-topic"] for t in marks("topic")] == ["pr.bayes", "it.kl", "la.eigen"]
