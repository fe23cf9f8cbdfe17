"""Field HTML: specials escaped, math delimiters and braces intact, lines kept."""

from __future__ import annotations

import warnings

import genanki
import pytest

from quizmath.export.fields import display_math_html, steps_html, text_html
from quizmath.export.note_model import MODEL_ID, note_model


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"\(a < b\) & c", r"\(a &lt; b\) &amp; c"),
        (r"\(\frac{1}{2}\) and \(\{x\}\)", r"\(\frac{1}{2}\) and \(\{x\}\)"),
        ('"quoted" <script>', '"quoted" &lt;script&gt;'),
        ("\n  one\ntwo\n", "one<br>two"),
        ("p → q ≥ 0", "p → q ≥ 0"),
    ],
)
def test_text_is_escaped_with_math_and_lines_kept(text: str, expected: str) -> None:
    assert text_html(text) == expected


def test_display_math_is_wrapped_and_escaped() -> None:
    latex = r"\left\{ x \mid x^{2} < 4 \right\}"
    assert display_math_html(latex) == r"\[\left\{ x \mid x^{2} &lt; 4 \right\}\]"
    assert display_math_html("a\n+ b") == r"\[a + b\]"


def test_steps_become_a_numbered_list() -> None:
    assert steps_html([]) == ""
    assert steps_html(["a < b", r"\(c\)"]) == (
        r'<ol class="qm-steps"><li>a &lt; b</li><li>\(c\)</li></ol>'
    )


def test_escaped_fields_pass_genankis_html_check() -> None:
    note = genanki.Note(
        model=note_model(),
        fields=[text_html("x < y"), display_math_html("a<b"), steps_html(["1 < 2"]), "t", "s"],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        note._check_invalid_html_tags_in_fields()


def test_the_note_model_is_stable() -> None:
    model = note_model()
    assert model.model_id == MODEL_ID == 1_742_518_097
    assert [field["name"] for field in model.fields] == [
        "Question",
        "Answer",
        "Solution",
        "Topic",
        "Source",
    ]
    assert "{{Question}}" in model.templates[0]["qfmt"]
    assert "{{Solution}}" in model.templates[0]["afmt"]
