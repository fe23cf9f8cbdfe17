"""check_answer by kind: tolerance rules, shapes, known mistakes, determinism and time budget."""

from __future__ import annotations

import threading
import time

import pytest

from quizmath.checking import AnswerSpec, Mistake, Verdict, check_answer
from quizmath.checking.budget import Deadline, run_with_budget
from quizmath.errors import AnswerError, CheckTimeoutError


def number(expected: str, **options: object) -> AnswerSpec:
    return AnswerSpec("number", expected, **options)  # type: ignore[arg-type]


def expression(expected: str, *variables: str, **options: object) -> AnswerSpec:
    return AnswerSpec("expression", expected, variables or ("x",), **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("key", "answer", "correct"),
    [
        ("2/3", "0.667", True),
        ("2/3", "0.6667", True),
        ("2/3", "0.66", False),  # 1% off, and 2/3 rounds to 0.67
        ("2/3", "0.67", False),  # correctly rounded, but only 2 significant digits
        ("2/3", "0.665", False),
        ("1/5", "0.2", True),  # exact
        ("1/5", "1/5", True),
        ("1/5", "0.2002", True),  # within 0.1%
        ("1/5", "0.2003", False),
        ("0.2003", "0.200", True),  # the key rounded to the 3 digits typed
        ("0.2003", "0.2", False),  # 1 significant digit is not enough
        ("sqrt(2)/2", "1/sqrt(2)", True),
        ("sqrt(2)/2", "0.707", True),
        ("log(2) - 1/4", "0.443", True),
        ("log(2) - 1/4", "ln(2) - 0.25", True),
        ("log(2) + log(3)", "log(6)", True),
        ("0", "log(2) + log(3) - log(6)", True),
        ("0", "10^-20", False),
        ("22/7", "pi", False),  # exact forms compare exactly, not within the tolerance
        ("-1/2", "1/2", False),
        ("oo", "oo", True),
        ("oo", "10^300", False),
        ("1000", "1e3", True),
        ("4.5%", "0.045", True),
        ("9/200", "4.5%", True),
        ("0.04512", "4.51%", True),  # the key rounded to 3 significant digits, as a percentage
        ("0.04512", "4.5%", False),
        ("1/3", "(100/3)%", True),
    ],
)
def test_number_rules(key: str, answer: str, correct: bool) -> None:
    verdict = check_answer(answer, number(key))
    assert verdict.correct is correct, verdict.reason
    assert verdict.error is None


def test_relative_tolerance_is_per_question() -> None:
    assert not check_answer("0.66", number("2/3")).correct
    assert check_answer("0.66", number("2/3", rel_tol=0.02)).correct


@pytest.mark.parametrize(
    ("key", "answer", "correct"),
    [
        # A whole number typed for a key that is not exactly an integer is a decimal like 3072.0.
        ("3072 - 1/10", "3072", True),
        ("3072 - 1/10", "3072.0", True),
        ("-3 - log(2)/1000", "-3", True),
        ("-3 - log(2)/1000", "-3.0", True),
        ("3072 - 5", "3072", False),
        ("3072 - 5", "3072.0", False),
        ("20.5", "20", False),
        # A key that is exactly an integer, however it is written, wants exactly that integer.
        ("3072", "3072", True),
        ("3072", "3070", False),
        ("log(1024, 2) + 3062", "3070", False),
        ("log(1024, 2) + 3062", "3072", True),
        ("1000 + log(6) - log(2) - log(3)", "1000", True),
        ("1000 + log(6) - log(2) - log(3)", "999", False),
    ],
)
def test_typed_whole_numbers_follow_the_key(key: str, answer: str, correct: bool) -> None:
    verdict = check_answer(answer, number(key))
    assert verdict.correct is correct, verdict.reason
    in_a_vector = check_answer(f"[{answer}, 1]", AnswerSpec("vector", f"[{key}, 1]"))
    assert in_a_vector.correct is correct, in_a_vector.reason


