"""The answer grammar: what reads as what, and the one-sentence refusals."""

from __future__ import annotations

import subprocess
import sys

import pytest
import sympy
from sympy import Abs, E, Float, Integer, Matrix, Max, Rational, exp, log, pi, sqrt, symbols, tanh

from quizmath.checking import AnswerSpec, check_answer, parse_answer
from quizmath.checking.format import format_expr, format_matrix, format_set, format_vector
from quizmath.checking.functions import sigmoid, softplus
from quizmath.errors import AnswerError

x, y, mu, sigma, theta, lam, x1, x2 = symbols("x y mu sigma theta lambda x1 x2")

READS = [
    # numbers
    ("3/7", (), Rational(3, 7)),
    ("1e-3", (), Float("0.001")),
    ("2.5", (), Float("2.5")),
    ("-0.25", (), Float("-0.25")),
    ("sqrt(2)/2", (), sqrt(2) / 2),
    ("log(8, 2)", (), Integer(3)),
    ("log_2(8)", (), Integer(3)),
    ("e", (), E),
    ("E^2", (), exp(2)),
    ("pi/4", (), pi / 4),
    ("π/4", (), pi / 4),
    ("√2", (), sqrt(2)),
    ("√(x+1)", ("x",), sqrt(x + 1)),
    ("5!", (), Integer(120)),
    ("|-3|", (), Integer(3)),
    ("4.5%", (), Float("0.045")),
    ("-12%", (), Rational(-3, 25)),
    ("(1/3)%", (), Rational(1, 300)),
    ("50%^2", (), Rational(1, 4)),
    ("C(8, 2)", (), Integer(28)),
    ("C(8,2)/C(10,2)", (), Rational(28, 45)),
    ("Phi(0)", (), Rational(1, 2)),
    ("Φ(1)", (), (1 + sympy.erf(1 / sqrt(2))) / 2),
    ("1 - Phi(z)", ("z",), (1 - sympy.erf(symbols("z") / sqrt(2))) / 2),
    ("C x", ("C", "x"), symbols("C") * x),
    # powers and signs
    ("x^2", ("x",), x**2),
    ("x**2", ("x",), x**2),
    ("x²", ("x",), x**2),
    ("x³ − x", ("x",), x**3 - x),
    ("x⁻¹", ("x",), 1 / x),
    ("-x^2", ("x",), -(x**2)),
    ("e^-x", ("x",), exp(-x)),
    ("e^{-x}", ("x",), exp(-x)),
    ("2^3^2", (), Integer(512)),
    ("2*-x", ("x",), -2 * x),
    # implicit multiplication
    ("2x", ("x",), 2 * x),
    ("3(x+1)", ("x",), 3 * x + 3),
    ("(x+1)(x-1)", ("x",), (x + 1) * (x - 1)),
    ("2sigmoid(x)", ("x",), 2 * sigmoid(x)),
    ("x sigmoid(x)", ("x",), x * sigmoid(x)),
    ("sigmoid(x)(1-sigmoid(x))", ("x",), sigmoid(x) * (1 - sigmoid(x))),
    ("xy", ("x", "y"), x * y),
    ("2pix", ("x",), 2 * pi * x),
    ("1/2x", ("x",), x / 2),
    # functions
    ("ln x + 1", ("x",), log(x) + 1),
    ("sin x^2", ("x",), sympy.sin(x**2)),
    ("sin^2 x + cos^2(x)", ("x",), sympy.sin(x) ** 2 + sympy.cos(x) ** 2),
    ("tanh²(x)", ("x",), tanh(x) ** 2),
    ("softplus(x)", ("x",), softplus(x)),
    ("relu(x)", ("x",), Max(0, x)),
    ("max(0, x)", ("x",), Max(0, x)),
    ("Abs(x)", ("x",), Abs(x)),
    ("exp(x)", ("x",), exp(x)),
    ("σ(x)", ("x",), sigmoid(x)),
    ("sigma(x)", ("x",), sigmoid(x)),
    ("σ(x)", ("x", "sigma"), sigmoid(x)),
    ("σ^2", ("sigma",), sigma**2),
    ("sigma(x)", ("x", "sigma"), sigma * x),
    # names: Greek letters, subscripts, case
    ("μ + θ·x", ("mu", "theta", "x"), mu + theta * x),
    ("λe^{-λx}", ("lambda", "x"), lam * exp(-lam * x)),
    ("x₁ × x₂", ("x1", "x2"), x1 * x2),
    ("x_1 - x_{2}", ("x1", "x2"), x1 - x2),
    ("X", ("X",), symbols("X")),
    # LaTeX
    (r"\frac{1}{2}", (), Rational(1, 2)),
    (r"\frac12", (), Rational(1, 2)),
    (r"\sqrt{2}", (), sqrt(2)),
    (r"\sqrt[3]{8}", (), Integer(2)),
    (r"e^{-x}", ("x",), exp(-x)),
    (r"\sigma(x)(1-\sigma(x))", ("x",), sigmoid(x) * (1 - sigmoid(x))),
    (r"2 \cdot x", ("x",), 2 * x),
    (r"\left(x+1\right)^{2}", ("x",), (x + 1) ** 2),
    (r"\ln(x) + \exp(x)", ("x",), log(x) + exp(x)),
    (r"\mu \times \theta", ("mu", "theta"), mu * theta),
    (r"\operatorname{softplus}(x)", ("x",), softplus(x)),
    (r"\log_2 8", (), Integer(3)),
    (r"\pi", (), pi),
    (r"\tanh^2(x)", ("x",), tanh(x) ** 2),
    (r"4.5\%", (), Float("0.045")),
    (r"\binom{8}{2}", (), Integer(28)),
    (r"\Phi(0)", (), Rational(1, 2)),
]


