"""Sampling: rejection-sampling acceptance, importance weights, Monte Carlo error, inverse-CDF
samplers and linear congruential generators.

Oracles compute the exact quantity an estimate targets (an acceptance probability by direct sum
or Gauss–Legendre quadrature, a variance by quadrature, a CDF inverted by bisection)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import sympy
from sympy import Rational as R

from quizmath.questions.draw import distinct, pick, probabilities
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import subscript, superscript
from quizmath.questions.params import Exact, exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.templates.pr_common import MIN_GAP

x_sym = sympy.Symbol("x")
u_sym = sympy.Symbol("u")


def _integral_01(coefficients: Sequence[float] | np.ndarray) -> float:
    """∫₀¹ of a polynomial (ascending coefficients) by 20-point Gauss–Legendre quadrature."""
    nodes, weights = np.polynomial.legendre.leggauss(20)
    xs = (nodes + 1) / 2
    return float(weights @ np.polynomial.polynomial.polyval(xs, coefficients) / 2)


# Unnormalized targets on [0, 1] as (name, polynomial in x, supremum on [0, 1]).
def _targets(c: int) -> list[tuple[sympy.Expr, sympy.Expr]]:
    x = x_sym
    return [
        (c * x**2, sympy.Integer(c)),
        (c * x**3, sympy.Integer(c)),
        (c * x * (1 - x), R(c, 4)),
        (c * (1 + x), sympy.Integer(2 * c)),
        (c * (1 - x**2), sympy.Integer(c)),
        (c * (2 - x), sympy.Integer(2 * c)),
    ]


def _rejection_oracle(params: Mapping[str, Any]) -> float:
    """Exact acceptance probability: Σ q·p/(Mq) for discrete targets, ∫p̃/M by quadrature."""
    if params["kind"] == "discrete":
        p = float_param(params["target"])
        q = float_param(params["proposal"])
        envelope = float(np.max(p / q))
        return float(np.sum(q * p / (envelope * q)))
    accept = _integral_01(float_param(params["poly"])) / float_param(params["envelope"])
    return accept if params["ask"] == "rate" else params["count"] / accept


@template(
    id="pr.rejection-sampling",
    topic="pr.sampling",
    title="Rejection sampling acceptance rate",
    oracle=_rejection_oracle,
    levels=3,
)
def rejection_sampling(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: acceptance rate 1/M for a discrete target and proposal with the tightest M.
    Level 2: acceptance rate Z/M for an unnormalized density on [0, 1] under a uniform proposal.
    Level 3: the expected number of proposals needed for N accepted samples, N·M/Z."""
    if level == 1:
        size = int(rng.integers(3, 5))
        target = probabilities(rng, size, int(pick(rng, (6, 8, 10, 12))))
        if rng.integers(2):
            proposal = [R(1, size)] * size
        else:
            proposal = probabilities(rng, size, int(pick(rng, (4, 5, 6))))
        ratios = [p / q for p, q in zip(target, proposal, strict=True)]
        envelope = max(ratios)
        answer = 1 / envelope
        prompt: list[Any] = [
            f"Rejection sampling targets p = {_vec(target)} on outcomes 1–{size} with proposal "
            f"q = {_vec(proposal)}. It uses the smallest M with p(x) ≤ M·q(x) for every x and "
            "accepts a proposed x with probability p(x)/(M·q(x)). What fraction of proposals "
            "is accepted on average? Give an exact fraction."
        ]
        steps: list[Any] = [
            ["Ratios p/q: ", sympy.Tuple(*ratios), "; M = max = ", envelope, "."],
            ["P(accept) = Σ q(x)·p(x)/(M q(x)) = (Σ p(x))/M = 1/M = ", answer, "."],
        ]
        mistakes = [
            (
                envelope,
                "M is the expected number of proposals per accepted sample; the "
                "acceptance rate is 1/M.",
            ),
            (1 - answer, "That is the rejection rate."),
            (
                max(target),
                "The acceptance rate depends on how far p rises above q: it is 1/M "
                "with M = max p/q.",
            ),
        ]
        params: dict[str, Any] = {
            "kind": "discrete",
            "target": exact_param(target),
            "proposal": exact_param(proposal),
        }
    else:
        c = int(rng.integers(1, 4))
        density, sup = pick(rng, _targets(c))
        envelope = sup * pick(rng, (R(1), R(3, 2), R(2)))
        poly = sympy.Poly(density, x_sym)
        antiderivative = poly.integrate()
        area = antiderivative.eval(1) - antiderivative.eval(0)
        rate = area / envelope
        base: list[Any] = [
            "An unnormalized density p̃(x) = ",
            density,
            " on [0, 1] is sampled by rejection with proposal Uniform(0, 1) and envelope "
            f"M·q(x) with M = {envelope} (p̃ ≤ M on [0, 1]).",
        ]
        steps = [
            ["Z = ∫₀¹ p̃(x) dx = ", area, "."],
            ["P(accept) = ∫ q(x)·p̃(x)/(M q(x)) dx = Z/M = ", rate, "."],
        ]
        count = 0
        if level == 2:
            answer = rate
            prompt = [*base, " What is the acceptance probability? Give an exact fraction."]
            mistakes = [
                (
                    1 / envelope,
                    "1/M is the acceptance rate only for a normalized target; here "
                    "it is Z/M with Z = ∫p̃.",
                ),
                (area, "Divide the area Z by the envelope constant M."),
                (
                    envelope / area,
                    "That is the expected number of proposals per acceptance, "
                    "M/Z; its reciprocal is the rate.",
                ),
            ]
        else:
            count = pick(rng, (100, 200, 500, 1000))
            answer = count / rate
            prompt = [
                *base,
                f" On average, how many proposals are needed to obtain {count} "
                "accepted samples? Give an exact value.",
            ]
            steps.append(
                [
                    f"Each proposal is accepted with probability Z/M, so {count} acceptances take ",
                    count,
                    "·M/Z = ",
                    answer,
                    " proposals.",
                ]
            )
            mistakes = [
                (
                    count * rate,
                    "Accepted samples are a fraction Z/M of the proposals: divide by "
                    "it, don't multiply.",
                ),
                (
                    count * envelope,
                    "M·N counts proposals only for a normalized target; use the "
                    "rate Z/M with Z = ∫p̃.",
                ),
            ]
        params = {
            "kind": "continuous",
            "poly": exact_param(list(reversed(poly.all_coeffs()))),
            "envelope": exact_param(envelope),
            "ask": "rate" if level == 2 else "count",
            "count": count,
        }
    return Draft(
        prompt=prompt,
        kind="number",
        answer=answer,
        params=params,
        solution=steps,
        hints=[
            "A proposal x is accepted with probability p(x)/(M q(x)); average over q."
            if level == 1
            else "A proposal x is accepted with probability p̃(x)/(M q(x)); average over q.",
            "For a normalized target the rate is 1/M; otherwise Z/M.",
        ][: 1 if level == 1 else 2],
        mistakes=distinct_mistakes("number", answer, mistakes, gap=MIN_GAP),
    )