@pytest.mark.parametrize(
    ("key", "answer", "reason"),
    [
        ("1/5", "0.2", "Correct."),
        ("2/3", "0.667", "Correct to the digits given."),
        ("0.2003", "0.200", "Correct to the digits given."),
        ("3072 - 1/10", "3072", "Correct to the digits given."),
        ("1/5", "0.2002", "Correct (within 0.1% of the expected value)."),
        ("0.2", "0.2000316", "Correct (within 0.02% of the expected value)."),
        ("2/3", "0.67", "Close, but give at least 3 significant digits (or an exact form)."),
        ("20.5", "20", "Close, but give at least 3 significant digits (or an exact form)."),
        (
            "2/3",
            "0.673",
            "Close, but not within 0.1% of the expected value: yours is 0.95% off.",
        ),
        (
            "1/5",
            "0.200201",
            "Close, but not within 0.1% of the expected value: yours is 0.1005% off.",
        ),
        ("3072", "3070", "Close, but not exact: yours is 0.065% off."),
        ("22/7", "pi", "Close, but not exact: yours is 0.04% off."),
        ("2/3", "-2/3", "Wrong sign: your answer is the negative of the expected value."),
        ("2/3", "5", "Not equal to the expected value."),
    ],
)
def test_number_reasons(key: str, answer: str, reason: str) -> None:
    assert check_answer(answer, number(key)).reason == reason


def test_a_tighter_tolerance_asks_rounded_decimals_for_more_digits() -> None:
    spec = number("log(exp(-2) + 1) + 957", rel_tol=1e-4 / 957.126928)  # 4 decimal places
    assert check_answer("957.1269", spec).reason == "Correct to the digits given."
    assert check_answer("957.1", spec).reason == (
        "Close, but give at least 7 significant digits (or an exact form)."
    )
    assert not check_answer("957", spec).correct
    assert not check_answer("957.0", spec).correct
    assert check_answer("957", number("log(exp(-2) + 1) + 957")).correct


def test_a_tiny_accepted_error_is_stated_plainly() -> None:
    verdict = check_answer("3", number("3*(1 - 158/10^9)", rel_tol=1e-6))
    assert verdict.reason == "Correct (within 0.00002% of the expected value)."
    wrong = check_answer("3.000100", number("3", rel_tol=1e-7))
    assert wrong.reason == (
        "Close, but not within 0.00001% of the expected value: yours is 0.0033% off."
    )


@pytest.mark.parametrize(
    ("answer", "correct", "reason"),
    [
        ("631.1269", True, "Correct to the digits given."),
        ("631.12693", True, "Correct to the digits given."),
        ("6.311269e2", True, "Correct to the digits given."),
        ("631.13", False, "Close, but give 4 decimal places."),
        ("631.127", False, "Close, but give 4 decimal places."),
        ("631", False, "Close, but give 4 decimal places."),
        ("700.1", False, "Not equal to the expected value."),
        (
            "631.1270",
            False,
            "Close, but not within 0.00001% of the expected value: yours is 0.000011% off.",
        ),
    ],
)
def test_decimals_asked_for_must_be_given(answer: str, correct: bool, reason: str) -> None:
    verdict = check_answer(answer, number("631.126928", decimals=4, rel_tol=1e-7))
    assert (verdict.correct, verdict.reason, verdict.error) == (correct, reason, None)