@pytest.mark.parametrize(("text", "variables", "expected"), READS, ids=[r[0] for r in READS])
def test_reads_as(text: str, variables: tuple[str, ...], expected: sympy.Expr) -> None:
    kind = "expression" if variables else "number"
    value = parse_answer(text, kind, variables)
    assert value == expected or sympy.simplify(value - expected) == 0, value


def test_decimals_are_floats_and_fractions_are_exact() -> None:
    assert parse_answer("0.2", "number") == Float("0.2")
    assert isinstance(parse_answer("0.2", "number"), Float)
    assert parse_answer("1/5", "number") == Rational(1, 5)


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("[1, 2]", "vector", [1, 2]),
        ("(1, 2)", "vector", [1, 2]),
        ("1, 2", "vector", [1, 2]),
        ("[[1], [2]]", "vector", [1, 2]),
        ("{5, 2}", "set", [5, 2]),
        ("5, 2", "set", [5, 2]),
        ("3", "set", [3]),
        ("[[1, 2], [3, 4]]", "matrix", Matrix([[1, 2], [3, 4]])),
        ("[1, 2; 3, 4]", "matrix", Matrix([[1, 2], [3, 4]])),
        ("[1, 2], [3, 4]", "matrix", Matrix([[1, 2], [3, 4]])),
        (r"\begin{bmatrix}1 & 2\\3 & 4\end{bmatrix}", "matrix", Matrix([[1, 2], [3, 4]])),
        ("[1, 2, 3]", "matrix", Matrix([[1, 2, 3]])),
    ],
)
def test_collections(text: str, kind: str, expected: object) -> None:
    assert parse_answer(text, kind) == expected


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("-19/13*[-3, -2]", "vector", [Rational(57, 13), Rational(38, 13)]),
        ("[1, 2]/3", "vector", [Rational(1, 3), Rational(2, 3)]),
        ("2*[1, 2]", "vector", [2, 4]),
        ("3(1, 2)", "vector", [3, 6]),
        ("-[1, 2]", "vector", [-1, -2]),
        ("-[3, 2]/13", "vector", [Rational(-3, 13), Rational(-2, 13)]),
        ("sqrt(2)/2*[1, -1]", "vector", [sqrt(2) / 2, -sqrt(2) / 2]),
        ("1/2*[[1, -1], [-1, 1]]", "matrix", Matrix([[1, -1], [-1, 1]]) / 2),
        ("[[1, -1], [-1, 1]]/2", "matrix", Matrix([[1, -1], [-1, 1]]) / 2),
        ("[1/2*[1, 2], [3, 4]]", "matrix", Matrix([[Rational(1, 2), 1], [3, 4]])),
        ("[57/13 38/13]", "vector", [Rational(57, 13), Rational(38, 13)]),
        ("[1 -2]", "vector", [1, -2]),  # as NumPy prints it: the sign belongs to the number
        ("[1 - 2]", "vector", [-1]),
        ("[1-2]", "vector", [-1]),
        ("[ 0.5  -0.25 +1 ]", "vector", [Float("0.5"), Float("-0.25"), 1]),
        ("[57 / 13 38 / 13]", "vector", [Rational(57, 13), Rational(38, 13)]),
        ("[2 5]", "set", [2, 5]),
    ],
)
def test_scaled_and_space_separated_lists(text: str, kind: str, expected: object) -> None:
    assert parse_answer(text, kind) == expected


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("2*[1, 2]", "set", "a list cannot be used in arithmetic (near column 2)"),
        ("-[1, 2]", "set", "a list cannot be used in arithmetic (near column 1)"),
        ("[1, 2]*[3, 4]", "vector", "a list cannot be used in arithmetic (near column 7)"),
        ("3/[1, 2]", "vector", "a list cannot be used in arithmetic (near column 2)"),
        ("[1, 2]^2", "vector", "a list cannot be used in arithmetic (near column 7)"),
        ("[1 2, 3]", "vector", "unexpected '2' at column 4; expected ']'"),
        ("[1 2^2]", "vector", "unexpected '2' at column 4; expected ']'"),
        ("[1.2.3]", "vector", "unexpected '.3' at column 5; expected ']'"),
        ("[1 2; 3 4]", "matrix", "unexpected '2' at column 4; expected ']'"),
        ("(1 2)", "vector", "unexpected '2' at column 4; expected ')'"),
        ("[1 2]", "number", "expected a single value, not a list of 2"),
    ],
)
def test_lists_in_arithmetic_are_refused_elsewhere(text: str, kind: str, message: str) -> None:
    with pytest.raises(AnswerError) as refused:
        parse_answer(text, kind)
    assert str(refused.value).startswith(message)


