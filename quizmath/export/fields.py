"""Field HTML: text with MathJax delimiters made safe for Anki without touching the math.

Anki fields are HTML, so ``<``, ``>`` and ``&`` are escaped everywhere, math included: the
browser decodes them before MathJax reads ``\\( … \\)``. Backslashes and braces pass unchanged.
"""

from __future__ import annotations

import html
from collections.abc import Sequence


def text_html(text: str) -> str:
    """Text (with inline math) as HTML, its line breaks kept as ``<br>``."""
    return "<br>".join(html.escape(line, quote=False) for line in text.strip().splitlines())


def display_math_html(latex: str) -> str:
    """LaTeX without delimiters as a displayed ``\\[ … \\]`` formula."""
    return r"\[" + html.escape(" ".join(latex.split()), quote=False) + r"\]"


def steps_html(steps: Sequence[str]) -> str:
    """Worked-solution steps as a numbered list, or nothing when there are none."""
    if not steps:
        return ""
    items = "".join(f"<li>{text_html(step)}</li>" for step in steps)
    return f'<ol class="qm-steps">{items}</ol>'


__all__ = ["display_math_html", "steps_html", "text_html"]