def test_decimals_asked_for_allow_exact_answers() -> None:
    assert check_answer("631.1", number("6311/10", decimals=4)).correct
    assert check_answer("631", number("631", decimals=4)).correct
    assert check_answer("2/3", number("2/3", decimals=4)).correct
    assert check_answer("0.5", number("0.5", decimals=2)).correct
    assert check_answer("0.1", number("0.12", decimals=1)).correct
    assert check_answer("0.2", number("0.16", decimals=1)).correct
    assert check_answer("0.1", number("0.16", decimals=1)).reason == (
        "Not equal to the expected value."
    )
    assert check_answer("0.7", number("0.7071", decimals=2)).reason == (
        "Close, but give 2 decimal places."
    )
    vector = AnswerSpec("vector", "[1/3, 2/3]", decimals=3)
    assert check_answer("[0.333, 0.667]", vector).correct
    assert check_answer("[0.333, 0.67]", vector).reason == (
        "Component 2: close, but give 3 decimal places."
    )
    assert check_answer("0.7", number("2/3", decimals=1)).correct
    assert check_answer("0.66", number("2/3", decimals=1)).reason == (
        "Close, but not within 0.1% of the expected value: yours is 1% off."
    )


def test_a_number_answer_with_a_variable_is_refused() -> None:
    verdict = check_answer("x + 1", number("2"))
    assert verdict == Verdict(
        False,
        "unknown name 'x' — the answer should be a number without variables",
        error="unknown name 'x' — the answer should be a number without variables",
    )


def test_a_number_that_is_not_real_is_refused() -> None:
    verdict = check_answer("sqrt(-2)", number("2"))
    assert verdict.error == "the answer is not a finite real number"


def test_expressions_compare_at_points_of_the_domain() -> None:
    spec = expression("log(x)", domain={"x": (0.1, 5.0)})
    assert check_answer("ln x", spec).correct
    assert check_answer("2 log(sqrt(x))", spec).correct
    assert not check_answer("log(x + 1)", spec).correct


def test_points_where_either_side_is_undefined_are_skipped() -> None:
    assert check_answer("2 log(x)", expression("log(x^2)")).correct


def test_an_answer_undefined_where_the_key_is_defined_is_wrong() -> None:
    verdict = check_answer("sqrt(x - 10)", expression("x"))
    assert not verdict.correct and verdict.error is None
    assert "undefined" in verdict.reason


def test_a_key_undefined_on_the_domain_cannot_be_compared() -> None:
    verdict = check_answer("log(x - 10)", expression("log(x - 10)+1"))
    assert verdict.error == (
        "the answer could not be compared: the expected answer is undefined at most points of "
        "the domain"
    )


def test_expression_reasons_name_a_point() -> None:
    verdict = check_answer("x^2 + 1", expression("x^2"))
    assert verdict.reason.startswith("Not equivalent: your answer is ")
    assert " at x = " in verdict.reason
    assert check_answer("-x^2", expression("x^2")).reason.startswith("Wrong sign")


def test_float_noise_does_not_decide() -> None:
    # Expanded and factored forms of a steep polynomial cancel badly in floating point.
    spec = expression("(x - 1)^12")
    expanded = "+".join(
        f"{c}*x^{12 - i}"
        for i, c in enumerate([1, -12, 66, -220, 495, -792, 924, -792, 495, -220, 66, -12, 1])
    ).replace("+-", "-")
    assert check_answer(expanded, spec).correct
    assert not check_answer(expanded + "+ 10^-6", spec).correct


def test_decimals_in_expressions_use_the_tolerance() -> None:
    assert check_answer("0.333x", expression("x/3", rel_tol=0.01)).correct
    assert not check_answer("1.05 x", expression("x")).correct


def test_vector_shape_and_components() -> None:
    spec = AnswerSpec("vector", "[1, 2, 3]")
    assert check_answer("[1, 2]", spec).reason == "Expected 3 components, got 2."
    assert check_answer("[1, 2, 4]", spec).reason == (
        "Component 3: not equal to the expected value."
    )
    assert check_answer("(1, 2, 3)", spec).correct


def test_vector_of_expressions() -> None:
    spec = AnswerSpec("vector", "[2*x*y, x**2 + 3]", ("x", "y"))
    assert check_answer("(2xy, x² + 3)", spec).correct
    assert check_answer("[2xy, x^2]", spec).reason.startswith("Component 2: not equivalent")