def test_scaled_vectors_are_checked() -> None:
    spec = AnswerSpec("vector", "[57/13, 38/13]")
    assert check_answer("-19/13*[-3, -2]", spec).correct
    assert check_answer("[57/13 38/13]", spec).correct
    assert check_answer("[4.385 2.923]", spec).correct
    assert not check_answer("19/13*[-3, -2]", spec).correct
    matrix = AnswerSpec("matrix", "[[1/2, -1/2], [-1/2, 1/2]]")
    assert check_answer("1/2*[[1, -1], [-1, 1]]", matrix).correct


def test_matrix_answers_are_sympy_matrices() -> None:
    assert isinstance(parse_answer("[[1, 2], [3, 4]]", "matrix"), sympy.MatrixBase)


def test_choice_answers_are_the_canonical_option() -> None:
    assert parse_answer("  CONVEX ", "choice", choices=["convex", "concave"]) == "convex"
    assert parse_answer("(b)", "choice", choices=["a", "b"]) == "b"


def test_thousands_separators_are_lists_outside_number_answers() -> None:
    assert parse_answer("25,000", "vector") == [25, 0]
    assert parse_answer("[25%, 75%]", "vector") == [Rational(1, 4), Rational(3, 4)]
    assert parse_answer("{50%, 50%}", "set") == [Rational(1, 2), Rational(1, 2)]


