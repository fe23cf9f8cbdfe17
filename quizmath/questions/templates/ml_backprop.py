"""Backpropagation templates: gradients of a tiny ReLU network with given integer weights.

The network is a = W₁x + b₁, h = ReLU(a), ŷ = w₂ᵀh + b₂, L = ½(ŷ − y)². Every number stays an
integer, so the forward and backward passes can be done by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from quizmath.questions.draw import nonzero
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.registry import template
from quizmath.questions.render import Math, Part
from quizmath.questions.templates.ml_common import MIN_GAP, assign, mat, vec

NETWORK = Math(
    "a = W₁x + b₁, h = ReLU(a), ŷ = w₂ᵀh + b₂, L = ½(ŷ − y)²",
    r"a = W_1 x + b_1,\ h = \mathrm{ReLU}(a),\ \hat y = w_2^\top h + b_2,\ "
    r"L = \tfrac12 (\hat y - y)^2",
)


@dataclass(frozen=True)
class _Net:
    x: list[int]
    w1: list[list[int]]
    b1: list[int]
    w2: list[int]
    b2: int
    y: int

    @property
    def pre(self) -> list[int]:
        return [sum(w * v for w, v in zip(row, self.x, strict=True)) + b
                for row, b in zip(self.w1, self.b1, strict=True)]  # fmt: skip

    @property
    def hidden(self) -> list[int]:
        return [max(0, a) for a in self.pre]

    @property
    def output(self) -> int:
        return sum(w * h for w, h in zip(self.w2, self.hidden, strict=True)) + self.b2

    @property
    def delta(self) -> int:
        return self.output - self.y

    @property
    def mask(self) -> list[int]:
        return [int(a > 0) for a in self.pre]

    @property
    def hidden_grad(self) -> list[int]:
        """∂L/∂a: the output error sent back through w₂ and the ReLU."""
        return [self.delta * w * m for w, m in zip(self.w2, self.mask, strict=True)]

    def params(self, wrt: str) -> dict[str, Any]:
        return {"x": self.x, "W1": self.w1, "b1": self.b1, "w2": self.w2, "b2": self.b2,
                "y": self.y, "wrt": wrt}  # fmt: skip

    def given(self) -> list[Part]:
        return [
            "x = ", vec(self.x), ", W₁ = ", mat(self.w1), " (row by row), b₁ = ", vec(self.b1),
            ", w₂ = ", vec(self.w2), ", ", assign("b₂", "b_2", self.b2), ", target ",
            assign("y", "y", self.y),
        ]  # fmt: skip

    def forward_steps(self) -> list[list[Part]]:
        return [
            ["Forward: a = W₁x + b₁ = ", vec(self.pre), ", h = ReLU(a) = ", vec(self.hidden),
             f", ŷ = w₂ᵀh + b₂ = {self.output}".replace("-", "−"), "."],
            [f"δ = ∂L/∂ŷ = ŷ − y = {self.delta}".replace("-", "−"), "."],
        ]  # fmt: skip


def _draw(rng: np.random.Generator, inputs: int, hidden: int) -> _Net:
    """A network whose pre-activations avoid the ReLU kink and whose output error is nonzero."""
    while True:
        net = _Net(
            x=[nonzero(rng, -2, 2) for _ in range(inputs)],
            w1=[[int(v) for v in rng.integers(-2, 3, size=inputs)] for _ in range(hidden)],
            b1=[int(v) for v in rng.integers(-1, 2, size=hidden)],
            w2=[nonzero(rng, -2, 2) for _ in range(hidden)],
            b2=int(rng.integers(-1, 2)),
            y=int(rng.integers(-3, 4)),
        )
        if 0 not in net.pre and 0 < abs(net.delta) <= 6 and any(net.mask):
            return net


def _loss(params: Mapping[str, Any], **override: np.ndarray) -> float:
    values = {key: np.array(params[key], dtype=float) for key in ("x", "W1", "b1", "w2", "b2", "y")}
    values.update(override)
    hidden = np.maximum(0.0, values["W1"] @ values["x"] + values["b1"])
    return float(0.5 * (values["w2"] @ hidden + values["b2"] - values["y"]) ** 2)


def _central(params: Mapping[str, Any], name: str) -> np.ndarray:
    """Central differences of the NumPy loss in every entry of parameter ``name``."""
    base = np.array(params[name], dtype=float)
    grad = np.zeros_like(base)
    h = 1e-6
    for index in np.ndindex(base.shape):
        up, down = base.copy(), base.copy()
        up[index] += h
        down[index] -= h
        grad[index] = (_loss(params, **{name: up}) - _loss(params, **{name: down})) / (2 * h)
    return grad


def _gradients_oracle(params: Mapping[str, Any]) -> list[float]:
    """Finite differences of a NumPy forward pass in the requested parameters."""
    if params["wrt"] == "output":
        return [*_central(params, "w2"), *_central(params, "b2").ravel()]
    return list(_central(params, params["wrt"]))


@template(
    id="ml.backprop-gradients",
    topic="ml.backprop",
    title="Backpropagation through a 2-layer ReLU network",
    oracle=_gradients_oracle,
    levels=3,
)
def backprop_gradients(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: gradients of the output layer (w₂, b₂). Level 2: the hidden biases b₁, through
    the ReLU. Level 3: the input x, through W₁ᵀ."""
    net = _draw(rng, 2, 2)
    delta, grad_a = net.delta, net.hidden_grad
    steps: list[Any] = net.forward_steps()
    if level == 1:
        answer = [delta * h for h in net.hidden] + [delta]
        asked = "[∂L/∂w₂₁, ∂L/∂w₂₂, ∂L/∂b₂]"
        wrt = "output"
        candidates: list[tuple[Any, str]] = [
            ([delta * a for a in net.pre] + [delta], "Use the activations h = ReLU(a), not a."),
            ([2 * v for v in answer], "d/dŷ of ½(ŷ − y)² is ŷ − y: the ½ cancels the 2."),
        ]
        steps.append(["∂L/∂w₂ = δ·h and ∂L/∂b₂ = δ: ", vec(answer), "."])
    else:
        steps.append(
            ["∂L/∂a = δ·w₂ ⊙ 1[a > 0] = ", vec(grad_a), " (ReLU passes gradient only where a > 0)."]
        )
        unmasked = [delta * w for w in net.w2]
        if level == 2:
            answer = grad_a
            asked = "∂L/∂b₁ as a vector [∂L/∂b₁₁, ∂L/∂b₁₂]"
            wrt = "b1"
            candidates = [
                (
                    unmasked,
                    "The ReLU blocks the gradient of units with a < 0: multiply by 1[a > 0].",
                ),
                (
                    [g * h for g, h in zip(unmasked, net.hidden, strict=True)],
                    "ReLU′(a) is 1 or 0, not h itself.",
                ),
                (
                    [delta * m for m in net.mask],
                    "The error reaches hidden unit i through its output weight: multiply by w₂ᵢ.",
                ),
            ]
            steps.append(["∂L/∂b₁ = ∂L/∂a = ", vec(answer), "."])
        else:
            w1 = sympy.Matrix(net.w1)
            answer = list(w1.T * sympy.Matrix(grad_a))
            asked = "∂L/∂x as a vector [∂L/∂x₁, ∂L/∂x₂]"
            wrt = "x"
            candidates = [
                (list(w1 * sympy.Matrix(grad_a)), "Back through a = W₁x multiply by W₁ᵀ, not W₁."),
                (list(w1.T * sympy.Matrix(unmasked)), "Apply the ReLU mask 1[a > 0] before W₁ᵀ."),
            ]
            steps.append(["∂L/∂x = W₁ᵀ ∂L/∂a = ", vec(answer), "."])
    candidates.append(([-v for v in answer], "Sign error: δ = ŷ − y, not y − ŷ."))
    mistakes = distinct_mistakes("vector", answer, candidates, gap=MIN_GAP)
    return Draft(
        prompt=[
            "A network computes ",
            NETWORK,
            ", with ",
            *net.given(),
            f". Compute {asked}.",
        ],
        kind="vector",
        answer=answer,
        params=net.params(wrt),
        solution=steps,
        hints=[
            "Run the forward pass first and keep a, h and ŷ.",
            "Backward: δ = ŷ − y, then multiply by each local derivative on the way down.",
        ],
        mistakes=mistakes,
    )


