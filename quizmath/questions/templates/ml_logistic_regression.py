"""Logistic-regression templates: the predicted probability, the decision boundary, the gradient
(ŷ − y)x of the log loss, and the derivative of the loss as a function of a weight."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import sympy
from sympy import Rational

from quizmath.checking.functions import sigmoid
from quizmath.questions.draw import nonzero, pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math, Part
from quizmath.questions.templates.ml_common import MIN_GAP, SIG4, assign, num, to_float, vec

w_symbol = sympy.Symbol("w")
x2_symbol = sympy.Symbol("x2")

SIGMA = Math("σ(z) = 1/(1 + e^(−z))", r"\sigma(z) = \frac{1}{1 + e^{-z}}")


def _np_sigmoid(z: np.ndarray | float) -> np.ndarray | float:
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def _probability_oracle(params: Mapping[str, Any]) -> float:
    """σ(wᵀx + b) in NumPy, or its complement for class 0."""
    z = float(np.dot(params["w"], params["x"]) + params["b"])
    p = float(_np_sigmoid(z))
    return p if params["label"] == 1 else 1.0 - p


@template(
    id="ml.logistic-probability",
    topic="ml.logistic-regression",
    title="Predicted probability of logistic regression",
    oracle=_probability_oracle,
)
def logistic_probability(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: P(y = 1 | x) for two features. Level 2: P(y = 0 | x) for three features."""
    d = level + 1
    label = 1 if level == 1 else 0
    while True:
        w = [int(v) for v in rng.integers(-3, 4, size=d)]
        x = [int(v) for v in rng.integers(-2, 3, size=d)]
        b = nonzero(rng, -2, 2)
        dot = sum(p * q for p, q in zip(w, x, strict=True))
        z = dot + b
        if z != 0 and abs(z) <= 3 and dot != 0:
            break
    sign = 1 if label == 1 else -1
    answer = sigmoid(sympy.Integer(sign * z))
    mistakes = distinct_mistakes(
        "number",
        answer,
        [
            (
                sigmoid(sympy.Integer(-sign * z)),
                f"That is P(y = {1 - label} | x); P(y = {label} | x) is its complement.",
            ),
            (sigmoid(sympy.Integer(sign * dot)), "The bias b belongs inside σ: z = wᵀx + b."),
            (
                sympy.exp(sympy.Integer(sign * z)),
                "That is the odds p/(1 − p); the probability is σ(z) = odds/(1 + odds).",
            ),
        ],
        gap=MIN_GAP,
    )
    return Draft(
        prompt=[
            "A logistic-regression model has weights w = ",
            vec(w),
            " and bias ",
            assign("b", "b", b),
            ". For the input x = ",
            vec(x),
            f", what is P(y = {label} | x)? Give it {SIG4}.",
        ],
        kind="number",
        answer=answer,
        params={"w": w, "x": x, "b": b, "label": label},
        solution=[
            ["z = wᵀx + b = ", z, "."],
            ["P(y = 1 | x) = ", SIGMA, " = ", sigmoid(sympy.Integer(z)), "."],
            *([] if label == 1 else [["P(y = 0 | x) = 1 − σ(z) = σ(−z) = ", answer, "."]]),
            ["Numerically ≈ ", sympy.Float(to_float(answer), 4), "."],
        ],
        hints=[
            "Compute the logit z = wᵀx + b first.",
            "σ(z) = 1/(1 + e^(−z)) and 1 − σ(z) = σ(−z).",
        ],
        mistakes=mistakes,
    )


def _boundary_oracle(params: Mapping[str, Any]) -> float:
    """Bisection on NumPy's σ along the line x₁ = c (σ is monotone in x₂)."""
    w1, w2, b, c = params["w1"], params["w2"], params["b"], params["c"]
    target = float_param(params["threshold"])

    def gap(x2: float) -> float:
        return float(_np_sigmoid(w1 * c + w2 * x2 + b)) - target

    low, high = -1e3, 1e3
    for _ in range(200):
        middle = (low + high) / 2
        if (gap(middle) > 0) == (gap(high) > 0):
            high = middle
        else:
            low = middle
    return (low + high) / 2


