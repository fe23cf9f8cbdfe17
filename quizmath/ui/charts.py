"""Charts drawn with block characters, so they read the same with colour or without."""

from __future__ import annotations

from collections.abc import Sequence

_EIGHTHS = " ▏▎▍▌▋▊▉"
_SPARKS = "▁▂▃▄▅▆▇█"
SHADES = "·░▒▓█"
"""A heatmap cell: nothing, then four levels up to the busiest day."""
SHADE_STYLES = ("bright_black", "green", "green", "bold green", "bold bright_green")


def bar(fraction: float, width: int) -> str:
    """A horizontal bar ``width`` cells long, filled to ``fraction`` in eighths of a cell."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (_EIGHTHS[part] if part else "")
    return text.ljust(width, " ")


def sparkline(values: Sequence[int]) -> str:
    """One character per value, its height relative to the largest; zero stays a dot."""
    peak = max(values, default=0)
    if peak <= 0:
        return "·" * len(values)
    return "".join("·" if v <= 0 else _SPARKS[min(7, (v * 8 - 1) // peak)] for v in values)


def shade_level(count: int, peak: int) -> int:
    """0 for no reviews, else 1-4 by quarter of the busiest day (the HTML report's levels)."""
    if count <= 0:
        return 0
    return 1 + min(3, (4 * count - 1) // max(peak, 1))


__all__ = ["SHADES", "SHADE_STYLES", "bar", "shade_level", "sparkline"]
