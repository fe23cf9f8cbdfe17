"""``quizmath stats`` in the terminal: a calendar heatmap, retention, forecast and weak spots."""

from __future__ import annotations

from datetime import date, timedelta

from rich.console import Console
from rich.text import Text

from quizmath.questions.topics import topic_title
from quizmath.stats.report import StatsReport
from quizmath.ui.charts import SHADE_STYLES, SHADES, bar, shade_level, sparkline
from quizmath.ui.lines import Lines

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def show_stats(console: Console, report: StatsReport, *, plain: bool) -> None:
    days = len(report.calendar)
    out = Lines(console, plain=plain)
    answers = f"{report.total_reviews} answer{'s' if report.total_reviews != 1 else ''}"
    out.line(f"Statistics for {report.learner} · last {days} days · {answers}", "bold")
    out.line(
        f"Streak: {_days(report.current_streak)} in a row (longest {_days(report.longest_streak)})"
    )
    out.heading("Reviews per day")
    for text in _heatmap(report.calendar, console.width):
        out.text(text)
    out.heading("True retention per week (mature cards, mock attempts aside)")
    if not report.retention:
        out.line("No reviews of mature cards (interval of 21 days or more) yet.", "dim")
    for week in report.retention:
        rate = week.rate or 0.0
        out.line(
            f"  week of {week.week_start.isoformat()}  {bar(rate, 20)}  {rate:4.0%}  "
            f"{week.retained}/{week.mature_reviews}"
        )
    out.heading("Due reviews, next 30 days")
    counts = [n for _, n in report.forecast]
    out.line(f"  {sparkline(counts)}")
    out.line(f"  {_axis(report.forecast)}", "dim")
    peak_day, peak = max(report.forecast, key=lambda item: item[1])
    out.line(
        f"  today {counts[0]} · next 7 days {sum(counts[:7])} · 30 days {sum(counts)}"
        + (f" · busiest {peak_day.isoformat()} ({peak})" if peak else "")
    )
    out.heading("Accuracy per topic (weakest first)")
    if not report.topics:
        out.line("No answers in this period.", "dim")
    width = max((len(topic_title(t.topic)) for t in report.topics), default=0)
    for topic in report.topics:
        median = "—" if topic.median_ms is None else f"{topic.median_ms / 1000:.1f} s"
        out.line(
            f"  {topic_title(topic.topic).ljust(width)}  {bar(topic.accuracy, 16)} "
            f"{topic.accuracy:4.0%}  {topic.correct}/{topic.reviews}  median {median}"
        )
    if report.missed_topics:
        out.heading("Most missed topics")
        for slug, misses in report.missed_topics:
            out.line(f"  {misses}× {topic_title(slug)}")
    if report.mistakes:
        out.heading("Known mistakes most often made")
        for mistake, count in report.mistakes:
            out.line(f"  {count}× {mistake}")


def _heatmap(calendar: list[tuple[date, int]], width: int) -> list[Text]:
    """Weeks as columns, Monday on top, one shaded cell per day; month names above.

    Cells are spaced apart when the weeks fit ``width`` that way, and packed otherwise.
    """
    if not calendar:
        return [Text("No days.")]
    first = calendar[0][0]
    origin = first - timedelta(days=first.weekday())
    weeks = (calendar[-1][0] - origin).days // 7 + 1
    gap = " " if 5 + 2 * weeks <= width else ""
    peak = max(n for _, n in calendar)
    grid: list[list[tuple[str, str]]] = [[(" ", "")] * weeks for _ in range(7)]
    for day, count in calendar:
        level = shade_level(count, peak)
        grid[day.weekday()][(day - origin).days // 7] = (SHADES[level], SHADE_STYLES[level])
    lines = [Text("     " + _month_line(calendar, origin, 1 + len(gap)))]
    for row, name in enumerate(_WEEKDAYS):
        text = Text(f"{name}  ")
        for cell, style in grid[row]:
            text.append(cell + gap, style=style)
        lines.append(text)
    legend = Text("     less ")
    for level, shade in enumerate(SHADES):
        legend.append(shade + " ", style=SHADE_STYLES[level])
    legend.append(f"more (busiest day: {peak})")
    lines.append(legend)
    return lines


def _month_line(calendar: list[tuple[date, int]], origin: date, cell: int) -> str:
    """Month names over the week each month begins in; a clipped first month yields."""
    starts = [day for day, _ in calendar if day.day == 1 or day == calendar[0][0]]
    labels: dict[int, str] = {}
    leftmost: int | None = None
    for day in reversed(starts):  # later months first, so an overlapping earlier one drops
        column = (day - origin).days // 7 * cell
        label = day.strftime("%b")
        if leftmost is not None and column + len(label) >= leftmost:
            continue
        labels[column] = label
        leftmost = column
    line = [" "] * max((column + len(label) for column, label in labels.items()), default=0)
    for column, label in labels.items():
        line[column : column + len(label)] = label
    return "".join(line)


def _axis(forecast: list[tuple[date, int]]) -> str:
    """Day-of-month marks under a sparkline, every seventh day from today."""
    marks = [" "] * len(forecast)
    for index in range(0, len(forecast), 7):
        label = forecast[index][0].strftime("%d")
        marks[index : index + len(label)] = label
    return "".join(marks)[: len(forecast)]


def _days(count: int) -> str:
    return f"{count} day{'s' if count != 1 else ''}"


__all__ = ["show_stats"]