@pytest.mark.parametrize(
    ("text", "kind", "variables", "message"),
    [
        ("y", "expression", ("x",), "unknown name 'y' — this answer may use x"),
        ("z", "expression", ("x", "y"), "unknown name 'z' — this answer may use x and y"),
        ("x", "number", (), "unknown name 'x' — the answer should be a number without variables"),
        ("sinx", "expression", ("x",), "unknown name 'sinx' — write sin(x) with parentheses"),
        ("(x + 1", "expression", ("x",), "missing ')' at column 7"),
        ("sigmoid(3*x - 2", "expression", ("x",), "missing ')' at column 16"),
        ("[1, 2", "vector", (), "missing ']' at column 6"),
        ("x +", "expression", ("x",), "missing a value at the end (column 4)"),
        ("x )", "expression", ("x",), "unexpected ')' at column 3"),
        ("2 3", "number", (), "unexpected '3' at column 3"),
        ("9**9**9**9", "number", (), "the exponent is too large to evaluate"),
        ("10^10^10", "number", (), "the exponent is too large to evaluate"),
        ("(10^300)^100", "number", (), "the power is too large to evaluate"),
        (
            "factorial(10**6)",
            "number",
            (),
            "the factorial is too large to evaluate (at most 1000!)",
        ),
        ("1/0", "number", (), "the answer is undefined (for example, it divides by zero)"),
        ("", "number", (), "the answer is empty"),
        ("x.real", "expression", ("x",), "unexpected character '.' at column 2"),
        (
            "х",
            "expression",
            ("x",),
            "unexpected character 'х' (CYRILLIC SMALL LETTER HA) at column 1",
        ),
        ("1e999999", "number", (), "the number '1e999999' at column 1 is out of range"),
        ("log(1, 2, 3)", "number", (), "log takes 1 to 2 arguments, got 3"),
        ("sqrt", "number", (), "'sqrt' at column 1 needs an argument, like sqrt(x)"),
        (
            "[1, 2] + 1",
            "vector",
            (),
            "a list cannot be used in arithmetic (near column 8); write each entry separately",
        ),
        ("[1, 2]", "number", (), "expected a single value, not a list of 2"),
        ("25,000", "number", (), "write 25000 without a thousands separator"),
        (" −1,250,000 ", "number", (), "write -1250000 without a thousands separator"),
        ("0,125", "number", (), "expected a single value, not a list of 2"),
        ("25,0000", "number", (), "expected a single value, not a list of 2"),
        (
            "x%",
            "number",
            ("x",),
            "unknown name 'x' — the answer should be a number without variables",
        ),
        (
            "x%",
            "expression",
            ("x",),
            "'%' at column 2 is only understood in a number, vector or set answer",
        ),
        (
            "[[50%]]",
            "matrix",
            (),
            "'%' at column 5 is only understood in a number, vector or set answer",
        ),
        (
            "sqrt(2)%",
            "number",
            (),
            "'%' at column 8 must follow a number or a bracket, like 4.5% or (1/3)%",
        ),
        ("9 % 2", "number", (), "unexpected '2' at column 5"),
        ("C(8)", "number", (), "C takes 2 arguments, got 1"),
        (
            "c(8, 2)",
            "number",
            (),
            "unknown function 'c' — use exp, log, ln, sqrt, abs, sin, cos, tan, tanh, sigmoid, "
            "softplus, relu, max, min, erf, C(n, k) (binomial) and Phi(z) (normal CDF)",
        ),
        ("phi(z)", "expression", ("z",), "unknown name 'phi' — this answer may use z"),
        ("[[1, 2], [3]]", "matrix", (), "row 2 has 1 entries but row 1 has 2"),
        ("[[1, 2], [3, 4]]", "vector", (), "expected a vector like [1, 2, 3], not a matrix"),
        (r"\input{x}", "expression", ("x",), "unknown LaTeX command '\\input'"),
        ("x" * 2001, "expression", ("x",), "the answer is too long (at most 2,000 characters)"),
        (
            "(" * 51 + ")" * 51,
            "number",
            (),
            "the answer is nested too deeply (at most 50 levels of brackets)",
        ),
        ("-" * 100 + "1", "number", (), "the answer is nested too deeply (at most 60 levels)"),
    ],
)
def test_refusals_are_one_clear_sentence(
    text: str, kind: str, variables: tuple[str, ...], message: str
) -> None:
    with pytest.raises(AnswerError) as refused:
        parse_answer(text, kind, variables)
    assert str(refused.value) == message