def _weight_gradient_oracle(params: Mapping[str, Any]) -> np.ndarray:
    """Finite differences of a NumPy forward pass in every entry of W₁."""
    return _central(params, "W1")


@template(
    id="ml.backprop-weight-gradient",
    topic="ml.backprop",
    title="Weight-matrix gradient of a hidden layer",
    oracle=_weight_gradient_oracle,
)
def backprop_weight_gradient(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: ∂L/∂W₁ for 2 inputs and 2 hidden units. Level 2: 3 inputs and 3 hidden units."""
    size = level + 1
    while True:
        net = _draw(rng, size, size)
        grad_a = sympy.Matrix(net.hidden_grad)
        x = sympy.Matrix(net.x)
        answer = grad_a * x.T
        # A symmetric outer product would hide the transposition mistake, and a gradient with
        # one live row teaches little about the outer product.
        if answer != answer.T and sum(net.mask) >= size - 1:
            break
    unmasked = sympy.Matrix([net.delta * w for w in net.w2])
    activation = sympy.Matrix([net.delta * w * h for w, h in zip(net.w2, net.hidden, strict=True)])
    mistakes = distinct_mistakes(
        "matrix",
        answer,
        [
            (x * grad_a.T, "Transposed: ∂L/∂W₁ = (∂L/∂a) xᵀ has one row per hidden unit."),
            (unmasked * x.T, "The ReLU blocks the gradient of units with a < 0."),
            (activation * x.T, "ReLU′(a) is 1 or 0, not h itself."),
            (-answer, "Sign error: δ = ŷ − y, not y − ŷ."),
        ],
        gap=MIN_GAP,
    )
    return Draft(
        prompt=[
            "A network computes ",
            NETWORK,
            ", with ",
            *net.given(),
            f". Compute the {size}×{size} matrix ∂L/∂W₁ (entry (i, j) is ∂L/∂(W₁)ᵢⱼ), row by "
            "row as [[…], …].",
        ],
        kind="matrix",
        answer=answer,
        params=net.params("W1"),
        solution=[
            *net.forward_steps(),
            ["∂L/∂a = δ·w₂ ⊙ 1[a > 0] = ", vec(net.hidden_grad), "."],
            ["aᵢ = Σⱼ (W₁)ᵢⱼxⱼ + (b₁)ᵢ, so ∂L/∂(W₁)ᵢⱼ = (∂L/∂aᵢ)·xⱼ: ∂L/∂W₁ = (∂L/∂a)xᵀ."],
            ["∂L/∂W₁ = ", answer, "."],
        ],
        hints=[
            "Find ∂L/∂a for the hidden pre-activations first.",
            "The gradient of a weight matrix is an outer product: (gradient at its output) × "
            "(its input)ᵀ.",
        ],
        mistakes=mistakes,
    )


__all__ = ["backprop_gradients", "backprop_weight_gradient"]
