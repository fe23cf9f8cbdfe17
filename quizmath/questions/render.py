"""Render prompt and solution parts as Unicode (terminal) and LaTeX (Anki, HTML).

Templates describe a prompt once, as a sequence of parts: plain text, SymPy values, and
``Math`` pairs for notation SymPy cannot print (``KL(P‖Q)``). This module renders both forms
so the two never drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

import sympy
from sympy.printing.precedence import PRECEDENCE
from sympy.printing.str import StrPrinter

from quizmath.checking.functions import sigmoid, softplus


@dataclass(frozen=True)
class Math:
    """Notation given in both forms by the template author."""

    text: str
    latex: str


Part: TypeAlias = str | Math | sympy.Basic | sympy.MatrixBase | int | float
Parts: TypeAlias = Sequence[Part]

_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "eta": "η",
    "theta": "θ", "lambda": "λ", "lamda": "λ", "mu": "μ", "nu": "ν", "pi": "π", "rho": "ρ",
    "sigma": "σ", "tau": "τ", "phi": "φ", "omega": "ω", "xi": "ξ",
}  # fmt: skip


class _UnicodePrinter(StrPrinter):
    """One-line Unicode: superscript powers, implicit products, σ, √, π, true minus signs."""

    def _print_Symbol(self, expr: sympy.Symbol) -> str:
        name = expr.name
        match = re.fullmatch(r"([A-Za-z]+)_?(\d+)", name)
        if match:
            return _GREEK.get(match[1], match[1]) + match[2].translate(_SUBSCRIPTS)
        return _GREEK.get(name, name)

    def _print_Pi(self, expr: sympy.Expr) -> str:
        return "π"

    def _print_Exp1(self, expr: sympy.Expr) -> str:
        return "e"

    def _print_exp(self, expr: sympy.Expr) -> str:
        return "e^" + _grouped(self._print(expr.args[0]))

    def _print_Pow(self, expr: sympy.Pow, rational: bool = False) -> str:
        base, exponent = expr.as_base_exp()
        if exponent == sympy.S.Half:
            inner = self._print(base)
            return "√" + (inner if base.is_Atom else f"({inner})")
        if exponent.is_Integer and exponent > 0:
            return self.parenthesize(base, PRECEDENCE["Pow"], strict=True) + str(
                exponent
            ).translate(_SUPERSCRIPTS)
        if exponent.is_negative:
            return "1/" + self.parenthesize(base**-exponent, PRECEDENCE["Mul"], strict=True)
        return (
            self.parenthesize(base, PRECEDENCE["Pow"], strict=True)
            + "^"
            + _grouped(self._print(exponent))
        )

    def _print_Mul(self, expr: sympy.Mul) -> str:
        text = super()._print_Mul(expr)
        # "3x", "2σ(x)", "4(x + 1)" but "2·softplus(x)": a coefficient sticks to one letter only.
        text = re.sub(
            r"(?<![\w.])(\d+)\*(?=[A-Za-z](?![A-Za-z])|[σ√π(αβγδεηθλμνρτφωξ])", r"\1", text
        )
        return re.sub(r"(?<!\*)\*(?!\*)", "·", text)

    def _print_Function(self, expr: sympy.Function) -> str:
        if isinstance(expr, sigmoid):
            return "σ(" + self._print(expr.args[0]) + ")"
        if isinstance(expr, softplus):
            return "softplus(" + self._print(expr.args[0]) + ")"
        return super()._print_Function(expr)

    def _print_Max(self, expr: sympy.Expr) -> str:
        return "max(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Min(self, expr: sympy.Expr) -> str:
        return "min(" + ", ".join(self._print(a) for a in expr.args) + ")"

    def _print_Abs(self, expr: sympy.Expr) -> str:
        return "|" + self._print(expr.args[0]) + "|"

    def _print_Infinity(self, expr: sympy.Expr) -> str:
        return "∞"

    def _print_NegativeInfinity(self, expr: sympy.Expr) -> str:
        return "−∞"

    def _print_MatrixBase(self, expr: sympy.MatrixBase) -> str:
        return (
            "["
            + ", ".join("[" + ", ".join(self._print(v) for v in row) + "]" for row in expr.tolist())
            + "]"
        )

    _print_ImmutableDenseMatrix = _print_MatrixBase
    _print_MutableDenseMatrix = _print_MatrixBase


def _grouped(text: str) -> str:
    """A superscript-like argument: bare when it is one name or integer, else in brackets."""
    return text if re.fullmatch(r"\d+|[^\W\d]\w*", text) else f"({text})"


_UNICODE = _UnicodePrinter()


def unicode_math(value: object) -> str:
    """One value as one line of Unicode math."""
    if isinstance(value, Math):
        return value.text
    if isinstance(value, str):
        return value
    # Every "-" the printer emits is a minus sign.
    return _UNICODE.doprint(sympy.sympify(value, rational=False)).replace("-", "−")


def latex_math(value: object) -> str:
    """One value as LaTeX (without delimiters)."""
    if isinstance(value, Math):
        return value.latex
    if isinstance(value, str):
        return value
    expr = sympy.sympify(value, rational=False)
    if isinstance(expr, sympy.MatrixBase):
        return sympy.latex(expr, mat_delim="[", mat_str="matrix")
    return sympy.latex(expr)


def render_text(parts: Part | Parts) -> str:
    """A sentence of parts as terminal text."""
    return "".join(_text_part(p) for p in _as_parts(parts))


def render_latex(parts: Part | Parts) -> str:
    """A sentence of parts as text with inline MathJax ``\\( … \\)`` around the math."""
    return "".join(_latex_part(p) for p in _as_parts(parts))


def _as_parts(parts: Part | Parts) -> Parts:
    if isinstance(parts, str | Math | sympy.Basic | sympy.MatrixBase | int | float):
        return (parts,)
    return parts


def _text_part(part: Part) -> str:
    return part if isinstance(part, str) else unicode_math(part)


def _latex_part(part: Part) -> str:
    return part if isinstance(part, str) else r"\(" + latex_math(part) + r"\)"


__all__ = ["Math", "Part", "Parts", "latex_math", "render_latex", "render_text", "unicode_math"]