@template(
    id="ml.decision-boundary",
    topic="ml.logistic-regression",
    title="Decision boundary of logistic regression",
    oracle=_boundary_oracle,
)
def decision_boundary(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: where the line x₁ = c crosses the boundary P = 1/2.
    Level 2: the same for another threshold, which needs the logit log(t/(1 − t))."""
    w1, w2 = nonzero(rng, -3, 3), nonzero(rng, -3, 3)
    b = int(rng.integers(-3, 4))
    c = int(rng.integers(-3, 4))
    if level == 1:
        threshold = Rational(1, 2)
    else:
        threshold = pick(
            rng,
            [Rational(p, q) for p, q in [(3, 4), (1, 4), (2, 3), (1, 3), (4, 5), (1, 5), (9, 10)]],
        )
    logit = sympy.log(threshold / (1 - threshold))
    offset = b + w1 * c
    answer = (logit - offset) / w2
    candidates = [
        ((logit + offset) / w2, "Move b + w₁x₁ to the other side with a minus sign."),
        ((logit - offset) / w1, "Divide by w₂, the coefficient of x₂."),
        ((logit - w1 * c) / w2, "Keep the bias: z = w₁x₁ + w₂x₂ + b."),
    ]
    if level == 2:
        candidates += [
            ((threshold - offset) / w2, "Set z to the logit log(t/(1 − t)), not to t itself."),
            ((-logit - offset) / w2, "The logit of t is log(t/(1 − t)), not log((1 − t)/t)."),
        ]
    mistakes = distinct_mistakes("number", answer, candidates, gap=MIN_GAP)
    t = Math("t", "t")
    return Draft(
        prompt=[
            "A logistic-regression classifier predicts P(y = 1 | x) = σ(w₁x₁ + w₂x₂ + b) with ",
            assign("w₁", "w_1", w1),
            ", ",
            assign("w₂", "w_2", w2),
            ", ",
            assign("b", "b", b),
            ". On the line ",
            assign("x₁", "x_1", c),
            ", at which x₂ is the predicted probability exactly ",
            num(threshold),
            "? " if level == 2 else " (the decision boundary)? ",
            "Give x₂ exactly (a fraction such as 5/3 is fine)."
            if level == 1
            else "Give x₂ exactly (log allowed) or to 4 significant digits.",
        ],
        kind="number",
        answer=answer,
        params={"w1": w1, "w2": w2, "b": b, "c": c, "threshold": exact_param(threshold)},
        solution=[
            (
                ["σ(z) = 1/(1 + e^(−z)) = 1/2 exactly when e^(−z) = 1, that is z = 0."]
                if level == 1
                else ["σ(z) = ", t, " exactly when z = log(t/(1 − t)) = ", logit, "."]
            ),
            [
                "On the line x₁ = ",
                c,
                ", z = w₁x₁ + w₂x₂ + b = ",
                offset + w2 * x2_symbol,
                ".",
            ],
            ["Solve ", offset + w2 * x2_symbol, " = ", logit, ": x₂ = ", answer, "."],
        ],
        hints=[
            "Invert the sigmoid: σ(z) = t ⇔ z = log(t/(1 − t)).",
            "Then solve the linear equation w₁c + w₂x₂ + b = z for x₂.",
        ],
        mistakes=mistakes,
    )


def _log_loss_terms(params: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    features = np.array(params["X"], dtype=float)
    labels = np.array(params["y"], dtype=float)
    if "p" in params:
        p = float_param(params["p"])
        logits = np.log(p / (1 - p))
    else:
        logits = features @ np.array(params["w"], dtype=float) + params["b"]
    return features, labels, logits


def _gradient_oracle(params: Mapping[str, Any]) -> list[float]:
    """Central differences of the mean binary cross-entropy around the given logits."""
    features, labels, logits = _log_loss_terms(params)

    def loss(delta: np.ndarray) -> float:
        z = logits + features @ delta[:-1] + delta[-1]
        return float(np.mean(labels * np.logaddexp(0, -z) + (1 - labels) * np.logaddexp(0, z)))

    h = 1e-5
    size = features.shape[1] + 1
    return [(loss(h * unit) - loss(-h * unit)) / (2 * h) for unit in np.eye(size)]


@template(
    id="ml.logistic-gradient",
    topic="ml.logistic-regression",
    title="Gradient of the logistic log loss",
    oracle=_gradient_oracle,
    levels=3,
)
def logistic_gradient(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: one example with its predicted probability given. Level 2: the mean over a
    batch of three. Level 3: the predictions must first be computed from w and b."""
    n = {1: 1, 2: 3, 3: 2}[level]
    while True:
        rows = [[int(v) for v in rng.integers(-2, 4, size=2)] for _ in range(n)]
        labels = [int(v) for v in rng.integers(0, 2, size=n)]
        if level < 3:
            probs = [Rational(int(rng.integers(1, 10)), 10) for _ in range(n)]
            predicted: list[Any] = probs
            w: list[int] = []
            b = 0
        else:
            w = [int(v) for v in rng.integers(-2, 3, size=2)]
            b = int(rng.integers(-1, 2))
            logits = [sum(p * q for p, q in zip(w, row, strict=True)) + b for row in rows]
            if any(abs(z) > 3 for z in logits):
                continue
            predicted = [sigmoid(sympy.Integer(z)) for z in logits]
        errors = [p - y for p, y in zip(predicted, labels, strict=True)]
        gradient = [
            sum((e * row[j] for e, row in zip(errors, rows, strict=True)), sympy.S.Zero) / n
            for j in range(2)
        ] + [sum(errors, sympy.S.Zero) / n]
        if all(abs(to_float(g)) > 1e-9 for g in gradient):  # σ(z) + σ(−z) = 1 can cancel
            break
    damped = [
        sum(
            (e * p * (1 - p) * ([*row, 1][j])
             for e, p, row in zip(errors, predicted, rows, strict=True)),
            sympy.S.Zero,
        ) / n
        for j in range(3)
    ]  # fmt: skip
    if level == 3:  # nobody types this product of sigmoids: its decimals are what to match
        damped = [sympy.Float(to_float(v), 15) for v in damped]
    candidates = [
        ([-g for g in gradient], "Sign error: the gradient of the log loss is (ŷ − y)x."),
        (
            damped,
            "With the log loss the σ′ = ŷ(1 − ŷ) factor cancels; it remains only for a "
            "squared loss on σ.",
        ),
    ]
    if n > 1:
        candidates.append(([g * n for g in gradient], "The loss is a mean: divide by n."))
    mistakes = distinct_mistakes("vector", gradient, candidates, gap=MIN_GAP)
    examples: list[Part] = []
    for i, (row, y) in enumerate(zip(rows, labels, strict=True)):
        examples += [", " if i else "", "x = ", vec(row), f" with y = {y}"]
        if level < 3:
            examples += [" and ŷ = ", num(predicted[i])]
    if level < 3:
        setting: list[Part] = ["The model's predicted probabilities are given. "]
        params: dict[str, Any] = {"X": rows, "y": labels, "p": exact_param(predicted)}
    else:
        setting = [
            "The model is ŷ = σ(w₁x₁ + w₂x₂ + b) with w = ",
            vec(w),
            " and ",
            assign("b", "b", b),
            ". ",
        ]
        params = {"X": rows, "y": labels, "w": w, "b": b}
    loss = "L = −[y log ŷ + (1 − y) log(1 − ŷ)]" if n == 1 else "the mean log loss L"
    exactness = "exactly" if level < 3 else SIG4
    steps: list[Any] = []
    if level == 3:
        steps.append(["Logits z = ", vec(logits), ", so ŷ = ", vec(predicted), "."])
    steps += [
        [
            "For the log loss ∂L/∂z = ŷ − y, so ∂L/∂w = (1/n) Σ (ŷᵢ − yᵢ) xᵢ and "
            "∂L/∂b = (1/n) Σ (ŷᵢ − yᵢ), with n = ",
            n,
            ".",
        ],
        ["ŷ − y = ", vec(errors), "."],
        ["Gradient = ", vec(gradient), "."],
    ]
    if level == 3:
        approx = [sympy.Float(to_float(g), 4) for g in gradient]
        steps.append(["Numerically ≈ ", vec(approx), "."])
    return Draft(
        prompt=[
            "Logistic regression, two features. ",
            *setting,
            "Examples: " if n > 1 else "Example: ",
            *examples,
            f". For {loss}, compute [∂L/∂w₁, ∂L/∂w₂, ∂L/∂b]. Give each entry {exactness}.",
        ],
        kind="vector",
        answer=gradient,
        params=params,
        solution=steps,
        hints=[
            "With ŷ = σ(z), the log loss has ∂L/∂z = ŷ − y.",
            "∂z/∂wⱼ = xⱼ and ∂z/∂b = 1; average over the examples.",
        ],
        mistakes=mistakes,
    )


def _loss_derivative_oracle(params: Mapping[str, Any]) -> Callable[..., float]:
    """Central difference of the NumPy loss in w."""
    a = np.array(params["a"], dtype=float)
    b = np.array(params["b"], dtype=float)
    y = np.array(params["y"], dtype=float)
    penalty = float_param(params["penalty"])

    def loss(w: float) -> float:
        z = a * w + b
        terms = y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)
        return float(np.mean(terms)) + penalty * w * w

    def derivative(w: float) -> float:
        h = 1e-5
        return (loss(w + h) - loss(w - h)) / (2 * h)

    return derivative


