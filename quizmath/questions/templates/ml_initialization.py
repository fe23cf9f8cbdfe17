"""Initialization templates: Xavier/He variances, how variance grows or shrinks with depth, and
whether gradients vanish or explode."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import numpy as np
import sympy
from sympy import Rational

from quizmath.questions.draw import pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import subscript, superscript
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.templates.ml_common import MIN_GAP, num

_FANS = [64, 100, 128, 200, 256, 300, 400, 512, 784, 1000, 1024]
_OUTCOMES = ("vanishing", "exploding", "stable")


@cache
def _second_moment(activation: str) -> float:
    """E[f(Z)²] for Z ~ N(0, 1), by the trapezoid rule on a fine grid."""
    z = np.linspace(-12.0, 12.0, 240_001)
    density = np.exp(-0.5 * z * z) / np.sqrt(2 * np.pi)
    values = np.maximum(z, 0.0) if activation == "relu" else z
    integrand = values**2 * density
    return float(np.sum((integrand[1:] + integrand[:-1]) / 2 * np.diff(z)))


def _init_oracle(params: Mapping[str, Any]) -> float:
    """Fans from the weight shape, the variance from its defining property, then the form."""
    shape = params["shape"]  # (out, in, k, k) or (out, in)
    receptive = int(np.prod(shape[2:])) if len(shape) > 2 else 1
    fan_in, fan_out = shape[1] * receptive, shape[0] * receptive
    if params["scheme"] == "he":
        variance = 1.0 / (fan_in * _second_moment("relu"))  # keeps E[z²] through ReLU
    else:
        variance = 2.0 / (fan_in + fan_out)  # Glorot's compromise between the two passes
    if params["form"] == "variance":
        return variance
    if params["form"] == "std":
        return float(np.sqrt(variance))
    return float(np.sqrt(3.0 * variance))  # U(−a, a) has variance a²/3


@template(
    id="ml.init-variance",
    topic="ml.initialization",
    title="Xavier and He initialization",
    oracle=_init_oracle,
    levels=3,
)
def init_variance(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the normal variance of a dense layer. Level 2: the uniform limit a of U(−a, a).
    Level 3: the normal standard deviation of a convolution, whose fans include the kernel."""
    scheme = pick(rng, ["he", "xavier"])
    names = {"he": "He (Kaiming)", "xavier": "Xavier (Glorot)"}
    activation = {"he": "ReLU", "xavier": "tanh"}[scheme]
    if level < 3:
        fan_in, fan_out = pick(rng, _FANS), pick(rng, _FANS)
        shape = [fan_out, fan_in]
        layer = (
            f"A dense layer with {fan_in} inputs and {fan_out} outputs, followed by {activation}"
        )
        receptive = 1
    else:
        kernel = pick(rng, [1, 3, 5, 7])
        c_in, c_out = pick(rng, [3, 16, 32, 64, 128]), pick(rng, [16, 32, 64, 128, 256])
        shape = [c_out, c_in, kernel, kernel]
        receptive = kernel * kernel
        fan_in, fan_out = c_in * receptive, c_out * receptive
        layer = (
            f"A {kernel}×{kernel} convolution from {c_in} to {c_out} channels, followed by "
            f"{activation}"
        )
    he = Rational(2, fan_in)
    xavier = Rational(2, fan_in + fan_out)
    variance = he if scheme == "he" else xavier
    other = xavier if scheme == "he" else he
    form = {1: "variance", 2: "limit", 3: "std"}[level]

    def shaped(v: Any) -> Any:
        return {"variance": v, "std": sympy.sqrt(v), "limit": sympy.sqrt(3 * v)}[form]

    answer = shaped(variance)
    swapped = "Xavier" if scheme == "he" else "He"
    candidates: list[tuple[Any, str]] = [
        (shaped(other), f"That is the {swapped} value; {names[scheme]} uses "
         + ("2/fan_in." if scheme == "he" else "2/(fan_in + fan_out).")),
        (shaped(Rational(1, fan_in)), "That is LeCun's 1/fan_in; "
         + ("ReLU zeroes half the signal, hence the 2." if scheme == "he"
            else "Xavier averages the fans: 2/(fan_in + fan_out).")),
    ]  # fmt: skip
    if scheme == "he":
        candidates.append((shaped(Rational(2, fan_out)), "He's forward rule divides by fan_in."))
    if form == "variance":
        candidates.append(
            (sympy.sqrt(variance), "That is the standard deviation, not the variance.")
        )
        asked = "the variance of its weights under zero-mean normal"
    elif form == "std":
        candidates.append((variance, "That is the variance; take its square root."))
        candidates.append(
            (sympy.sqrt(Rational(2, shape[1] if scheme == "he" else shape[0] + shape[1])),
             "A convolution's fans include the kernel area: fan_in = k²·C_in.")
        )  # fmt: skip
        asked = "the standard deviation of its weights under zero-mean normal"
    else:
        candidates.append(
            (sympy.sqrt(variance), "That is the normal standard deviation; U(−a, a) has "
             "variance a²/3, so a = √(3·Var).")
        )  # fmt: skip
        asked = "the limit a of the uniform distribution U(−a, a) of its weights under"
    mistakes = distinct_mistakes("number", answer, candidates, gap=MIN_GAP)
    rule = "Var = 2/fan_in" if scheme == "he" else "Var = 2/(fan_in + fan_out)"
    steps: list[Any] = []
    if level == 3:
        steps.append([f"fan_in = k²·C_in = {fan_in}, fan_out = k²·C_out = {fan_out}."])
    steps.append([f"{names[scheme]}: {rule} = ", variance, "."])
    if form == "std":
        steps.append(["Standard deviation = √Var = ", answer, "."])
    if form == "limit":
        steps.append(["U(−a, a) has variance a²/3, so a = √(3·Var) = ", answer, "."])
    return Draft(
        prompt=[
            f"{layer}. What is {asked} {names[scheme]} initialization? Give an exact value "
            "(sqrt allowed) or 4 significant digits."
        ],
        kind="number",
        answer=answer,
        params={"shape": shape, "scheme": scheme, "form": form},
        solution=steps,
        hints=[
            "He (for ReLU): Var = 2/fan_in. Xavier (for tanh/sigmoid): Var = 2/(fan_in + fan_out).",
            "A uniform U(−a, a) has variance a²/3.",
        ],
        mistakes=mistakes,
    )