def _vec(values: list[Any]) -> str:
    return "(" + ", ".join(str(v) for v in values) + ")"


def _importance_oracle(params: Mapping[str, Any]) -> list[float]:
    """w = p(x)/q(x) from the tables (or normal densities via NumPy), normalized if asked."""
    samples = params["samples"]
    if params["kind"] == "normal":
        xs = np.array(samples, dtype=float)

        def density(mean: float) -> np.ndarray:
            return np.exp(-((xs - mean) ** 2) / 2) / math.sqrt(2 * math.pi)

        weights = density(params["mu_p"]) / density(params["mu_q"])
    else:
        p = float_param(params["target"])
        q = float_param(params["proposal"])
        index = np.array(samples) - 1
        weights = p[index] / q[index]
    if params["normalized"]:
        weights = weights / weights.sum()
    return list(weights)


@template(
    id="pr.importance-weights",
    topic="pr.sampling",
    title="Importance weights",
    oracle=_importance_oracle,
    levels=3,
)
def importance_weights(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: weights p(x)/q(x) of a few samples for discrete p and q. Level 2: self-normalized
    weights. Level 3: weights for normal target and proposal with different means (exact
    exponentials)."""
    if level < 3:
        # Redraw until the samples carry different weights: equal weights teach nothing.
        while True:
            size = int(rng.integers(3, 5))
            target = probabilities(rng, size, int(pick(rng, (6, 8, 10))))
            proposal = probabilities(rng, size, int(pick(rng, (4, 5, 6))))
            samples = [int(v) for v in rng.integers(1, size + 1, size=int(rng.integers(3, 5)))]
            raw = [target[s - 1] / proposal[s - 1] for s in samples]
            if len(set(raw)) > 1:
                break
        inverse = [proposal[s - 1] / target[s - 1] for s in samples]
        setting = (
            f"Target p = {_vec(target)} and proposal q = {_vec(proposal)} on outcomes "
            f"1–{size}. Samples drawn from q: {', '.join(map(str, samples))}."
        )
        params: dict[str, Any] = {
            "kind": "table",
            "target": exact_param(target),
            "proposal": exact_param(proposal),
            "samples": samples,
        }
        steps: list[Any] = [["w(x) = p(x)/q(x) per sample: ", sympy.Tuple(*raw), "."]]
    else:
        mu_p, mu_q = distinct(rng, -2, 2, 2)
        samples = [int(v) for v in rng.integers(-2, 4, size=3)]
        raw = [sympy.exp(R((x - mu_q) ** 2 - (x - mu_p) ** 2, 2)) for x in samples]
        inverse = [1 / w for w in raw]
        setting = (
            f"Target p = N({mu_p}, 1), proposal q = N({mu_q}, 1). Samples drawn from "
            f"q: {', '.join(map(str, samples))}."
        ).replace("-", "−")
        params = {"kind": "normal", "mu_p": mu_p, "mu_q": mu_q, "samples": samples}
        steps = [
            ["p(x)/q(x) = exp(−(x − μp)²/2 + (x − μq)²/2); the √(2π) factors cancel."],
            ["Per sample: ", sympy.Tuple(*raw), "."],
        ]
    normalized = level == 2
    params["normalized"] = normalized
    if normalized:
        total = sum(raw)
        answer = [w / total for w in raw]
        steps.append(["Sum = ", total, "; divide each weight by it: ", sympy.Tuple(*answer), "."])
        ask = (
            "Give the self-normalized importance weights w̃ᵢ = wᵢ/Σⱼwⱼ (wᵢ = p(xᵢ)/q(xᵢ)) "
            "as a vector, in sample order, exact fractions or decimals to 4 significant "
            "digits."
        )
        inverse_total = sum(inverse)
        mistakes = [
            (raw, "Those are the raw weights: divide each by their sum so they add to 1."),
            (
                [w / inverse_total for w in inverse],
                "The weight is p/q (target over proposal), not q/p.",
            ),
        ]
    else:
        answer = raw
        ask = (
            "Give the importance weights wᵢ = p(xᵢ)/q(xᵢ) as a vector, in sample order "
            "(exact values or decimals to 4 significant digits)."
        )
        mistakes = [
            (inverse, "The weight is p/q (target over proposal), not q/p."),
        ]
        if level == 1:
            mistakes.append(
                (
                    [target[s - 1] for s in samples],
                    "Divide the target probability by the proposal probability of the same sample.",
                )
            )
        else:
            doubled = [
                sympy.exp((x - params["mu_q"]) ** 2 - (x - params["mu_p"]) ** 2) for x in samples
            ]
            mistakes.append((doubled, "The normal exponent is −(x − μ)²/2: keep the ½."))
    return Draft(
        prompt=[setting, " ", ask],
        kind="vector",
        answer=answer,
        params=params,
        solution=steps,
        hints=[
            "Samples from q reweighted by p/q give unbiased averages under p.",
            "Self-normalized weights sum to 1.",
        ][: 2 if normalized else 1],
        mistakes=distinct_mistakes("vector", answer, mistakes, gap=MIN_GAP),
    )


def _mc_error_oracle(params: Mapping[str, Any]) -> float:
    """Samples needed from SE ∝ 1/√n, or √(Var/n) with Var from the exact p or by quadrature."""
    match params["ask"]:
        case "samples":
            return params["n"] * (float_param(params["error"]) / float_param(params["target"])) ** 2
        case "hit":
            p = math.pi / 4 if params["p"] == "pi/4" else float_param(params["p"])
            return math.sqrt(p * (1 - p) / params["n"])
        case _:
            k, c = params["power"], float(params["scale"])
            mean = _integral_01([0.0] * k + [c])
            second = _integral_01([0.0] * (2 * k) + [c * c])
            return math.sqrt((second - mean**2) / params["n"])


@template(
    id="pr.monte-carlo-error",
    topic="pr.sampling",
    title="Monte Carlo error and sample size",
    oracle=_mc_error_oracle,
    levels=3,
)
def monte_carlo_error(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: samples needed to shrink a Monte Carlo standard error by a factor k (k² times
    more). Level 2: the standard error of a hit-or-miss estimate of p. Level 3: the standard
    error of the plain Monte Carlo estimate of ∫₀¹ c·uᵏ du."""
    if level == 1:
        n = pick(rng, (100, 200, 250, 400, 500, 1000))
        error = pick(rng, tuple(R(v, 100) for v in (1, 2, 3, 4, 5, 6, 8, 10)))
        k = pick(rng, (2, 4, 5, 10))  # error/k stays a short decimal
        target = error / k
        answer = sympy.Integer(n * k * k)
        prompt = (
            f"A Monte Carlo estimate from n = {n} samples has standard error "
            f"{float(error):g}. How many samples in total give standard error "
            f"{float(target):g}?"
        )
        steps: list[Any] = [
            ["The standard error falls like 1/√n."],
            [
                f"Dividing it by {k} needs {k}² = {k * k} times the samples: {n}·{k * k} = ",
                answer,
                ".",
            ],
        ]
        mistakes = [
            (
                sympy.Integer(n * k),
                "The error shrinks like 1/√n, not 1/n: k times smaller needs k² times the samples.",
            ),
            (
                sympy.Integer(n * k * k - n),
                "That is how many more samples are needed; the question asks for the total.",
            ),
        ]
        params: dict[str, Any] = {
            "ask": "samples",
            "n": n,
            "error": exact_param(error),
            "target": exact_param(target),
        }
    elif level == 2:
        n = pick(rng, (100, 400, 1000, 2500, 10000))
        if rng.integers(3) == 0:
            p: sympy.Expr = sympy.pi / 4
            event = "a uniform point of the unit square lands in the quarter disc (p = π/4)"
            p_text: Exact = "pi/4"
        else:
            p = pick(rng, (R(1, 2), R(1, 3), R(1, 4), R(1, 5), R(1, 10), R(2, 5), R(3, 10)))
            event = f"an event of probability p = {p} happens"
            p_text = exact_param(p)
        answer = sympy.sqrt(p * (1 - p) / n)
        prompt = (
            f"p is estimated by the fraction of n = {n} independent trials in which "
            f"{event}. What is the standard error of the estimate?"
        )
        steps = [
            ["Each trial is Bernoulli(p) with variance p(1 − p)."],
            ["SE = √(p(1 − p)/n) = ", answer, "."],
        ]
        mistakes = [
            (p * (1 - p) / n, "That is the variance of the estimate; take its square root."),
            (sympy.sqrt(p * (1 - p)) / n, "Divide the standard deviation by √n, not n."),
        ]
        params = {"ask": "hit", "n": n, "p": p_text}
    else:
        power = int(rng.integers(1, 5))
        scale = int(rng.integers(1, 5))
        n = pick(rng, (100, 400, 900, 1600, 2500, 10000))
        mean = R(scale, power + 1)
        second = R(scale**2, 2 * power + 1)
        variance = second - mean**2
        answer = sympy.sqrt(variance / n)
        monomial = "u" if power == 1 else f"u{superscript(power)}"
        f_text = (str(scale) if scale > 1 else "") + monomial.replace("u", "U")
        prompt = (
            f"∫₀¹ {f_text.replace('U', 'u')} du is estimated by the average of f(U) = "
            f"{f_text} over n = {n} independent U ~ Uniform(0, 1). What is the standard "
            "error of the estimate?"
        )
        steps = [
            [
                "E[f(U)] = ",
                mean,
                f", E[f(U)²] = ∫₀¹ {scale * scale}u{superscript(2 * power)} du = ",
                second,
                ".",
            ],
            ["Var f(U) = ", second, " − ", mean**2, " = ", variance, "."],
            ["SE = √(Var/n) = ", answer, "."],
        ]
        mistakes = [
            (sympy.sqrt(second / n), "Var f(U) = E[f²] − (E f)²: subtract the squared mean."),
            (variance / n, "That is the variance of the estimate; take its square root."),
            (sympy.sqrt(variance) / n, "Divide the standard deviation by √n, not n."),
        ]
        params = {"ask": "integral", "n": n, "power": power, "scale": scale}
    return Draft(
        prompt=[
            prompt,
            " Give an exact value or a decimal to 4 significant digits." if level > 1 else "",
        ],
        kind="number",
        answer=answer,
        params=params,
        solution=steps,
        hints=["A Monte Carlo average of n i.i.d. terms has standard error σ/√n."],
        mistakes=distinct_mistakes("number", answer, mistakes, gap=MIN_GAP),
    )


_EXP_RATES = (R(1, 2), R(1, 3), R(2), R(3), R(4), R(5), R(3, 2), R(5, 2), R(1, 4), R(2, 3))


def _inverse_cdf_oracle(params: Mapping[str, Any]) -> Callable[..., float]:
    """Invert the family's CDF at u by bisection, widening the bracket until it holds u."""
    family = params["family"]
    a, b = float_param(params["a"]), float_param(params["b"])
    cdfs: dict[str, tuple[Callable[[float], float], float, float]] = {
        "exponential": (lambda x: 1 - math.exp(-a * (x - b)), b, b + 1),
        "power": (lambda x: (x / b) ** a, 0.0, b),
        "pareto": (lambda x: 1 - (a / x) ** b, a, a + 1),
        "logistic": (lambda x: 1 / (1 + math.exp(-(x - a) / b)), a - 1, a + 1),
        "weibull": (lambda x: 1 - math.exp(-((x / a) ** b)), 0.0, a),
    }
    cdf, low, high = cdfs[family]

    def inverse(u: float) -> float:
        lo, hi = low, high
        while cdf(hi) < u:
            hi = hi + 2 * (hi - lo)
        while cdf(lo) > u:
            lo = lo - 2 * (hi - lo)
        for _ in range(200):
            mid = (lo + hi) / 2
            if cdf(mid) < u:
                lo = mid
            else:
                hi = mid
        return (lo + hi) / 2

    return inverse


def _shifted(shift: int) -> str:
    """``x − 2``, ``x + 2`` or ``x``."""
    if shift == 0:
        return "x"
    return f"x − {shift}" if shift > 0 else f"x + {-shift}"


def _factor(value: Any) -> str:
    """A coefficient written before a bracket: ``2`` or ``(1/2)``."""
    value = sympy.Rational(value)
    return str(value) if value.q == 1 else f"({value})"


@template(
    id="pr.inverse-cdf",
    topic="pr.sampling",
    title="Inverse-CDF sampling",
    oracle=_inverse_cdf_oracle,
)
def inverse_cdf(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: invert an exponential (possibly shifted) or a power-law CDF on [0, θ]. Level 2:
    invert a Pareto, logistic or Weibull CDF."""
    u = u_sym
    family = pick(
        rng, ("exponential", "power") if level == 1 else ("pareto", "logistic", "weibull")
    )
    mistakes: list[tuple[sympy.Expr, str]]
    match family:
        case "exponential":
            rate, shift = pick(rng, _EXP_RATES), int(rng.integers(-2, 4))
            a, b = rate, shift
            inner = _shifted(shift)
            argument = f"{_factor(rate)}({inner})" if shift else f"{_factor(rate)}x"
            cdf = f"1 − e^(−{argument})"
            support = f"x ≥ {shift}"
            answer = shift - sympy.log(1 - u) / rate
            steps = [f"e^(−{argument}) = 1 − u", f"{inner} = −log(1 − u)/{_factor(rate)}"]
            mistakes = [
                (
                    shift - rate * sympy.log(1 - u),
                    "Solve for x: divide −log(1 − u) by the rate, don't multiply.",
                ),
                (
                    shift - sympy.log(u) / rate,
                    "That is F⁻¹(1 − u): it samples the same "
                    "distribution, but F⁻¹(u) has log(1 − u).",
                ),
                (
                    shift + sympy.log(1 - u) / rate,
                    "Sign: log(1 − u) < 0, so x lies above the start of the support.",
                ),
            ]
        case "power":
            power, theta = int(rng.integers(2, 5)), int(rng.integers(1, 7))
            a, b = power, theta
            base = "x" if theta == 1 else f"(x/{theta})"
            cdf = f"{base}{superscript(power)}"
            support = f"0 ≤ x ≤ {theta}"
            answer = theta * u ** R(1, power)
            steps = [f"{cdf} = u", f"{base.strip('()')} = u^(1/{power})"]
            mistakes = [
                (theta * u**power, "Invert the power: solve (x/θ)ᵏ = u with the k-th root."),
                ((theta * u) ** R(1, power), "Take the root of u only, then multiply by θ."),
                (u ** R(1, power) / theta, "x/θ = u^(1/k) gives x = θ·u^(1/k)."),
            ]
        case "pareto":
            scale, alpha = int(rng.integers(1, 10)), int(rng.integers(1, 7))
            a, b = scale, alpha
            ratio = f"{scale}/x"
            cdf = f"1 − {ratio}" if alpha == 1 else f"1 − ({ratio}){superscript(alpha)}"
            support = f"x ≥ {scale}"
            answer = scale * (1 - u) ** R(-1, alpha)
            steps = [f"{cdf} = u", f"{ratio} = (1 − u)^(1/{alpha})"]
            mistakes = [
                (
                    scale * (1 - u) ** R(1, alpha),
                    "x sits in the denominator: the exponent is −1/α.",
                ),
                (
                    scale * u ** R(-1, alpha),
                    "That is F⁻¹(1 − u): it samples the same distribution, but F⁻¹(u) uses 1 − u.",
                ),
            ]
        case "logistic":
            loc, scale = int(rng.integers(-5, 6)), int(rng.integers(1, 6))
            a, b = loc, scale
            inner = _shifted(loc)
            if scale == 1:
                standardized = inner
            else:
                standardized = f"x/{scale}" if loc == 0 else f"({inner})/{scale}"
            bracketed = scale == 1 and loc != 0
            exponent = f"−({standardized})" if bracketed else f"−{standardized}"
            cdf = f"1/(1 + e^({exponent}))"
            support = "all real x"
            answer = loc + scale * sympy.log(u / (1 - u))
            steps = [f"e^({exponent}) = (1 − u)/u", f"{standardized} = log(u/(1 − u))"]
            mistakes = [
                (
                    loc + scale * sympy.log((1 - u) / u),
                    "Sign: e^(−(x − μ)/s) = (1 − u)/u, so (x − μ)/s = log(u/(1 − u)).",
                ),
                (
                    loc + sympy.log(u / (1 - u)) / scale,
                    "Multiply the logit by the scale s, don't divide.",
                ),
            ]
        case _:
            scale, shape = int(rng.integers(1, 10)), int(rng.integers(2, 5))
            a, b = scale, shape
            base = "x" if scale == 1 else f"(x/{scale})"
            cdf = f"1 − e^(−{base}{superscript(shape)})"
            support = "x ≥ 0"
            answer = scale * (-sympy.log(1 - u)) ** R(1, shape)
            steps = [
                f"{base}{superscript(shape)} = −log(1 − u)",
                f"{base.strip('()')} = (−log(1 − u))^(1/{shape})",
            ]
            mistakes = [
                (
                    scale * (-sympy.log(1 - u)) ** shape,
                    "Invert the power: take the k-th root of −log(1 − u).",
                ),
                (
                    (-sympy.log(1 - u)) ** R(1, shape) / scale,
                    "x/λ = (−log(1 − u))^(1/k) gives x = λ·(−log(1 − u))^(1/k).",
                ),
            ]
    domain = {"u": (0.05, 0.95)}
    return Draft(
        prompt=[
            f"A distribution has CDF F(x) = {cdf} for {support}. ".replace("-", "−"),
            "Inverse-CDF sampling returns F⁻¹(U) for U ~ Uniform(0, 1). Give F⁻¹(u) as a "
            "formula in u.",
        ],
        kind="expression",
        answer=answer,
        params={"family": family, "a": exact_param(a), "b": exact_param(b)},
        variables=("u",),
        domain=domain,
        solution=[
            [f"Set F(x) = u and rearrange: {steps[0]}.".replace("-", "−")],
            [f"Isolate x: {steps[1]}.".replace("-", "−")],
            ["F⁻¹(u) = ", answer, "."],
        ],
        hints=["Solve F(x) = u for x.", "F⁻¹(U) has CDF F because P(F⁻¹(U) ≤ x) = P(U ≤ F(x))."],
        mistakes=distinct_mistakes(
            "expression", answer, mistakes, variables=tuple(domain), domain=domain
        ),
    )


_MODULI = ((7, 9, 11, 13, 16, 17, 19, 23), (31, 32, 37, 41, 64, 100, 101))


def _lcg_oracle(params: Mapping[str, Any]) -> list[float]:
    """Run the recurrence x ← (a·x + c) mod m with Python integers."""
    a, c, m, x = params["a"], params["c"], params["m"], params["seed"]
    values = []
    for _ in range(params["count"]):
        x = (a * x + c) % m
        values.append(float(x))
    return values


@template(
    id="pr.lcg",
    topic="pr.sampling",
    title="Linear congruential generator",
    oracle=_lcg_oracle,
)
def lcg(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the next three states of an LCG with a small modulus. Level 2: the next four
    states with a modulus up to 101."""
    m = pick(rng, _MODULI[level - 1])
    a = int(rng.integers(2, m))
    c = int(rng.integers(1, m))
    seed = int(rng.integers(0, m))
    count = level + 2

    def run(step: Callable[[int], int]) -> list[int]:
        x, out = seed, []
        for _ in range(count):
            x = step(x)
            out.append(x)
        return out

    answer = run(lambda x: (a * x + c) % m)
    mistakes = [
        (
            [sympy.Integer(v) for v in run(lambda x: (a * x) % m)],
            "You dropped the increment c: x ← (a·x + c) mod m.",
        ),
        (
            [sympy.Integer(v) for v in run(lambda x: (a * (x + c)) % m)],
            "Multiply first, then add c: x ← (a·x + c) mod m, not a·(x + c).",
        ),
    ]
    key = [sympy.Integer(v) for v in answer]
    first = seed
    trace = []
    for value in answer:
        trace.append(f"({a}·{first} + {c}) mod {m} = {value}")
        first = value
    return Draft(
        prompt=[
            f"A linear congruential generator uses x ← ({a}·x + {c}) mod {m} with seed "
            f"x₀ = {seed}. Give the next {count} states "
            f"[{', '.join(f'x{subscript(i)}' for i in range(1, count + 1))}] as a vector."
        ],
        kind="vector",
        answer=key,
        params={"a": a, "c": c, "m": m, "seed": seed, "count": count},
        solution=[[line + "."] for line in trace],
        hints=[
            "Multiply, add c, then take the remainder after division by m.",
            "Uniform numbers in [0, 1) come from xₙ/m.",
        ],
        mistakes=distinct_mistakes("vector", key, mistakes, gap=MIN_GAP),
    )


__all__ = ["importance_weights", "inverse_cdf", "lcg", "monte_carlo_error", "rejection_sampling"]