@template(
    id="ml.logistic-loss-derivative",
    topic="ml.logistic-regression",
    title="Derivative of the logistic loss in a weight",
    oracle=_loss_derivative_oracle,
    levels=3,
)
def logistic_loss_derivative(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: one example's log loss as a function of w. Level 2: the mean over two examples.
    Level 3: one example plus an L2 penalty λw²."""
    n = 2 if level == 2 else 1
    a = [pick(rng, [-4, -3, -2, 2, 3, 4]) for _ in range(n)]
    b = [int(rng.integers(-3, 4)) for _ in range(n)]
    y = [int(rng.integers(0, 2)) for _ in range(n)]
    strengths = [Rational(1, 10), Rational(1, 4), Rational(1, 2), sympy.S.One, sympy.Integer(2)]
    penalty = pick(rng, strengths) if level == 3 else sympy.Integer(0)
    inner = [ai * w_symbol + bi for ai, bi in zip(a, b, strict=True)]
    terms = [
        -sympy.log(sigmoid(z)) if yi == 1 else -sympy.log(1 - sigmoid(z))
        for z, yi in zip(inner, y, strict=True)
    ]
    loss = terms[0] if n == 1 else sympy.Mul(Rational(1, 2), sympy.Add(*terms), evaluate=False)
    if level == 3:
        loss = loss + penalty * w_symbol**2
    parts = [ai * (sigmoid(z) - yi) for ai, z, yi in zip(a, inner, y, strict=True)]
    data_term = parts[0] if n == 1 else sympy.Add(*parts) / 2
    answer = data_term + 2 * penalty * w_symbol
    no_chain = sum((sigmoid(z) - yi for z, yi in zip(inner, y, strict=True)), sympy.S.Zero) / n
    damped = (
        sum(
            (p * sigmoid(z) * (1 - sigmoid(z)) for p, z in zip(parts, inner, strict=True)),
            sympy.S.Zero,
        )
        / n
    )
    mistakes: list[tuple[Any, str]] = [
        (-data_term + 2 * penalty * w_symbol, "Sign error: d/dz of the log loss is σ(z) − y."),
        (
            no_chain + 2 * penalty * w_symbol,
            "You dropped the chain-rule factor a = dz/dw of the logit.",
        ),
        (
            damped + 2 * penalty * w_symbol,
            "The σ′ = σ(1 − σ) factor cancels against the log: d/dz[−log σ(z)] = σ(z) − 1.",
        ),
    ]
    if level == 2:
        mistakes.append((2 * data_term, "L is the mean of the two losses: keep the 1/2."))
    if level == 3:
        mistakes += [
            (data_term + penalty * w_symbol, "d/dw (λw²) = 2λw: keep the 2."),
            (data_term, "Differentiate the penalty λw² too."),
        ]
    steps: list[Any] = [
        [
            "With z = aw + b, d/dz[−log σ(z)] = σ(z) − 1 and d/dz[−log(1 − σ(z))] = σ(z): "
            "both are σ(z) − y.",
        ],
        ["Chain rule: each term contributes a·(σ(aw + b) − y)."],
    ]
    if level == 3:
        steps.append(["The penalty ", penalty * w_symbol**2, " adds ", 2 * penalty * w_symbol, "."])
    steps.append(["dL/dw = ", answer, "."])
    return Draft(
        prompt=[
            "A logistic model's log loss, as a function of one weight w, is L(w) = ",
            loss,
            ". Find dL/dw as an expression in w (you may use sigmoid).",
        ],
        kind="expression",
        answer=answer,
        params={"a": a, "b": b, "y": y, "penalty": exact_param(penalty)},
        variables=("w",),
        solution=steps,
        hints=[
            "Write u = aw + b and differentiate −log σ(u) or −log(1 − σ(u)) in u first.",
            "σ′(u) = σ(u)(1 − σ(u)); the log cancels one factor.",
        ],
        mistakes=mistakes,
    )


__all__ = [
    "decision_boundary",
    "logistic_gradient",
    "logistic_loss_derivative",
    "logistic_probability",
]