def _depth_oracle(params: Mapping[str, Any]) -> float:
    """Per-layer gain n·σ²·E[f(Z)²] from numerical integration, applied layer by layer."""
    gain = (
        params["width"] * float_param(params["weight_var"]) * _second_moment(params["activation"])
    )
    variance = float_param(params["input_var"])
    for _ in range(params["layers"] - 1):
        variance *= gain
    return variance


@template(
    id="ml.depth-variance",
    topic="ml.initialization",
    title="Activation variance through a deep network",
    oracle=_depth_oracle,
)
def depth_variance(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a deep linear network multiplies the variance by nσ² per layer. Level 2: with
    ReLU only half of the second moment survives, so the factor is nσ²/2."""
    activation = "linear" if level == 1 else "relu"
    width = pick(rng, [64, 100, 128, 256, 500, 512, 1000])
    gain_choices = [Rational(1, 2), Rational(3, 2), Rational(2), Rational(3), Rational(4)]
    if level == 1:
        gain_choices += [Rational(3, 4), Rational(5, 4)]
    c = pick(rng, gain_choices)  # n·σ²
    weight_var = c / width
    layers = int(rng.integers(3, 7))
    input_var = pick(rng, [Rational(1), Rational(2), Rational(1, 2), Rational(4)])
    factor = c if level == 1 else c / 2
    answer = input_var * factor ** (layers - 1)
    candidates: list[tuple[Any, str] | None] = [
        (input_var * factor**layers,
         f"z₁ → z{subscript(layers)} crosses {layers - 1} weight layers."),
        (input_var * c ** (layers - 1),
         "ReLU zeroes half of a symmetric input: E[ReLU(z)²] = Var(z)/2.") if level == 2 else None,
        (input_var * factor * (layers - 1), "Each layer multiplies the variance; it does not add."),
    ]  # fmt: skip
    mistakes = distinct_mistakes("number", answer, candidates, gap=MIN_GAP)
    act_text = "no activation (a deep linear network)" if level == 1 else "ReLU activations"
    layer_rule = "zₗ₊₁ = Wₗ₊₁zₗ" if level == 1 else "zₗ₊₁ = Wₗ₊₁ReLU(zₗ)"
    per_layer = "nσ²" if level == 1 else "nσ²·E[ReLU(z)²]/Var(z) = nσ²/2"
    return Draft(
        prompt=[
            f"A network of width n = {width} with {act_text} computes {layer_rule}; every "
            "weight is drawn independently from N(0, σ²) with σ² = ",
            weight_var,
            ", and the first pre-activations z₁ have mean 0 and variance ",
            num(input_var),
            f". What is the variance of each entry of z{subscript(layers)} at initialization? "
            "Give an exact number.",
        ],
        kind="number",
        answer=answer,
        params={
            "width": width,
            "weight_var": exact_param(weight_var),
            "activation": activation,
            "input_var": exact_param(input_var),
            "layers": layers,
        },
        solution=[
            ["Each entry of zₗ₊₁ sums n independent terms w·a, so Var(zₗ₊₁) = nσ²·E[a²]."],
            [f"Per layer the variance is multiplied by {per_layer} = ", num(factor), "."],
            [
                f"From z₁ to z{subscript(layers)}: ",
                num(input_var),
                " · ",
                num(factor),
                f"{superscript(layers - 1)} = ",
                num(answer),
                ".",
            ],
        ],  # fmt: skip
        hints=[
            "Var(Σᵢ wᵢaᵢ) = n·Var(w)·E[a²] for independent zero-mean weights.",
            "For ReLU, E[ReLU(z)²] = Var(z)/2 when z is symmetric around 0.",
        ],
        mistakes=mistakes,
    )


def _classify(factor: float) -> str:
    if factor < 0.5:
        return "vanishing"
    if factor > 2.0:
        return "exploding"
    return "stable"


def _explode_oracle(params: Mapping[str, Any]) -> str:
    """Multiply the per-step factors numerically and classify the product."""
    steps = params["steps"]
    if params["setting"] == "rnn":
        factors = np.full(steps, abs(float_param(params["w"])))
    elif params["setting"] == "sigmoid":
        slope = 0.25  # σ′(0), from σ(z)(1 − σ(z)) at z = 0
        factors = np.full(steps, abs(float_param(params["w"])) * slope)
    else:
        gain = (
            params["width"]
            * float_param(params["weight_var"])
            * _second_moment(params["activation"])
        )
        factors = np.full(steps, gain)
    return _classify(float(np.prod(factors)))


@template(
    id="ml.vanishing-exploding",
    topic="ml.initialization",
    title="Vanishing or exploding gradients",
    oracle=_explode_oracle,
)
def vanishing_exploding(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a scalar chain (a linear RNN over T steps, or a sigmoid stack with σ′ = 1/4).
    Level 2: the variance gain nσ² (halved by ReLU) of a deep network at initialization."""

    def judge(factor: Rational) -> str:
        return "vanishing" if factor < 1 else "exploding" if factor > 1 else "stable"

    candidates: list[tuple[Any, str]] = []
    params: dict[str, Any]
    if level == 1:
        setting = pick(rng, ["rnn", "sigmoid"])
        if setting == "rnn":
            steps = int(rng.integers(50, 101))
            w = pick(rng, [Rational(v, 10) for v in (-15, -12, -9, -5, 5, 8, 9, 10, 11, 12, 15, 20)]
                      + [Rational(-1)])  # fmt: skip
            factor = abs(w)
            prompt = [
                "A linear recurrent network updates hₜ = w·hₜ₋₁ + xₜ with the scalar weight w = ",
                num(w),
                f". Backpropagating through T = {steps} time steps, does the gradient "
                "∂h_T/∂h₀ vanish, explode or stay stable?",
            ]
            reason = ["∂h_T/∂h₀ = w^T, so its size is |w|^T with |w| = ", num(factor), "."]
            candidates.append((judge(w), "Only the magnitude matters: |w|^T."))
            params = {"setting": setting, "w": exact_param(w), "steps": steps}
        else:
            steps = int(rng.integers(10, 31))
            w = Rational(pick(rng, [1, 2, 3, 4, 5, 6, 8]))
            factor = w / 4
            # With b = −w/2 and a₀ = 1/2 every pre-activation is exactly 0, so σ′ = 1/4 throughout.
            prompt = [
                f"A stack of {steps} scalar layers computes aₗ = σ(w·aₗ₋₁ + b) with sigmoid "
                f"σ, every weight w = {w} and every bias b = ",
                num(-w / 2),
                ", starting from a₀ = 0.5, so every pre-activation w·aₗ₋₁ + b is exactly 0. "
                f"Does the gradient ∂a{subscript(steps)}/∂a₀ vanish, explode or stay stable?",
            ]
            reason = ["Each layer multiplies the gradient by w·σ′(0) = w/4 = ", num(factor), "."]
            candidates.append(
                (judge(w), "Each sigmoid layer also multiplies by σ′(0) = 1/4, its maximum.")
            )
            params = {"setting": setting, "w": exact_param(w), "steps": steps}
    else:
        activation = pick(rng, ["relu", "relu", "linear"])
        width = pick(rng, [128, 256, 512, 1024])
        c = pick(rng, [Rational(1, 2), Rational(1), Rational(2), Rational(4), Rational(3)])
        weight_var = c / width
        steps = int(rng.integers(30, 81))
        factor = c / 2 if activation == "relu" else c
        act_text = "ReLU activations" if activation == "relu" else "no activation function"
        prompt = [
            f"A {steps}-layer MLP of width {width} with {act_text} draws every "
            "weight from N(0, σ²) with σ² = ",
            weight_var,
            ". At initialization, does the variance of the signals (and of the gradients) "
            "vanish, explode or stay stable with depth?",
        ]
        reason = [
            "Per layer the variance is multiplied by nσ²"
            + ("·1/2 (ReLU keeps half the second moment)" if activation == "relu" else "")
            + " = ",
            num(factor),
            ".",
        ]
        if activation == "relu":
            candidates.append((judge(c), "ReLU zeroes half the signal: the gain is nσ²/2."))
        else:
            candidates.append((judge(c / 2), "Without ReLU nothing is halved: the gain is nσ²."))
        params = {
            "setting": "mlp",
            "activation": activation,
            "width": width,
            "weight_var": exact_param(weight_var),
            "steps": steps,
        }
    answer = judge(factor)
    remedies = {
        "vanishing": "Remedies: ReLU-family activations, He/Xavier init, residual connections, "
        "normalization, LSTM/GRU gates.",
        "exploding": "Remedies: gradient clipping, smaller or orthogonal init, normalization.",
        "stable": "This is the balance He and Xavier initialization aim for.",
    }
    mistakes = distinct_mistakes("choice", answer, candidates)
    return Draft(
        prompt=[*prompt, " Answer vanishing, exploding or stable."],
        kind="choice",
        answer=answer,
        params=params,
        choices=_OUTCOMES,
        solution=[
            reason,
            [
                f"Over {steps} {'time steps' if params['setting'] == 'rnn' else 'layers'} the "
                f"factor is raised to the power {steps}: "
                f"below 1 it vanishes, above 1 it explodes, exactly 1 is stable → {answer}."
            ],
            [remedies[answer]],
        ],  # fmt: skip
        hints=[
            "Find the factor one layer (or time step) multiplies the gradient by.",
            "A product of many equal factors goes to 0 or ∞ unless the factor is 1.",
        ],
        mistakes=mistakes,
    )


__all__ = ["depth_variance", "init_variance", "vanishing_exploding"]
