"""Math renders as one readable line of Unicode for the terminal and as LaTeX for Anki."""

from __future__ import annotations

import pytest
import sympy

from quizmath.checking.functions import sigmoid
from quizmath.questions.render import Math, render_latex, render_text, unicode_math

x, u, mu = sympy.symbols("x u mu")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (3 * x**2 - 2 * x + 1, "3x² − 2x + 1"),
        (sympy.diff(sigmoid(3 * x - 2), x), "3(1 − σ(3x − 2))·σ(3x − 2)"),
        (sympy.exp(-x) / (1 + sympy.exp(-x)) ** 2, "e^(−x)/(1 + e^(−x))²"),
        (5 * u ** sympy.Rational(1, 3), "5u^(1/3)"),
        (sympy.exp(sympy.Rational(1, 2)), "e^(1/2)"),
        (3 * sympy.exp(2 * x), "3e^(2x)"),
        (x**-2, "1/x²"),
        (x ** -sympy.Rational(1, 2), "1/√x"),
        (sympy.sqrt(2) / 2, "√2/2"),
        ((x - mu) ** 2, "(−μ + x)²"),
        (sympy.Symbol("x1") + sympy.Symbol("x2"), "x₁ + x₂"),
        (sympy.Matrix([[1, -2], [3, 4]]), "[[1, −2], [3, 4]]"),
        (sympy.Max(0, x), "max(0, x)"),
        (3 * sympy.tanh(x) ** 2, "3·tanh(x)²"),
        (2 * sympy.log(x), "2·log(x)"),
    ],
)
def test_unicode_math(value: sympy.Basic, text: str) -> None:
    assert unicode_math(value) == text


def test_a_prompt_renders_once_into_both_forms() -> None:
    parts = ["Find ", Math("KL(P‖Q)", r"\mathrm{KL}(P\,\|\,Q)"), " for ", sigmoid(x), "."]
    assert render_text(parts) == "Find KL(P‖Q) for σ(x)."
    assert render_latex(parts) == (r"Find \(\mathrm{KL}(P\,\|\,Q)\) for \(\sigma\left(x\right)\).")
