"""The ML functions learners type (sigmoid, softplus, relu) as SymPy functions.

Keys keep them by name (``3*sigmoid(3*x - 2)``) while numeric comparison rewrites them into
elementary functions.
"""

from __future__ import annotations

import sympy
from sympy import S


class sigmoid(sympy.Function):  # noqa: N801 - the name learners type
    """σ(u) = 1 / (1 + e^(−u)); its derivative is σ(u)(1 − σ(u))."""

    @classmethod
    def eval(cls, arg: sympy.Expr) -> sympy.Expr | None:
        if arg.is_zero:
            return S.Half
        return None

    def fdiff(self, argindex: int = 1) -> sympy.Expr:
        s = sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_rewrite_as_exp(self, arg: sympy.Expr, **kwargs: object) -> sympy.Expr:
        return 1 / (1 + sympy.exp(-arg))

    def _eval_evalf(self, prec: int) -> sympy.Expr:
        return self.rewrite(sympy.exp)._eval_evalf(prec)

    def _latex(self, printer: sympy.printing.latex.LatexPrinter) -> str:
        return r"\sigma\left(" + printer._print(self.args[0]) + r"\right)"


class softplus(sympy.Function):  # noqa: N801 - the name learners type
    """softplus(u) = log(1 + e^u); its derivative is σ(u)."""

    def fdiff(self, argindex: int = 1) -> sympy.Expr:
        return sigmoid(self.args[0])

    def _eval_rewrite_as_exp(self, arg: sympy.Expr, **kwargs: object) -> sympy.Expr:
        return sympy.log(1 + sympy.exp(arg))

    def _eval_evalf(self, prec: int) -> sympy.Expr:
        return self.rewrite(sympy.exp)._eval_evalf(prec)

    def _latex(self, printer: sympy.printing.latex.LatexPrinter) -> str:
        return r"\operatorname{softplus}\left(" + printer._print(self.args[0]) + r"\right)"


def relu(arg: sympy.Expr) -> sympy.Expr:
    """ReLU is max(0, u); SymPy's Max already differentiates to a Heaviside step."""
    return sympy.Max(0, arg)


def elementary(expr: sympy.Expr) -> sympy.Expr:
    """Replace sigmoid and softplus by exp/log so any numeric backend can evaluate them.

    Only these two are replaced: a blanket ``rewrite(exp)`` would also turn sin, cos and tanh
    into complex exponentials.
    """
    if not expr.has(sigmoid, softplus):
        return expr
    return expr.replace(sigmoid, lambda u: 1 / (1 + sympy.exp(-u))).replace(
        softplus, lambda u: sympy.log(1 + sympy.exp(u))
    )


__all__ = ["elementary", "relu", "sigmoid", "softplus"]
