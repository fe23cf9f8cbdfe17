"""Cross-entropy templates: H(p, q), classification log loss, and the log loss's derivative."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import sympy

from quizmath.checking.functions import sigmoid
from quizmath.questions.draw import nonzero, pick, probabilities
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.it_shared import entropy, log_sum, log_terms, plogq
from quizmath.questions.templates.op_shared import MIN_GAP, approx, seq

R = sympy.Rational
H_PQ = Math("H(p, q)", "H(p, q)")


def _cross_entropy_oracle(params: Mapping[str, Any]) -> float:
    """−Σ pᵢ log qᵢ by a direct NumPy sum."""
    p, q = float_param(params["p"]), float_param(params["q"])
    value = float(-np.sum(p * np.log(q)))
    return value / np.log(2) if params["unit"] == "bits" else value


_DYADIC: dict[int, list[tuple[sympy.Rational, ...]]] = {
    3: [(R(1, 2), R(1, 4), R(1, 4))],
    4: [(R(1, 2), R(1, 4), R(1, 8), R(1, 8)), (R(1, 4),) * 4],
}


def _dyadic_model(rng: np.random.Generator, size: int) -> list[sympy.Rational]:
    """A model distribution of powers of 1/2 (log₂ qᵢ are integers)."""
    chosen = list(pick(rng, _DYADIC[size]))
    return [chosen[int(i)] for i in rng.permutation(size)]


@template(
    id="it.cross-entropy",
    topic="it.cross-entropy",
    title="Cross-entropy of two distributions",
    oracle=_cross_entropy_oracle,
)
def cross_entropy(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: H(p, q) in nats for 2–3 outcomes. Level 2: in bits for 3–4 outcomes, with a
    model q of powers of 1/2 so that each log₂ qᵢ is an integer."""
    while True:
        if level == 1:
            size = int(rng.integers(2, 4))
            p = probabilities(rng, size, pick(rng, (4, 5, 6, 8)))
            q = probabilities(rng, size, pick(rng, (4, 5, 6, 8, 10)))
        else:
            size = int(rng.integers(3, 5))
            p = probabilities(rng, size, pick(rng, (6, 8, 10, 12)))
            q = _dyadic_model(rng, size)
        if p != q:
            break
    unit = "nats" if level == 1 else "bits"
    bits = level == 2
    answer = plogq(p, q, bits)
    candidates = [
        (plogq(q, p, bits), "That is H(q, p): the true distribution p weights the surprise "
         "log(1/qᵢ) of the model."),
        (entropy(p, bits), "That is the entropy H(p); cross-entropy uses the model's "
         "probabilities inside the log: −Σ pᵢ log qᵢ."),
        (plogq(p, q, not bits), f"Wrong unit: the question asks for "
         f"{unit}."),
    ]  # fmt: skip
    if level == 1:
        surprises = log_terms([(pi, 1 / qi) for pi, qi in zip(p, q, strict=True)])
        working: list[Any] = [
            H_PQ,
            " = ",
            surprises,
            " = ",
            answer,
            " ≈ ",
            approx(answer),
            " nats.",
        ]
        form = "exactly (a sum of logs) or to 4 significant digits"
    else:
        terms = " + ".join(f"{pi}·{int(sympy.log(1 / qi, 2))}" for pi, qi in zip(p, q, strict=True))
        working = ["log₂(1/qᵢ) are integers: ", H_PQ, " = ", terms, " = ", answer, " bits."]
        form = "as an exact fraction"
    prompt = ["The true distribution is p = ", seq(p), " and a model predicts q = ", seq(q),
              ". Compute the cross-entropy ", H_PQ, f" = −Σ pᵢ log qᵢ in {unit}, {form}."
              ]  # fmt: skip
    return Draft(
        prompt=prompt,
        kind="number",
        answer=answer,
        params={"p": exact_param(p), "q": exact_param(q), "unit": unit},
        solution=[
            [
                H_PQ,
                " = Σ pᵢ·log(1/qᵢ): the average surprise of the model, weighted by the truth; "
                "it exceeds H(p) by KL(p‖q) ≥ 0.",
            ],
            working,
        ],
        hints=[
            "Weights from p, logs of q.",
            "Bits: log base 2; nats: natural log.",
        ],
        mistakes=distinct_mistakes("number", answer, candidates, gap=MIN_GAP),
    )


