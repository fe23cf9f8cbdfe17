"""Property tests: printed forms of random expressions are accepted, perturbed ones rejected.

Expressions over x are built from small integers, +, *, powers 0..4, exp, sin and sigmoid, and
printed with format.py expanded, factored and rewritten (sigmoid into exp or tanh).
"""

from __future__ import annotations

import math

import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quizmath.checking import AnswerSpec, check_answer
from quizmath.checking.format import format_expr
from quizmath.checking.functions import sigmoid
from quizmath.checking.numeric import Undefined, compile_real

x = sympy.Symbol("x")
GRID = [-3 + 6 * i / 40 for i in range(41)]

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)

leaves = st.one_of(st.just(x), st.integers(-3, 3).map(sympy.Integer))


def _extend(children: st.SearchStrategy[sympy.Expr]) -> st.SearchStrategy[sympy.Expr]:
    pairs = st.tuples(children, children)
    return st.one_of(
        pairs.map(lambda p: p[0] + p[1]),
        pairs.map(lambda p: p[0] * p[1]),
        st.tuples(children, st.integers(0, 4)).map(lambda p: p[0] ** p[1]),
        children.map(sympy.exp),
        children.map(sympy.sin),
        children.map(sigmoid),
    )


expressions = st.recursive(leaves, _extend, max_leaves=6)


def values(expr: sympy.Expr) -> list[float | None]:
    """The expression on a grid of [-3, 3]; None where it is undefined or huge."""
    evaluate = compile_real(expr, ("x",))
    out: list[float | None] = []
    for point in GRID:
        try:
            value = evaluate((point,))
        except Undefined:
            value = None
        out.append(value if value is not None and abs(value) < 1e12 else None)
    return out


def well_behaved(expr: sympy.Expr) -> bool:
    return sum(v is not None for v in values(expr)) >= 35


def rewrites(expr: sympy.Expr) -> list[sympy.Expr]:
    """Equivalent forms: expanded, factored, sigmoid as 1/(1 + exp(-u)) or via tanh."""
    as_exp = expr.replace(sigmoid, lambda u: 1 / (1 + sympy.exp(-u)))
    as_tanh = expr.replace(sigmoid, lambda u: (1 + sympy.tanh(u / 2)) / 2)
    return [sympy.expand(expr), sympy.factor(expr), as_exp, sympy.expand(as_exp), as_tanh]


def spec_for(expr: sympy.Expr) -> AnswerSpec:
    return AnswerSpec("expression", format_expr(expr), ("x",))


@SETTINGS
@given(expressions)
def test_equivalent_printed_forms_are_accepted(expr: sympy.Expr) -> None:
    assume(well_behaved(expr))
    spec = spec_for(expr)
    assert check_answer(spec.expected, spec).correct
    for form in rewrites(expr):
        answer = format_expr(form)
        verdict = check_answer(answer, spec)
        assert verdict.correct, f"{answer!r} for {spec.expected!r}: {verdict.reason}"


def _differs(expr: sympy.Expr, other: sympy.Expr) -> bool:
    """``other`` differs clearly from ``expr`` at nearly every grid point where both exist."""
    pairs = [
        (a, b)
        for a, b in zip(values(expr), values(other), strict=True)
        if a is not None and b is not None
    ]
    clear = [a for a, b in pairs if not math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-6)]
    return len(pairs) >= 35 and len(clear) >= 0.95 * len(pairs)


@SETTINGS
@given(expressions, st.sampled_from(["plus one", "times 1.05", "x to 2x"]))
def test_perturbed_forms_are_rejected(expr: sympy.Expr, perturbation: str) -> None:
    assume(well_behaved(expr))
    if perturbation == "plus one":
        wrong = expr + 1
    elif perturbation == "times 1.05":
        wrong = sympy.Float("1.05") * expr
    else:
        wrong = expr.subs(x, 2 * x)
    assume(_differs(expr, wrong))
    spec = spec_for(expr)
    verdict = check_answer(format_expr(wrong), spec)
    assert not verdict.correct, f"{format_expr(wrong)!r} accepted for {spec.expected!r}"
    assert verdict.error is None, verdict.error
