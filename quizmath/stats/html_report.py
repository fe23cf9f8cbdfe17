"""A self-contained HTML report: inline SVG charts and CSS, nothing fetched from the network."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from quizmath.questions.topics import topic_title
from quizmath.stats.report import StatsReport

_CELL = 12
_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; }
svg text { font: 11px system-ui, sans-serif; fill: #444; }
.muted { color: #666; } table { border-collapse: collapse; }
td, th { padding: .2rem .6rem; text-align: left; border-bottom: 1px solid #ddd; }
"""


def render_html(report: StatsReport) -> str:
    """The report as one HTML document."""
    sections = [
        f"<h1>quizmath — {escape(report.learner)}</h1>",
        f'<p class="muted">{report.total_reviews} reviews in the last {len(report.calendar)} '
        f"days · current streak {report.current_streak} · longest {report.longest_streak} · "
        f"as of {report.today.isoformat()}</p>",
        "<h2>Reviews per day</h2>",
        _heatmap(report.calendar),
        "<h2>True retention per week</h2>",
        _retention(report),
        "<h2>Due reviews, next 30 days</h2>",
        _forecast(report.forecast),
        "<h2>Accuracy per topic</h2>",
        _topics(report),
        "<h2>Most made mistakes</h2>",
        _mistakes(report),
    ]
    body = "\n".join(sections)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>quizmath statistics — {escape(report.learner)}</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _shade(count: int, peak: int) -> str:
    if count == 0:
        return "#ebedf0"
    level = min(3, (4 * count - 1) // max(peak, 1))
    return ("#9be9a8", "#40c463", "#30a14e", "#216e39")[level]


def _heatmap(calendar: list[tuple[date, int]]) -> str:
    """GitHub-style: one square per day, weeks as columns, Monday on top."""
    if not calendar:
        return "<p>No days.</p>"
    first = calendar[0][0]
    origin = first - timedelta(days=first.weekday())
    peak = max(n for _, n in calendar)
    weeks = (calendar[-1][0] - origin).days // 7 + 1
    cells = []
    for day, count in calendar:
        column, row = (day - origin).days // 7, day.weekday()
        cells.append(
            f'<rect class="day" x="{column * _CELL}" y="{row * _CELL}" width="{_CELL - 2}" '
            f'height="{_CELL - 2}" fill="{_shade(count, peak)}" data-day="{day.isoformat()}" '
            f'data-count="{count}"><title>{day.isoformat()}: {count} reviews</title></rect>'
        )
    return _svg(weeks * _CELL, 7 * _CELL, "heatmap", cells)


def _bars(
    values: list[tuple[str, float, str]], mark: str, height: int = 120, max_value: float = 0.0
) -> str:
    """Vertical bars: (label, value, tooltip) each; one ``rect.{mark}`` per value."""
    if not values:
        return "<p>Nothing yet.</p>"
    width = 18
    top = max(max_value, max(v for _, v, _ in values), 1e-9)
    marks = []
    for index, (label, value, tip) in enumerate(values):
        bar = 0 if value <= 0 else max(1, round(value / top * height))
        marks.append(
            f'<rect class="{mark}" x="{index * width}" y="{height - bar}" width="{width - 3}" '
            f'height="{bar}" fill="#4c78a8" data-label="{escape(label)}" '
            f'data-value="{value:g}"><title>{escape(tip)}</title></rect>'
        )
    return _svg(len(values) * width, height, mark + "s", marks)


def _retention(report: StatsReport) -> str:
    values = [
        (
            w.week_start.isoformat(),
            w.rate or 0.0,
            f"week of {w.week_start.isoformat()}: {w.retained}/{w.mature_reviews} right",
        )
        for w in report.retention
    ]
    return _bars(values, "week", max_value=1.0)


def _forecast(forecast: list[tuple[date, int]]) -> str:
    return _bars(
        [(d.isoformat(), n, f"{d.isoformat()}: {n} due") for d, n in forecast], "forecast-day"
    )


def _topics(report: StatsReport) -> str:
    if not report.topics:
        return "<p>Nothing yet.</p>"
    row_height, width = 18, 300
    marks = []
    for index, topic in enumerate(report.topics):
        y = index * row_height
        bar = round(topic.accuracy * width)
        median = "—" if topic.median_ms is None else f"{topic.median_ms / 1000:.1f} s"
        marks.append(
            f'<rect class="topic" x="220" y="{y}" width="{bar}" height="{row_height - 4}" '
            f'fill="#54a24b" data-topic="{escape(topic.topic)}" data-accuracy="{topic.accuracy:g}">'
            f"<title>{topic.correct}/{topic.reviews} right, median {median}</title></rect>"
            f'<text x="0" y="{y + 12}">{escape(topic_title(topic.topic))}</text>'
            f'<text x="{226 + bar}" y="{y + 12}">{topic.accuracy:.0%}</text>'
        )
    return _svg(220 + width + 60, len(report.topics) * row_height, "topics", marks)


def _mistakes(report: StatsReport) -> str:
    if not report.mistakes:
        return "<p>No known mistakes made.</p>"
    rows = "".join(f"<tr><td>{n}×</td><td>{escape(m)}</td></tr>" for m, n in report.mistakes)
    return f"<table>{rows}</table>"


def _svg(width: int, height: int, name: str, marks: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {name}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{name}">'
        + "".join(marks)
        + "</svg>"
    )


__all__ = ["render_html"]