def _log_loss_oracle(params: Mapping[str, Any]) -> float:
    """Mean negative log-likelihood of the labels by a direct NumPy sum."""
    if params["mode"] == "multiclass":
        q = float_param(params["q"])
        return float(-np.log(q[params["label"]]))
    y = np.array(params["y"], dtype=float)
    y_hat = float_param(params["y_hat"])
    return float(-np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)))


@template(
    id="it.log-loss",
    topic="it.cross-entropy",
    title="Classification log loss",
    oracle=_log_loss_oracle,
)
def log_loss(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the cross-entropy loss of one multi-class prediction against a one-hot label.
    Level 2: the mean binary cross-entropy over a small batch."""
    if level == 1:
        size = int(rng.integers(3, 5))
        q = probabilities(rng, size, pick(rng, (5, 8, 10, 12)))
        label = int(rng.integers(size))
        answer = log_sum([(1, 1 / q[label])])
        top = max(range(size), key=lambda i: q[i])
        candidates = [
            (log_sum([(1, 1 / q[label])], bits=True), "That is the value in bits: the loss "
             "uses the natural log."),
            (log_sum([(1, 1 / q[top])]), "Use the probability of the true class, not of the "
             "predicted (most likely) class."),
            (plogq([R(1, size)] * size, q), "With a one-hot label only the true class's term "
             "survives: the loss is −log q_true."),
        ]  # fmt: skip
        classes = ", ".join(f"class {i + 1}" for i in range(size))
        prompt = ["A classifier outputs probabilities ", seq(q), f" for ({classes}). The true "
                  f"class is class {label + 1}. Compute the cross-entropy loss in nats, exactly "
                  "or to 4 significant digits."]  # fmt: skip
        params: dict[str, Any] = {"mode": "multiclass", "q": exact_param(q), "label": label}
        solution = [
            ["With a one-hot label y, −Σ yₖ log qₖ keeps only the true class's term."],
            ["Loss = −log(", q[label], ") = ", answer, " ≈ ", approx(answer), " nats."],
        ]
    else:
        n = int(rng.integers(3, 5))
        choices = (R(1, 5), R(1, 4), R(1, 3), R(2, 3), R(3, 4), R(4, 5), R(1, 10), R(9, 10))
        while True:
            y = [int(v) for v in rng.integers(0, 2, size=n)]
            y_hat = [pick(rng, choices) for _ in range(n)]
            if 0 < sum(y) < n:
                break
        likelihoods = [yh if yi else 1 - yh for yi, yh in zip(y, y_hat, strict=True)]
        total = plogq([R(1)] * n, likelihoods)
        answer = plogq([R(1, n)] * n, likelihoods)
        candidates = [
            (total, "The loss is the mean over the batch: divide the sum by n."),
            (plogq([R(1, n)] * n, y_hat), "For a label y = 0 the likelihood is 1 − ŷ, not ŷ."),
            (plogq([R(1, n)] * n, likelihoods, bits=True), "That is the value in bits: use the "
             "natural log."),
        ]  # fmt: skip
        prompt = ["A binary classifier predicts ŷ = P(y = 1) = ", seq(y_hat), " for examples "
                  "with labels y = ", seq(y), ". Compute the mean binary cross-entropy "
                  "−(1/n)·Σ [y log ŷ + (1 − y) log(1 − ŷ)] in nats, exactly or to 4 significant "
                  "digits."]  # fmt: skip
        params = {"mode": "binary", "y": y, "y_hat": exact_param(y_hat)}
        solution = [
            ["Each example contributes −log of the probability given to its label: ŷ if y = 1, "
             "1 − ŷ if y = 0, here ", seq(likelihoods), "."],
            ["The sum is ", log_terms([(1, 1 / v) for v in likelihoods]), " = ", total,
             "; divided by n = ", n, ": ", answer, " ≈ ", approx(answer), " nats."],
        ]  # fmt: skip
    return Draft(
        prompt=prompt,
        kind="number",
        answer=answer,
        params=params,
        solution=solution,
        hints=[
            "The loss is −log of the probability the model gave to the correct label.",
            "Average over the examples; use the natural log.",
        ],
        mistakes=distinct_mistakes("number", answer, candidates, gap=MIN_GAP),
    )


def _bce_oracle(params: Mapping[str, Any]) -> Callable[..., float]:
    """dL/dw by a central difference of the mean loss, computed stably with logaddexp."""
    xs = np.array(params["x"], dtype=float)
    ys = np.array(params["y"], dtype=float)
    b = float(params["b"])

    def loss(w: float) -> float:
        z = w * xs + b
        # −log σ(z) = log(1 + e^(−z)), −log(1 − σ(z)) = log(1 + e^z)
        return float(np.mean(ys * np.logaddexp(0.0, -z) + (1 - ys) * np.logaddexp(0.0, z)))

    def derivative(w: float) -> float:
        h = 1e-5
        return (loss(w + h) - loss(w - h)) / (2 * h)

    return derivative


@template(
    id="it.bce-derivative",
    topic="it.cross-entropy",
    title="Derivative of the binary cross-entropy loss",
    oracle=_bce_oracle,
)
def bce_derivative(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: dL/dw of the log loss of one example, L = −log σ(wx + b) or −log(1 − σ(wx + b)).
    Level 2: the mean loss over two examples."""
    w = sympy.Symbol("w")
    b = int(rng.integers(-3, 4))
    count = level
    while True:
        xs = [pick(rng, (-4, -3, -2, 2, 3, 4))] + [nonzero(rng, -3, 3) for _ in range(count - 1)]
        ys = [int(v) for v in rng.integers(0, 2, size=count)]
        if len(set(zip(xs, ys, strict=True))) == count:
            break
    zs = [x * w + b for x in xs]
    losses = [
        -sympy.log(sigmoid(z)) if y else -sympy.log(1 - sigmoid(z))
        for z, y in zip(zs, ys, strict=True)
    ]
    loss = sympy.Add(*losses) / count
    per_example = [x * (sigmoid(z) - y) for x, z, y in zip(xs, zs, ys, strict=True)]
    answer = sympy.Add(*per_example) / count
    forgot_x = sympy.Add(*(sigmoid(z) - y for z, y in zip(zs, ys, strict=True))) / count
    candidates: list[tuple[Any, str]] = [
        (forgot_x, "Chain rule: z = wx + b, so dz/dw = x multiplies (σ(z) − y)."),
        (-answer, "Sign error: dL/dz = σ(z) − y (prediction minus label)."),
    ]
    if count == 2:
        candidates.append((sympy.Add(*per_example), "The loss is the mean of the two examples: "
                           "divide by 2."))  # fmt: skip
    examples = ", ".join(
        f"(x = {x}, y = {y})".replace("-", "−") for x, y in zip(xs, ys, strict=True)
    )
    what = "its log loss" if count == 1 else "the mean log loss over the two examples"
    prompt = [f"A logistic model ŷ = σ(w·x + b) with b = {b}".replace("-", "−"),
              f" sees the example{'s' if count == 2 else ''} {examples}; ", what, " is L(w) = ",
              loss, ". Give dL/dw as an expression in w (you may write sigmoid(...))."]  # fmt: skip
    return Draft(
        prompt=prompt,
        kind="expression",
        answer=answer,
        params={"x": xs, "y": ys, "b": b},
        variables=("w",),
        solution=[
            ["For z = wx + b, −[y log σ(z) + (1 − y) log(1 − σ(z))] has derivative σ(z) − y in z."],
            ["Chain rule: dz/dw = x, so each example contributes x·(σ(wx + b) − y)."],
            ["dL/dw = ", answer, "."],
        ],
        hints=[
            "σ′(z) = σ(z)(1 − σ(z)), so d/dz [−log σ(z)] = σ(z) − 1.",
            "Multiply by dz/dw = x.",
        ],
        mistakes=candidates,
    )


__all__ = ["bce_derivative", "cross_entropy", "log_loss"]
