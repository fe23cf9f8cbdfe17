"""Floating-point templates: the spacing of floats, rounding of a sum, and choosing the formula
that survives overflow, underflow or cancellation.

The oracles run the actual float arithmetic in NumPy (float16/32/64) and measure errors against
a high-precision ``decimal`` reference, so they do not share reasoning with the keys.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

import numpy as np
import sympy
from sympy import Rational

from quizmath.questions.draw import pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import superscript
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import unicode_math
from quizmath.questions.templates.ml_common import MIN_GAP, num

_FRACTION_BITS = {"float16": 10, "float32": 23, "float64": 52}
_DTYPES: dict[str, type[np.floating[Any]]] = {
    "float16": np.float16,
    "float32": np.float32,
    "float64": np.float64,
}


def _binade(value: Rational) -> int:
    """The exponent e with 2^e ≤ value < 2^(e+1), exactly."""
    e = int(value.p).bit_length() - int(value.q).bit_length()
    while Rational(2) ** e > value:
        e -= 1
    while Rational(2) ** (e + 1) <= value:
        e += 1
    return e


def _round_half_even(value: int, step: int) -> int:
    quotient, remainder = divmod(value, step)
    if 2 * remainder > step or (2 * remainder == step and quotient % 2 == 1):
        quotient += 1
    return quotient * step


def _spacing_oracle(params: Mapping[str, Any]) -> float:
    """NumPy's own float types: np.spacing, or the rounded float16/float32 sum."""
    dtype = _DTYPES[params["format"]]
    if params["ask"] == "spacing":
        return float(np.spacing(dtype(float_param(params["value"]))))
    return float(dtype(params["a"]) + dtype(params["b"]))