def test_matrix_shape_and_transpose() -> None:
    spec = AnswerSpec("matrix", "[[1, 2], [3, 4]]")
    assert check_answer("[[1, 2], [3, 4]]", spec).correct
    assert check_answer("[[1, 3], [2, 4]]", spec).reason == "This is the transpose of the answer."
    assert check_answer("[[1, 2, 0], [3, 4, 0]]", spec).reason == (
        "Expected a 2×2 matrix, got 2×3."
    )
    assert check_answer("[[1, 2], [3, 5]]", spec).reason == (
        "Entry (2, 2): not equal to the expected value."
    )
    rectangular = AnswerSpec("matrix", "[[1, 2, 3], [4, 5, 6]]")
    verdict = check_answer("[[1, 4], [2, 5], [3, 6]]", rectangular)
    assert verdict.reason == "This is the transpose of the answer."


def test_sets_ignore_order_and_keep_multiplicity() -> None:
    assert check_answer("5, 2", AnswerSpec("set", "{2, 5}")).correct
    assert check_answer("{2.0, 5.0}", AnswerSpec("set", "{2, 5}")).correct
    assert check_answer("{3}", AnswerSpec("set", "{3, 3}")).reason == (
        "Expected 2 values (counting repeats), got 1."
    )
    assert not check_answer("{3, 3}", AnswerSpec("set", "{3}")).correct
    assert check_answer("{2, 6}", AnswerSpec("set", "{5, 2}")).reason == (
        "6 is not among the expected values."
    )
    # A greedy pairing would match 2.0004 to 2 and then fail on 2.0002; matching does not.
    assert check_answer("{2.0004, 2.0002}", AnswerSpec("set", "{2.0003, 2}")).correct


def test_choices() -> None:
    spec = AnswerSpec("choice", "convex", choices=("convex", "concave", "neither"))
    assert check_answer(" Convex ", spec) == Verdict(True, "Correct.", "convex")
    assert check_answer("concave", spec) == Verdict(
        False, "That is not the right option.", "concave"
    )
    refused = check_answer("maybe", spec)
    assert refused.error == "'maybe' is not one of the options: convex, concave, neither"


@pytest.mark.parametrize(
    ("answer", "option"),
    [
        ("Dependent.", "dependent"),
        ("(B)", "B"),
        ("b)", "B"),
        (' "convex" ', "convex"),
        ("'not  convex'", "not convex"),
        ("[A]:", "A"),
    ],
)
def test_choices_ignore_wrapping_punctuation(answer: str, option: str) -> None:
    spec = AnswerSpec("choice", option, choices=("A", "B", "dependent", "convex", "not convex"))
    assert check_answer(answer, spec) == Verdict(True, "Correct.", option)


@pytest.mark.parametrize(
    "answer",
    [
        "positive semi-definite",
        "positive semi definite",
        "positive  semi-definite",
        "Positive_Semi_Definite",
        "positive semi – definite.",
        "(positive semi-definite)",
    ],
)
def test_choices_treat_hyphens_underscores_and_spaces_alike(answer: str) -> None:
    options = ("positive definite", "positive semi-definite", "indefinite")
    spec = AnswerSpec("choice", "positive semi-definite", choices=options)
    assert check_answer(answer, spec) == Verdict(True, "Correct.", "positive semi-definite")
    wrong = AnswerSpec("choice", "indefinite", choices=options)
    assert check_answer(answer, wrong).reason == "That is not the right option."


def test_separators_never_make_a_new_option() -> None:
    options = ("positive definite", "positive semi-definite", "indefinite")
    spec = AnswerSpec("choice", "positive semi-definite", choices=options)
    assert check_answer("positive semidefinite", spec).error == (
        "'positive semidefinite' is not one of the options: "
        "positive definite, positive semi-definite, indefinite"
    )
    signs = AnswerSpec("choice", "-1", choices=("-1", "1"))
    assert check_answer("−1", signs).correct
    assert check_answer("1", signs).reason == "That is not the right option."
    twins = AnswerSpec("choice", "a-b", choices=("a-b", "a_b"))
    assert check_answer("a_b", twins).reason == "That is not the right option."
    assert check_answer("a b", twins).error == (
        "'a b' matches more than one option (a-b, a_b); type one"
    )