def test_latex_refusals_show_how_the_latex_was_read() -> None:
    with pytest.raises(AnswerError, match=r"missing '\)' .*the LaTeX was read as"):
        parse_answer(r"\frac{1}{2} + \left(x", "expression", ["x"])


def test_choice_outside_the_options_lists_them() -> None:
    with pytest.raises(AnswerError, match="'maybe' is not one of the options: yes, no"):
        parse_answer("maybe", "choice", choices=["yes", "no"])


def test_self_graded_kind_has_nothing_to_parse() -> None:
    with pytest.raises(AnswerError, match="self-graded"):
        parse_answer("anything", "self")


# Keys as templates print them (format.py); each must read back and be accepted as itself.
PRINTED_KEYS = [
    ("expression", ("x",), 3 * sigmoid(3 * x - 2) * (1 - sigmoid(3 * x - 2))),
    ("expression", ("x",), 1 - tanh(x) ** 2),
    ("expression", ("x",), exp(-x) / (1 + exp(-x)) ** 2),
    ("expression", ("x",), Max(0, x)),
    ("expression", ("x",), Abs(x) + softplus(x)),
    ("expression", ("x",), x ** Rational(3, 2) + x ** Rational(1, 3)),
    ("expression", ("x",), sympy.Heaviside(x)),
    ("expression", ("x",), sympy.sign(x) * log(x, 2)),
    ("expression", ("x",), sympy.asinh(x) + sympy.atan(x) + sympy.acos(x / 4)),
    ("expression", ("x",), E * x + pi),
    ("expression", ("x",), Float("0.2") * x),
    ("expression", ("mu", "sigma", "x"), exp(-((x - mu) ** 2) / (2 * sigma**2))),
    ("expression", ("lambda", "x"), lam * exp(-lam * x)),
    ("expression", ("theta", "x1", "x2"), sigmoid(theta * x1 + x2)),
    ("expression", ("n", "k", "p"), sympy.binomial(symbols("n"), symbols("k")) * symbols("p")),
    ("number", (), sqrt(2) / 2),
    ("number", (), log(2) - Rational(1, 4)),
    ("number", (), Float("0.2")),
    ("number", (), sympy.oo),
    ("number", (), -sympy.oo),
    ("number", (), sympy.erf(1) / 2),
    ("number", (), Integer(10) ** 50),
]


@pytest.mark.parametrize(("kind", "variables", "value"), PRINTED_KEYS, ids=str)
def test_printed_keys_round_trip(kind: str, variables: tuple[str, ...], value: sympy.Expr) -> None:
    key = format_expr(value)
    verdict = check_answer(key, AnswerSpec(kind, key, variables))  # type: ignore[arg-type]
    assert verdict.correct, (key, verdict.reason)
    parsed = parse_answer(key, kind, variables)
    assert parsed == value or sympy.simplify(parsed - value) == 0


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        ("vector", format_vector([Rational(1, 2), sqrt(2), -3])),
        ("matrix", format_matrix(Matrix([[1, 2], [3, 4]]))),
        ("matrix", format_matrix([[sqrt(2) / 2, Float("0.5")], [0, -1]])),
        ("set", format_set([5, 2])),
        ("set", format_set([3, 3])),
    ],
)
def test_printed_collections_round_trip(kind: str, key: str) -> None:
    assert check_answer(key, AnswerSpec(kind, key)).correct  # type: ignore[arg-type]


def test_the_package_imports_without_sympy() -> None:
    code = (
        "import sys, quizmath.checking, quizmath.checking.spec\n"
        "from quizmath.checking import AnswerSpec, Mistake, Verdict\n"
        "assert 'sympy' not in sys.modules, 'sympy imported'\n"
        "from quizmath.checking import check_answer\n"
        "assert 'sympy' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