@template(
    id="ml.float-spacing",
    topic="ml.numerics",
    title="Spacing and rounding of floating-point numbers",
    oracle=_spacing_oracle,
    levels=3,
)
def float_spacing(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the gap between neighbouring float16 numbers near an integer. Level 2: the same
    for float32/float64 near a decimal. Level 3: the float16 result of a sum that must round."""
    hints = [
        "float16, float32 and float64 keep 10, 23 and 52 fraction bits.",
        "Between 2^e and 2^(e+1) the floats are spaced 2^(e − p) apart, p the fraction bits.",
    ]
    if level < 3:
        if level == 1:
            fmt = "float16"
            while True:
                value = Rational(int(rng.integers(3, 2048)))
                if int(value) & (int(value) - 1):  # not a power of two
                    break
        else:
            fmt = pick(rng, ["float32", "float64"])
            while True:
                value = Rational(int(rng.integers(11, 100))) * Rational(10) ** int(
                    rng.integers(-4, 9)
                )
                if value / Rational(2) ** _binade(value) < Rational(199, 100):
                    break
        p = _FRACTION_BITS[fmt]
        exponent = _binade(value)
        answer = Rational(2) ** (exponent - p)
        mistakes = distinct_mistakes(
            "number",
            answer,
            [
                (Rational(2) ** (-p), "That is machine epsilon, the spacing near 1: scale by 2^e."),
                (Rational(2) ** (exponent - p - 1), "That is half the spacing (max rounding)."),
                (Rational(2) ** (exponent - p + 1), f"{unicode_math(num(value))} lies in "
                 f"[2{superscript(exponent)}, 2{superscript(exponent + 1)}): the exponent is "
                 f"{exponent}.".replace("-", "−")),
            ],
            gap=MIN_GAP,
        )  # fmt: skip
        return Draft(
            prompt=[
                f"In {fmt}, what is the spacing of consecutive representable numbers at ",
                num(value),
                f", that is, the gap between the {fmt} number nearest to it and the next larger "
                f"{fmt} number? Give it exactly, e.g. as a power of two like 2^-20.",
            ],
            kind="number",
            answer=answer,
            params={"format": fmt, "ask": "spacing", "value": exact_param(value)},
            solution=[
                [f"{fmt} has p = {p} fraction bits."],
                [
                    f"2{superscript(exponent)} ≤ ",
                    num(value),
                    f" < 2{superscript(exponent + 1)}, so e = {exponent}.".replace("-", "−"),
                ],
                [f"Spacing 2^(e − p) = 2{superscript(exponent - p)} = ", answer, "."],
            ],
            hints=hints,
            mistakes=mistakes,
        )
    exponent = int(rng.integers(11, 14))
    step = 2 ** (exponent - 10)
    while True:
        a = int(rng.integers(2**exponent // step, 2 ** (exponent + 1) // step)) * step
        b = int(rng.integers(1, 2 * step))
        total = a + b
        if b % step and total < 2 ** (exponent + 1):
            break
    answer_int = _round_half_even(total, step)
    below = total - total % step
    other = below + step if answer_int == below else below
    tie = 2 * (total % step) == step
    mistakes = distinct_mistakes(
        "number",
        sympy.Integer(answer_int),
        [
            (sympy.Integer(total), f"{total} is not a float16: the spacing there is {step}."),
            (
                sympy.Integer(other),
                "Ties go to the neighbour with an even last bit."
                if tie
                else "Round to the nearest representable neighbour.",
            ),
        ],
        gap=1e-6,
    )
    return Draft(
        prompt=[
            f"In float16 (round to nearest, ties to even), what is the computed sum {a} + {b}? "
            "Give the stored value."
        ],
        kind="number",
        answer=sympy.Integer(answer_int),
        params={"format": "float16", "ask": "sum", "a": a, "b": b},
        rel_tol=1e-7,
        solution=[
            [
                f"Between 2{superscript(exponent)} and 2{superscript(exponent + 1)} float16 "
                f"numbers are spaced 2^({exponent} − 10) = {step}."
            ],
            [f"The exact sum {total} lies between {below} and {below + step}."],
            [
                f"Rounding to nearest{' (a tie: to the even mantissa)' if tie else ''} gives "
                f"{answer_int}."
            ],
        ],  # fmt: skip
        hints=hints,
        mistakes=mistakes,
    )


@dataclass(frozen=True)
class _Option:
    formula: str
    feedback: str = ""


@dataclass(frozen=True)
class _Scenario:
    task: str
    stable: _Option
    naive: _Option
    third: _Option
    why: str


def _softplus_case(rng: np.random.Generator) -> tuple[_Scenario, Any, str]:
    x = int(rng.integers(720, 951))
    return (
        _Scenario(
            f"softplus(x) = log(1 + eˣ) at x = {x}",
            _Option("x + log1p(exp(−x))"),
            _Option("log(1 + exp(x))", f"exp({x}) overflows to inf in float64 (max ≈ e^709)."),
            _Option("log1p(exp(x))", f"log1p does not help: exp({x}) already overflows."),
            "Factor eˣ out: log(1 + eˣ) = x + log(1 + e^(−x)), and e^(−x) is tiny but finite.",
        ),
        x,
        "softplus",
    )


def _softmax_case(rng: np.random.Generator) -> tuple[_Scenario, Any, str]:
    top = int(rng.integers(900, 1101))
    logits = [top, top - int(rng.integers(1, 4)), top - int(rng.integers(760, 901))]
    return (
        _Scenario(
            f"the first softmax probability p₁ for the logits z = {tuple(logits)}",
            _Option("exp(z₁ − max z) / Σⱼ exp(zⱼ − max z)"),
            _Option("exp(z₁) / Σⱼ exp(zⱼ)", "exp(z) overflows: inf/inf is nan."),
            _Option(
                "exp(z₁ − min z) / Σⱼ exp(zⱼ − min z)",
                "Shifting by the minimum leaves exponents above 709: still inf/inf.",
            ),
            "Subtracting the max makes every exponent ≤ 0 and the largest term exactly 1.",
        ),
        logits,
        "softmax",
    )


def _lse_case(rng: np.random.Generator) -> tuple[_Scenario, Any, str]:
    top = -int(rng.integers(760, 901))
    logits = [top, top - int(rng.integers(1, 4)), top - int(rng.integers(760, 901))]
    return (
        _Scenario(
            f"log Σⱼ exp(zⱼ) for z = {tuple(logits)}".replace("-", "−"),
            _Option("m + log Σⱼ exp(zⱼ − m), m = max z"),
            _Option("log(Σⱼ exp(zⱼ))", "Every exp(zⱼ) underflows to 0, and log 0 = −inf."),
            _Option(
                "m + log Σⱼ exp(zⱼ − m), m = min z",
                "Shifting by the minimum makes the exponents huge: overflow.",
            ),
            "With the max subtracted the largest term is 1, so the sum is in [1, n].",
        ),
        logits,
        "lse",
    )


def _bce_case(rng: np.random.Generator) -> tuple[_Scenario, Any, str]:
    z = -int(rng.integers(720, 951))
    return (
        _Scenario(
            f"the log loss −log σ(z) of a positive example with logit z = {z}".replace("-", "−"),
            _Option("max(−z, 0) + log1p(exp(−|z|))"),
            _Option("−log(1 / (1 + exp(−z)))", "exp(−z) overflows, σ(z) becomes 0, −log 0 = inf."),
            _Option("log(1 + exp(−z))", "Mathematically right, but exp(−z) overflows."),
            "−log σ(z) = softplus(−z); write it with max(·, 0) so exp only sees −|z| ≤ 0.",
        ),
        z,
        "bce",
    )


def _decimal_small(rng: np.random.Generator, low: int, high: int) -> str:
    return f"{int(rng.integers(1, 10))}e-{int(rng.integers(low, high + 1))}"


def _cos_case(rng: np.random.Generator) -> tuple[_Scenario, Any, str]:
    x = _decimal_small(rng, 9, 11)
    return (
        _Scenario(
            f"1 − cos(x) at x = {x}",
            _Option("2·sin(x/2)²"),
            _Option("1 − cos(x)", "cos(x) rounds to exactly 1: the difference is 0."),
            _Option("1 − sqrt(1 − sin(x)²)", "1 − sin² rounds to 1 again: still 0."),
            "Use the half-angle identity 1 − cos x = 2 sin²(x/2): no subtraction of close values.",
        ),
        x,
        "one-minus-cos",
    )


def _sqrt_case(rng: np.random.Generator) -> tuple[_Scenario, Any, str]:
    x = f"{int(rng.integers(1, 10))}e{int(rng.integers(16, 21))}"
    return (
        _Scenario(
            f"√(x + 1) − √x at x = {x}",
            _Option("1 / (√(x + 1) + √x)"),
            _Option("√(x + 1) − √x", "x + 1 rounds to x, and the difference of the roots is 0."),
            _Option("((x + 1) − x) / (√(x + 1) + √x)", "(x + 1) − x is already 0 in float64."),
            "Multiply by the conjugate: the numerator becomes exactly 1.",
        ),
        x,
        "sqrt-diff",
    )


def _log1p_case(rng: np.random.Generator) -> tuple[_Scenario, Any, str]:
    x = _decimal_small(rng, 17, 20)
    return (
        _Scenario(
            f"log(1 + x) at x = {x}",
            _Option("log1p(x)"),
            _Option("log(1 + x)", "1 + x rounds to 1, and log 1 = 0."),
            _Option("log((1 + x)²) / 2", "(1 + x)² still rounds to 1."),
            "log1p evaluates log(1 + x) without forming 1 + x, accurate for tiny x (≈ x).",
        ),
        x,
        "log1p",
    )


def _expm1_case(rng: np.random.Generator) -> tuple[_Scenario, Any, str]:
    x = _decimal_small(rng, 17, 20)
    return (
        _Scenario(
            f"eˣ − 1 at x = {x}",
            _Option("expm1(x)"),
            _Option("exp(x) − 1", "exp(x) rounds to 1: the difference is 0."),
            _Option("(exp(2x) − 1) / (exp(x) + 1)", "exp(2x) − 1 cancels to 0 as well."),
            "expm1 evaluates eˣ − 1 directly, accurate for tiny x (≈ x).",
        ),
        x,
        "expm1",
    )


def _variance_case(rng: np.random.Generator) -> tuple[_Scenario, Any, str]:
    data = [10**9 + int(v) for v in rng.choice(np.arange(0, 20), 4, replace=False)]
    return (
        _Scenario(
            f"the population variance of {', '.join(str(v) for v in data)}",
            _Option("mean((x − mean(x))²)"),
            _Option("mean(x²) − mean(x)²", "x² ≈ 10¹⁸ carries an error of ~100; the small "
                    "difference drowns in it."),
            _Option("(Σx² − (Σx)²/n) / n", "The same cancellation of two ≈ 10¹⁸ numbers."),
            "Subtract the mean first (two passes, or Welford's update): no huge squares cancel.",
        ),
        data,
        "variance",
    )  # fmt: skip


def _quadratic_case(rng: np.random.Generator) -> tuple[_Scenario, Any, str]:
    b = f"{int(rng.integers(1, 10))}e{int(rng.integers(8, 11))}"
    return (
        _Scenario(
            f"the root of smaller magnitude of t² + bt + 1 = 0 with b = {b}",
            _Option("2 / (−b − √(b² − 4))"),
            _Option("(−b + √(b² − 4)) / 2", "−b + √(b² − 4) subtracts two nearly equal numbers."),
            _Option("−b/2 + √(b²/4 − 1)", "The same cancellation in another form."),
            "Compute the large root (−b − √(b² − 4))/2 without cancellation, then use "
            "t₁t₂ = 1: t₁ = 2/(−b − √(b² − 4)).",
        ),
        b,
        "quadratic",
    )


_OVERFLOW = [_softplus_case, _softmax_case, _lse_case, _bce_case]
_CANCELLATION = [_cos_case, _sqrt_case, _log1p_case, _expm1_case, _variance_case, _quadratic_case]


def _float64_formulas(case: str, x: Any) -> dict[str, Callable[[], float]]:
    """Each option of ``case`` evaluated in float64, by formula text."""
    v = np.asarray(x, dtype=np.float64)
    table: dict[str, dict[str, Callable[[], Any]]] = {
        "softplus": {
            "log(1 + exp(x))": lambda: np.log(1 + np.exp(v)),
            "log1p(exp(x))": lambda: np.log1p(np.exp(v)),
            "x + log1p(exp(−x))": lambda: v + np.log1p(np.exp(-v)),
        },
        "softmax": {
            "exp(z₁) / Σⱼ exp(zⱼ)": lambda: np.exp(v[0]) / np.exp(v).sum(),
            "exp(z₁ − max z) / Σⱼ exp(zⱼ − max z)":
                lambda: np.exp(v[0] - v.max()) / np.exp(v - v.max()).sum(),
            "exp(z₁ − min z) / Σⱼ exp(zⱼ − min z)":
                lambda: np.exp(v[0] - v.min()) / np.exp(v - v.min()).sum(),
        },
        "lse": {
            "log(Σⱼ exp(zⱼ))": lambda: np.log(np.exp(v).sum()),
            "m + log Σⱼ exp(zⱼ − m), m = max z":
                lambda: v.max() + np.log(np.exp(v - v.max()).sum()),
            "m + log Σⱼ exp(zⱼ − m), m = min z":
                lambda: v.min() + np.log(np.exp(v - v.min()).sum()),
        },
        "bce": {
            "−log(1 / (1 + exp(−z)))": lambda: -np.log(1 / (1 + np.exp(-v))),
            "log(1 + exp(−z))": lambda: np.log(1 + np.exp(-v)),
            "max(−z, 0) + log1p(exp(−|z|))": lambda: np.maximum(-v, 0) + np.log1p(np.exp(-abs(v))),
        },
        "one-minus-cos": {
            "1 − cos(x)": lambda: 1 - np.cos(v),
            "1 − sqrt(1 − sin(x)²)": lambda: 1 - np.sqrt(1 - np.sin(v) ** 2),
            "2·sin(x/2)²": lambda: 2 * np.sin(v / 2) ** 2,
        },
        "sqrt-diff": {
            "√(x + 1) − √x": lambda: np.sqrt(v + 1) - np.sqrt(v),
            "((x + 1) − x) / (√(x + 1) + √x)":
                lambda: ((v + 1) - v) / (np.sqrt(v + 1) + np.sqrt(v)),
            "1 / (√(x + 1) + √x)": lambda: 1 / (np.sqrt(v + 1) + np.sqrt(v)),
        },
        "log1p": {
            "log(1 + x)": lambda: np.log(1 + v),
            "log((1 + x)²) / 2": lambda: np.log((1 + v) ** 2) / 2,
            "log1p(x)": lambda: np.log1p(v),
        },
        "expm1": {
            "exp(x) − 1": lambda: np.exp(v) - 1,
            "(exp(2x) − 1) / (exp(x) + 1)": lambda: (np.exp(2 * v) - 1) / (np.exp(v) + 1),
            "expm1(x)": lambda: np.expm1(v),
        },
        "variance": {
            "mean(x²) − mean(x)²": lambda: np.mean(v**2) - np.mean(v) ** 2,
            "(Σx² − (Σx)²/n) / n": lambda: (np.sum(v**2) - np.sum(v) ** 2 / v.size) / v.size,
            "mean((x − mean(x))²)": lambda: np.mean((v - np.mean(v)) ** 2),
        },
        "quadratic": {
            "(−b + √(b² − 4)) / 2": lambda: (-v + np.sqrt(v * v - 4)) / 2,
            "−b/2 + √(b²/4 − 1)": lambda: -v / 2 + np.sqrt(v * v / 4 - 1),
            "2 / (−b − √(b² − 4))": lambda: 2 / (-v - np.sqrt(v * v - 4)),
        },
    }  # fmt: skip
    return {text: _as_float(f) for text, f in table[case].items()}


def _as_float(formula: Callable[[], Any]) -> Callable[[], float]:
    """``formula`` with its NumPy result converted to a Python float."""
    return lambda: float(formula())


def _reference(case: str, x: Any) -> Decimal:
    """The exact value to 60 digits with ``decimal`` (whose exponent range has room)."""
    with localcontext() as context:
        context.prec = 60
        if case in ("softmax", "lse"):
            exps = [Decimal(z).exp() for z in x]
            total = sum(exps, Decimal(0))
            return exps[0] / total if case == "softmax" else total.ln()
        if case == "variance":
            data = [Fraction(v) for v in x]
            mean = sum(data, Fraction(0)) / len(data)
            exact = sum(((v - mean) ** 2 for v in data), Fraction(0)) / len(data)
            return Decimal(exact.numerator) / Decimal(exact.denominator)
        v = Decimal(str(x))
        if case == "softplus":
            return v + (1 + (-v).exp()).ln()
        if case == "bce":
            return (1 + (-v).exp()).ln()
        if case == "one-minus-cos":
            return v**2 / 2 - v**4 / 24 + v**6 / 720
        if case == "sqrt-diff":
            return (v + 1).sqrt() - v.sqrt()
        if case == "log1p":
            return (1 + v).ln()
        if case == "expm1":
            return v.exp() - 1
        return 2 / (-v - (v * v - 4).sqrt())  # quadratic: exact in high precision


def _stable_oracle(params: Mapping[str, Any]) -> str:
    """Run every option in float64 and return the letter of the most accurate one."""
    reference = float(_reference(params["case"], params["x"]))
    formulas = _float64_formulas(params["case"], params["x"] if params["case"] in (
        "softmax", "lse", "variance") else float(params["x"]))  # fmt: skip
    errors = {}
    with np.errstate(all="ignore"):
        for letter, text in zip("abc", params["options"], strict=True):
            value = formulas[text]()
            error = abs(value - reference) / abs(reference)
            errors[letter] = error if np.isfinite(error) else np.inf
    return min(errors, key=lambda letter: errors[letter])


@template(
    id="ml.stable-formula",
    topic="ml.numerics",
    title="Numerically stable formulas",
    oracle=_stable_oracle,
)
def stable_formula(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: overflow and underflow (softplus, softmax, log-sum-exp, log loss from logits).
    Level 2: catastrophic cancellation (1 − cos x, √(x+1) − √x, log1p, expm1, variance,
    quadratic roots)."""
    case_builder = pick(rng, _OVERFLOW if level == 1 else _CANCELLATION)
    scenario, x, case = case_builder(rng)
    options = [scenario.stable, scenario.naive, scenario.third]
    order = [int(i) for i in rng.permutation(3)]
    shown = [options[i] for i in order]
    letters = "abc"
    answer = letters[order.index(0)]
    mistakes = distinct_mistakes(
        "choice", answer, [(letters[order.index(i)], options[i].feedback) for i in (1, 2)]
    )
    listing = "; ".join(f"({letters[i]}) {opt.formula}" for i, opt in enumerate(shown))
    return Draft(
        prompt=[
            f"In float64, which formula computes {scenario.task} accurately? {listing}. "
            "Answer a, b or c."
        ],
        kind="choice",
        answer=answer,
        params={"case": case, "x": x, "options": [opt.formula for opt in shown]},
        choices=tuple(letters),
        solution=[
            [f"({letters[order.index(1)]}) fails: {scenario.naive.feedback}"],
            [f"({letters[order.index(2)]}) fails: {scenario.third.feedback}"],
            [f"({answer}) is stable: {scenario.why}"],
        ],
        hints=[
            "float64 overflows above about 1.8·10³⁰⁸ (exp(709.8)) and has about 16 significant "
            "digits.",
            "Look for exp of a huge argument, or for a subtraction of two nearly equal numbers.",
        ],
        mistakes=mistakes,
    )


__all__ = ["float_spacing", "stable_formula"]