def test_choices_still_refuse_what_is_not_an_option() -> None:
    spec = AnswerSpec("choice", "B", choices=("A", "B"))
    assert check_answer("(C)", spec).error == "'(C)' is not one of the options: A, B"
    assert check_answer("()", spec).error == "'()' is not one of the options: A, B"
    assert check_answer("(A)", spec) == Verdict(False, "That is not the right option.", "A")
    unlisted = AnswerSpec("choice", "B")
    assert check_answer("(b).", unlisted).correct


def test_a_known_mistake_is_named_with_its_feedback() -> None:
    spec = expression("3*(1 - sigmoid(3*x - 2))*sigmoid(3*x - 2)")
    dropped = Mistake(
        "(1 - sigmoid(3*x - 2))*sigmoid(3*x - 2)", "You dropped the chain-rule factor."
    )
    sign = Mistake("-3*(1 - sigmoid(3*x - 2))*sigmoid(3*x - 2)", "Sign error.")
    verdict = check_answer("σ(3x-2)(1-σ(3x-2))", spec, [sign, dropped])
    assert verdict == Verdict(
        False,
        "You dropped the chain-rule factor.",
        "(1 - sigmoid(3*x - 2))*sigmoid(3*x - 2)",
        mistake=dropped,
    )
    assert check_answer("σ(3x-2)", spec, [sign, dropped]).mistake is None
    assert check_answer("3σ(3x-2)(1-σ(3x-2))", spec, [sign, dropped]).mistake is None


def test_known_mistakes_use_the_number_rules() -> None:
    mistake = Mistake("1/3", "That is the prior, not the posterior.")
    verdict = check_answer("0.333", number("2/3"), [mistake])
    assert verdict.mistake == mistake and verdict.reason == mistake.feedback


FIRST_ORDER = Mistake("9.99", "That is the first-order estimate.")


@pytest.mark.parametrize(
    ("answer", "correct"),
    [
        ("9.99", False),  # the key rounded, but exactly the mistake
        ("9.990", False),
        ("9.9900", False),  # the key rounded to 4 places is still the mistake's value
        ("9.98999", True),  # nearer the key
        ("9.9899", True),
        ("9.989995", True),
        ("1997999/200000", True),  # exact forms are judged exactly
        ("9.99 - 5/10^6", True),
        ("999/100", True),  # an exact form is never a rounding, even of a decimal key
    ],
)
def test_a_rounding_shared_with_a_known_mistake_is_the_mistake(answer: str, correct: bool) -> None:
    verdict = check_answer(answer, number("9.989995"), [FIRST_ORDER])
    assert verdict.correct is correct, verdict.reason
    assert verdict.mistake == (None if correct else FIRST_ORDER)
    assert check_answer(answer, number("9.989995")).correct


def test_an_equally_near_mistake_wins_only_over_a_rounding() -> None:
    # 2.34 is 469/200 rounded half to even, and 467/200 rounded half up: exactly between them.
    mistake = Mistake("467/200", "Rounded too early.")
    verdict = check_answer("2.34", number("469/200"), [mistake])
    assert verdict == Verdict(False, "Rounded too early.", "2.34", mistake=mistake)
    assert check_answer("2.35", number("469/200"), [mistake]).correct
    # Within the tolerance of both and exactly between them: the key keeps it.
    tolerant = check_answer("1.0005", number("1"), [Mistake("1.001", "no")])
    assert tolerant.correct and tolerant.mistake is None


def test_a_decimal_nearer_a_known_mistake_is_that_mistake() -> None:
    mistake = Mistake("1.0006", "You used the biased estimate.")
    spec = number("1")
    assert check_answer("1.0005", spec, [mistake]).mistake == mistake
    assert check_answer("1.0002", spec, [mistake]).correct
    assert check_answer("1", spec, [mistake]).correct  # exact
    # The nearest of several known mistakes is the one named.
    near = Mistake("1.0004", "Off by a little.")
    assert check_answer("1.00056", spec, [near, mistake]).mistake == mistake
    assert check_answer("1.0004", spec, [mistake, near]).mistake == near


def test_mistakes_nearer_than_the_key_in_collections() -> None:
    mistake = Mistake("[1, 999/1000]", "One step too few.")
    vector = AnswerSpec("vector", "[1, 9995/10000]")
    assert check_answer("[1, 0.999]", vector, [mistake]).mistake == mistake
    assert check_answer("[1, 0.9995]", vector, [mistake]).correct
    assert check_answer("[1.0, 0.9994]", vector, [mistake]).correct
    eigenvalues = AnswerSpec("set", "{2, 4003/1000}")
    assert check_answer("4.0, 2", eigenvalues, [Mistake("{2, 4}", "Rounded.")]).mistake
    assert check_answer("4.003, 2", eigenvalues, [Mistake("{2, 4}", "Rounded.")]).correct
    expression_spec = expression("x/3")
    slope = Mistake("0.333*x", "Rounded coefficient.")
    assert check_answer("0.333x", expression_spec, [slope]).mistake == slope
    assert check_answer("x/3", expression_spec, [slope]).correct


def test_an_invalid_key_raises() -> None:
    with pytest.raises(AnswerError, match=r"the expected answer 'x \+' is invalid"):
        check_answer("1", expression("x +"))
    with pytest.raises(AnswerError, match="the known mistake 'y' is invalid"):
        check_answer("2x", expression("x"), [Mistake("y", "no")])


def test_self_graded_cards_cannot_be_checked() -> None:
    with pytest.raises(AnswerError, match="self-graded"):
        check_answer("anything", AnswerSpec("self", "a model answer"))


def test_verdicts_are_deterministic() -> None:
    spec = expression("sigmoid(x)*(1 - sigmoid(x))")
    first = [check_answer(a, spec) for a in ("x^2", "sigmoid(x)", "e^x/(1+e^x)^2")]
    second = [check_answer(a, spec) for a in ("x^2", "sigmoid(x)", "e^x/(1+e^x)^2")]
    assert first == second


def test_a_check_past_its_budget_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from quizmath.checking import compare

    def slow(self: object, answer: object, key: object) -> None:
        time.sleep(0.5)

    monkeypatch.setattr(compare.Comparer, "compare", slow)
    start = time.perf_counter()
    verdict = check_answer("x", expression("x"), budget=0.05)
    assert time.perf_counter() - start < 0.4
    assert verdict == Verdict(
        False,
        "the answer could not be checked in time (limit 0.05 s)",
        error="the answer could not be checked in time (limit 0.05 s)",
    )


def test_the_budget_works_off_the_main_thread() -> None:
    results: list[Verdict] = []
    worker = threading.Thread(target=lambda: results.append(check_answer("2x", expression("x+x"))))
    worker.start()
    worker.join(10)
    assert results and results[0].correct


def test_run_with_budget_returns_and_reraises() -> None:
    assert run_with_budget(lambda deadline: 42, 1.0) == 42
    with pytest.raises(ZeroDivisionError):
        run_with_budget(lambda deadline: 1 / 0, 1.0)
    with pytest.raises(CheckTimeoutError):
        run_with_budget(lambda deadline: time.sleep(0.3), 0.02)


def test_an_expired_deadline_stops_cooperative_work() -> None:
    deadline = Deadline(0.0)
    time.sleep(0.001)
    with pytest.raises(CheckTimeoutError, match="could not be checked in time"):
        deadline.check()
