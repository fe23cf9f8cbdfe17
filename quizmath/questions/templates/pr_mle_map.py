"""Maximum likelihood and MAP: estimators as formulas of the data, log-likelihoods, MAP with
conjugate priors, and priors read as regularization penalties."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import sympy
from sympy import Rational as R

from quizmath.questions.draw import nonzero, pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import minus, superscript
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math
from quizmath.questions.templates.pr_common import MIN_GAP, data_text, factor


def _bisect(score: Callable[[float], float], low: float, high: float, log: bool) -> float:
    """The root of a score that is positive left of it and negative right of it."""
    for _ in range(200):
        mid = math.sqrt(low * high) if log else (low + high) / 2
        if score(mid) > 0:
            low = mid
        else:
            high = mid
    return (low + high) / 2


def _mle_estimator_oracle(params: Mapping[str, Any]) -> Callable[..., float]:
    """Maximize each family's log-likelihood numerically: bisect its score (d/dθ log L) to 0."""
    family, n = params["family"], params["n"]
    known = float_param(params["known"]) if params["known"] is not None else 0.0

    def estimate(**point: float) -> float:
        x = np.array([point[f"x{i + 1}"] for i in range(n)])
        total = float(x.sum())
        match family:
            case "exponential":
                return _bisect(lambda lam: n / lam - total, 1e-9, 1e6, log=True)
            case "exponential-mean":
                return _bisect(lambda theta: -n / theta + total / theta**2, 1e-9, 1e6, log=True)
            case "poisson":
                # Counts over windows of length t: xᵢ ~ Poisson(λt).
                return _bisect(lambda lam: total / lam - n * known, 1e-9, 1e6, log=True)
            case "binomial":
                # xᵢ ~ Binomial(m, p) with m = known trials each.
                return _bisect(
                    lambda p: total / p - (n * known - total) / (1 - p), 1e-12, 1 - 1e-12, log=False
                )
            case "geometric":
                return _bisect(lambda p: n / p - (total - n) / (1 - p), 1e-12, 1 - 1e-12, log=False)
            case "normal-mean":
                return _bisect(lambda mu: float((x - mu).sum()) / known, -1e3, 1e3, log=False)
            case "gamma":
                return _bisect(lambda lam: n * known / lam - total, 1e-9, 1e6, log=True)
            case "weibull":
                k = known
                powers = float((x**k).sum())
                return _bisect(
                    lambda lam: -n * k / lam + k * powers / lam ** (k + 1), 1e-9, 1e6, log=True
                )
            case "rayleigh":
                squares = float((x**2).sum())
                return _bisect(lambda v: -n / v + squares / (2 * v * v), 1e-12, 1e6, log=True)
            case _:
                centre = (
                    known
                    if family == "normal-var-known-mean"
                    else _bisect(lambda mu: float((x - mu).sum()), -1e3, 1e3, log=False)
                )
                q = float(((x - centre) ** 2).sum())
                return _bisect(lambda v: -n / (2 * v) + q / (2 * v * v), 1e-12, 1e6, log=True)

    return estimate


def _over(numerator: sympy.Expr, denominator: int) -> sympy.Expr:
    """``numerator/denominator`` kept as one fraction: ``(x1 + x2)/2`` prints (and renders) faster
    and reads better than the distributed ``x1/2 + x2/2``."""
    return sympy.Mul(
        numerator, sympy.Pow(sympy.Integer(denominator), -1, evaluate=False), evaluate=False
    )


_LEVEL_ONE = ("exponential", "exponential-mean", "poisson", "binomial", "geometric", "normal-mean")
# Families with a known second parameter come up twice as often: their prompts vary more.
_LEVEL_TWO = (
    "gamma",
    "gamma",
    "normal-var-known-mean",
    "normal-var-known-mean",
    "weibull",
    "weibull",
    "normal-var",
    "rayleigh",
)


@template(
    id="pr.mle-estimator",
    topic="pr.mle-map",
    title="Maximum-likelihood estimator as a formula",
    oracle=_mle_estimator_oracle,
)
def mle_estimator(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the MLE of a one-parameter family (exponential rate or mean, Poisson rate,
    binomial or Bernoulli p, geometric p, normal mean) as a formula in x1..xn. Level 2: a
    variance, rate or scale with a known second parameter (gamma or Weibull shape, normal mean),
    or a Rayleigh σ²."""
    family = pick(rng, _LEVEL_ONE if level == 1 else _LEVEL_TWO)
    n = int(rng.integers(2, 6))
    if family == "normal-var":
        n = min(n, 3)  # x̄ must be written out in every square: keep the formula typeable
    elif family == "normal-var-known-mean":
        n = min(n, 4)  # sums of squares grow quickly; keep the formulas short
    xs = sympy.symbols(f"x1:{n + 1}")
    total = sympy.Add(*xs)
    mean = _over(total, n)
    # n·Σ(xᵢ − x̄)² = n·Σxᵢ² − (Σxᵢ)² keeps the key short.
    centred = sympy.Add(*[n * x**2 for x in xs]) - total**2
    domain = (0.5, 3.0)
    known: Any = None
    mistakes: list[tuple[sympy.Expr, str]] = []
    match family:
        case "exponential":
            model, name = "Exponential with rate λ, density f(x) = λe^(−λx) for x > 0", "λ̂"
            answer = n / total
            steps = ["ℓ(λ) = n·log λ − λ·Σxᵢ", "ℓ′(λ) = n/λ − Σxᵢ = 0"]
            mistakes = [
                (mean, "That is x̄, the MLE of the mean 1/λ; the rate's MLE is its reciprocal.")
            ]
        case "exponential-mean":
            model, name = "Exponential with mean θ, density f(x) = e^(−x/θ)/θ for x > 0", "θ̂"
            answer = mean
            steps = ["ℓ(θ) = −n·log θ − Σxᵢ/θ", "ℓ′(θ) = −n/θ + Σxᵢ/θ² = 0"]
            mistakes = [(n / total, "That is the MLE of the rate 1/θ; the mean's MLE is x̄.")]
        case "poisson":
            known = int(rng.integers(1, 10))
            if known == 1:
                model = "Poisson with mean λ, P(X = x) = λˣe^(−λ)/x!"
            else:
                model = (
                    f"Poisson counts over windows of length t = {known}, so xᵢ ~ "
                    f"Poisson(λt) with λ the rate per unit length"
                )
            name = "λ̂"
            answer = _over(total, n * known)
            steps = ["ℓ(λ) = Σxᵢ·log(λt) − nλt − Σ log xᵢ!", "ℓ′(λ) = Σxᵢ/λ − nt = 0"]
            mistakes = [
                (n * known / total, "Inverted: ℓ′(λ) = Σxᵢ/λ − nt vanishes at λ = Σxᵢ/(nt).")
            ]
            if known > 1:
                mistakes.append(
                    (
                        mean,
                        f"That is the mean count per window; divide by the "
                        f"window length t = {known} for the rate.",
                    )
                )
        case "binomial":
            known = int(rng.integers(1, 11))
            domain = (0.05 * known, 0.95 * known)
            if known == 1:
                model = "Bernoulli(p), each xᵢ ∈ {0, 1}"
            else:
                model = f"Binomial(m = {known}, p): each xᵢ counts successes in {known} trials"
            name = "p̂"
            answer = _over(total, n * known)
            steps = [
                "ℓ(p) = Σxᵢ·log p + (nm − Σxᵢ)·log(1 − p) + const",
                "ℓ′(p) = Σxᵢ/p − (nm − Σxᵢ)/(1 − p) = 0",
            ]
            mistakes = [
                (
                    _over(n * known - total, n * known),
                    "That is the fraction of failures, the MLE of 1 − p.",
                )
            ]
            if known > 1:
                mistakes.append(
                    (
                        mean,
                        f"That is the mean number of successes; divide by the "
                        f"m = {known} trials behind each xᵢ.",
                    )
                )
        case "geometric":
            model = (
                "Geometric: P(X = x) = (1 − p)^(x − 1)·p for x = 1, 2, … (trials up to the "
                "first success)"
            )
            name = "p̂"
            domain = (1.2, 4.0)
            answer = n / total
            steps = ["ℓ(p) = n·log p + (Σxᵢ − n)·log(1 − p)", "ℓ′(p) = n/p − (Σxᵢ − n)/(1 − p) = 0"]
            mistakes = [(mean, "That is x̄, which estimates the mean number of trials 1/p.")]
        case "normal-mean":
            known = int(rng.integers(1, 17))
            model, name = f"Normal with unknown mean μ and known variance σ² = {known}", "μ̂"
            domain = (-3.0, 3.0)
            answer = mean
            steps = ["ℓ(μ) = −Σ(xᵢ − μ)²/(2σ²) + const", "ℓ′(μ) = Σ(xᵢ − μ)/σ² = 0"]
            mistakes = [
                (
                    _over(total, n * known),
                    "The known variance cancels in ℓ′(μ) = 0: it does not rescale the estimate.",
                )
            ]
        case "gamma":
            known = int(rng.integers(2, 10))
            model = (
                f"Gamma with known shape α = {known} and unknown rate λ, density "
                "λ^α·x^(α − 1)·e^(−λx)/Γ(α)"
            )
            name = "λ̂"
            answer = n * known / total
            steps = ["ℓ(λ) = nα·log λ − λ·Σxᵢ + const", "ℓ′(λ) = nα/λ − Σxᵢ = 0"]
            mistakes = [
                (n / total, f"You dropped the shape: the λ^α factor gives nα/λ with α = {known}."),
                (_over(total, n * known), "Inverted: solve nα/λ − Σxᵢ = 0 for λ."),
            ]
        case "weibull":
            known = int(rng.integers(2, 6))
            model = (
                f"Weibull with known shape k = {known} and unknown scale λ, density "
                "(k/λ)·(x/λ)^(k − 1)·e^(−(x/λ)^k) for x > 0"
            )
            name = "λ̂"
            powers = sympy.Add(*[x**known for x in xs])
            answer = sympy.Pow(_over(powers, n), R(1, known), evaluate=False)
            steps = ["ℓ(λ) = −nk·log λ − Σ(xᵢ/λ)ᵏ + const", "ℓ′(λ) = −nk/λ + k·Σxᵢᵏ/λᵏ⁺¹ = 0"]
            mistakes = [
                (_over(powers, n), f"That is λ̂ᵏ: take the k-th root (k = {known})."),
                (mean, "The mean of a Weibull is not its scale; solve ℓ′(λ) = 0."),
            ]
        case "normal-var-known-mean":
            known = int(rng.integers(-5, 6))
            model = f"Normal with known mean μ = {known} and unknown variance σ²".replace("-", "−")
            name = "σ̂²"
            domain = (-3.0, 3.0)
            squares = sympy.Add(*[(x - known) ** 2 for x in xs])
            answer = _over(squares, n)
            steps = [
                "ℓ(σ²) = −(n/2)·log σ² − Σ(xᵢ − μ)²/(2σ²) + const",
                "ℓ′(σ²) = −n/(2σ²) + Σ(xᵢ − μ)²/(2σ⁴) = 0",
            ]
            mistakes = [
                (
                    _over(squares, n - 1),
                    "The MLE divides by n; dividing by n − 1 is the unbiased "
                    "correction used when the mean is estimated, and here it is known.",
                ),
                (
                    _over(centred, n * n),
                    f"The mean is known (μ = {known}): measure deviations from it, not from x̄.",
                ),
            ]
        case "normal-var":
            model, name = "Normal with unknown mean μ and unknown variance σ²", "σ̂²"
            domain = (-3.0, 3.0)
            answer = _over(centred, n * n)
            steps = [
                "μ̂ = x̄, then ℓ(σ²) = −(n/2)·log σ² − Σ(xᵢ − x̄)²/(2σ²) + const",
                "ℓ′(σ²) = −n/(2σ²) + Σ(xᵢ − x̄)²/(2σ⁴) = 0, so σ̂² = Σ(xᵢ − x̄)²/n with "
                f"x̄ = {mean}; expanded, n·Σxᵢ² − (Σxᵢ)² over n²",
            ]
            mistakes = [
                (
                    _over(centred, n * (n - 1)),
                    "Dividing by n − 1 gives the unbiased sample variance; the MLE divides by n.",
                )
            ]
        case _:
            model = "Rayleigh with parameter σ², density (x/σ²)·e^(−x²/(2σ²)) for x > 0"
            name = "σ̂²"
            squares = sympy.Add(*[x**2 for x in xs])
            answer = _over(squares, 2 * n)
            steps = ["ℓ(σ²) = −n·log σ² − Σxᵢ²/(2σ²) + const", "ℓ′(σ²) = −n/σ² + Σxᵢ²/(2σ⁴) = 0"]
            mistakes = [
                (
                    _over(squares, n),
                    "Solve −n/σ² + Σxᵢ²/(2σ⁴) = 0: the 2 in the exponent stays, giving Σxᵢ²/(2n).",
                )
            ]
    names = ", ".join(str(x) for x in xs)
    variable_domain = {str(x): domain for x in xs}
    return Draft(
        prompt=[
            f"{names} are i.i.d. {model}. Give the maximum-likelihood estimate {name} as a "
            f"formula in {names} (write sums and means out, e.g. x1 + x2)."
        ],
        kind="expression",
        answer=answer,
        params={"family": family, "n": n, "known": known},
        variables=tuple(str(x) for x in xs),
        domain=variable_domain,
        solution=[
            [f"Log-likelihood: {steps[0]}."],
            [f"Set the derivative to zero: {steps[1]}."],
            [f"Solve: {name} = ", answer, "."],
        ],
        hints=[
            "Take the log of the product of densities, differentiate in the parameter, set to 0.",
        ],
        mistakes=distinct_mistakes(
            "expression", answer, mistakes, variables=tuple(variable_domain), domain=variable_domain
        ),
    )


p_sym = sympy.Symbol("p")
mu_sym = sympy.Symbol("mu")


def _log_likelihood_oracle(params: Mapping[str, Any]) -> Callable[..., float]:
    """Σ log pmf/pdf of the data at the parameter, with NumPy and math.lgamma."""
    data = np.array(params["data"], dtype=float)
    family = params["family"]

    def bernoulli(p: float) -> float:
        return float(np.sum(data * np.log(p) + (1 - data) * np.log(1 - p)))

    def normal(mu: float) -> float:
        return float(np.sum(-0.5 * np.log(2 * np.pi) - 0.5 * (data - mu) ** 2))

    def poisson(mu: float) -> float:
        logs = [x * math.log(mu) - mu - math.lgamma(x + 1) for x in data]
        return float(np.sum(logs))

    return {"bernoulli": bernoulli, "normal": normal, "poisson": poisson}[family]


@template(
    id="pr.log-likelihood",
    topic="pr.mle-map",
    title="Log-likelihood of a data set",
    oracle=_log_likelihood_oracle,
    levels=3,
)
def log_likelihood(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: ℓ(p) of Bernoulli observations. Level 2: ℓ(μ) of N(μ, 1) observations,
    constants included. Level 3: ℓ(μ) of Poisson counts with mean μ, with the log xᵢ! terms."""
    mistakes: list[tuple[sympy.Expr, str]]
    if level == 1:
        n = int(rng.integers(5, 11))
        while True:
            data = [int(v) for v in rng.integers(0, 2, size=n)]
            k = sum(data)
            if 0 < k < n and 2 * k != n:
                break
        family, var, domain = "bernoulli", p_sym, (0.05, 0.95)
        answer = k * sympy.log(p_sym) + (n - k) * sympy.log(1 - p_sym)
        model = "Bernoulli(p) observations"
        steps: list[Any] = [
            [f"{k} ones and {n - k} zeros: L(p) = p{superscript(k)}·(1 − p){superscript(n - k)}."],
            ["ℓ(p) = log L(p) = ", answer, "."],
        ]
        mistakes = [
            (k * sympy.log(p_sym), "The zeros contribute too: add (n − k)·log(1 − p)."),
            (p_sym**k * (1 - p_sym) ** (n - k), "That is the likelihood itself; take its log."),
            (
                (n - k) * sympy.log(p_sym) + k * sympy.log(1 - p_sym),
                "Swapped: each 1 contributes log p and each 0 contributes log(1 − p).",
            ),
        ]
    elif level == 2:
        n = int(rng.integers(3, 5))
        data = [int(v) for v in rng.integers(-3, 6, size=n)]
        family, var, domain = "normal", mu_sym, (-3.0, 5.0)
        total, power_sum = sum(data), sum(x * x for x in data)
        # Σ(xᵢ − μ)² expanded: a quadratic in μ is shorter than n squares.
        squares = n * mu_sym**2 - 2 * total * mu_sym + power_sum
        constant = -R(n, 2) * sympy.log(2 * sympy.pi)
        answer = constant - squares / 2
        model = "observations from N(μ, 1) (variance 1)"
        steps = [
            ["Each density is e^(−(x − μ)²/2)/√(2π), so log f(x) = −log(2π)/2 − (x − μ)²/2."],
            [
                f"Σ(xᵢ − μ)² = nμ² − 2μΣxᵢ + Σxᵢ² with n = {n}, Σxᵢ = {total}, Σxᵢ² = "
                f"{power_sum}: ".replace("-", "−"),
                squares,
                ".",
            ],
            ["ℓ(μ) = −(n/2)·log(2π) − ½Σ(xᵢ − μ)² = ", answer, "."],
        ]
        mistakes = [
            (
                -squares / 2,
                f"Keep the normalizing constants: each observation adds −log(2π)/2, "
                f"{n} of them in all.",
            ),
            (constant - squares, "The exponent of a N(μ, 1) density is −(x − μ)²/2: keep the ½."),
            (
                -sympy.log(2 * sympy.pi) / 2 - squares / 2,
                f"Every observation brings its own −log(2π)/2: the constant is −({n}/2)·log(2π).",
            ),
        ]
    else:
        n = int(rng.integers(3, 6))
        data = [int(v) for v in rng.integers(0, 5, size=n)]
        if max(data) < 2:
            data[0] = int(rng.integers(2, 5))
        family, var, domain = "poisson", mu_sym, (0.5, 6.0)
        total = sum(data)
        factorials = math.prod(math.factorial(x) for x in data)
        answer = total * sympy.log(mu_sym) - n * mu_sym - sympy.log(factorials)
        model = "counts from a Poisson distribution with mean μ"
        steps = [
            ["log P(X = x) = x·log μ − μ − log x!."],
            [f"Sum: Σxᵢ = {total}, n = {n}, Π xᵢ! = {factorials}, so ℓ(μ) = ", answer, "."],
        ]
        mistakes = [
            (
                total * sympy.log(mu_sym) - n * mu_sym,
                "Keep the constant −Σ log xᵢ!: the question asks for every term.",
            ),
            (
                total * sympy.log(mu_sym) - mu_sym - sympy.log(factorials),
                "Each observation contributes −μ: the sum has −nμ.",
            ),
            (
                total * sympy.log(mu_sym) - sympy.log(factorials),
                "You dropped the −nμ from the e^(−μ) factors.",
            ),
        ]
    name = str(var)
    variable_domain = {name: domain}
    return Draft(
        prompt=[
            f"Data: {data_text(data)}, independent {model}. Write the log-likelihood ",
            Math(f"ℓ({'p' if var == p_sym else 'μ'})", rf"\ell({sympy.latex(var)})"),
            f" in the variable {name} (natural log, keep every constant).",
        ],
        kind="expression",
        answer=answer,
        params={"family": family, "data": data},
        variables=(name,),
        domain=variable_domain,
        solution=steps,
        hints=["The log turns the product of densities into a sum of log-densities."],
        # Distinct by construction: each mistake changes a term that is never zero here.
        mistakes=mistakes,
    )


_GAUSS_TAU = (1, 2, 4)
_GAUSS_SIGMA = (1, 2, 4, 9)


def _map_oracle(params: Mapping[str, Any]) -> float:
    """Maximize the log posterior by bisecting its derivative."""
    if params["prior"] == "beta":
        a, b, k, n = params["a"], params["b"], params["k"], params["n"]
        return _bisect(
            lambda p: (k + a - 1) / p - (n - k + b - 1) / (1 - p), 1e-12, 1 - 1e-12, log=False
        )
    mu0, tau2, sigma2 = params["mu0"], params["tau2"], params["sigma2"]
    n, mean = params["n"], params["mean"]
    return _bisect(lambda mu: n * (mean - mu) / sigma2 + (mu0 - mu) / tau2, -1e4, 1e4, log=False)


@template(
    id="pr.map-estimate",
    topic="pr.mle-map",
    title="MAP estimate with a conjugate prior",
    oracle=_map_oracle,
)
def map_estimate(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: MAP of a coin's p under a Beta(a, b) prior. Level 2: MAP of a normal mean under a
    normal prior, a precision-weighted average of the prior mean and x̄."""
    if level == 1:
        a, b = int(rng.integers(2, 6)), int(rng.integers(2, 6))
        n = int(rng.integers(5, 21))
        k = int(rng.integers(0, n + 1))
        answer = R(k + a - 1, n + a + b - 2)
        prompt = [
            f"A coin's heads probability p has prior Beta({a}, {b}). In {n} tosses it shows "
            f"{k} heads. What is the MAP estimate of p? Give an exact fraction."
        ]
        steps: list[Any] = [
            [
                f"Posterior ∝ p{superscript(k)}(1 − p){superscript(n - k)} · "
                f"p{superscript(a - 1)}(1 − p){superscript(b - 1)}, a Beta({k + a}, {n - k + b})."
            ],
            [
                f"Its mode is (k + a − 1)/(n + a + b − 2) = ({k} + {a} − 1)/({n} + {a} + {b} − 2)"
                " = ",
                answer,
                ".",
            ],
        ]
        mistakes = [
            (
                R(k, n),
                "That is the MLE k/n: the prior adds a − 1 pseudo-heads and b − 1 pseudo-tails.",
            ),
            (
                R(k + a, n + a + b),
                "That is the posterior mean; MAP is the posterior mode, "
                "(k + a − 1)/(n + a + b − 2).",
            ),
        ]
        params: dict[str, Any] = {"prior": "beta", "a": a, "b": b, "k": k, "n": n}
        hints = ["A Beta(a, b) prior acts like a − 1 extra heads and b − 1 extra tails."]
    else:
        mu0 = int(rng.integers(-3, 4))
        tau2, sigma2 = pick(rng, _GAUSS_TAU), pick(rng, _GAUSS_SIGMA)
        n = int(rng.integers(2, 11))
        mean = mu0 + nonzero(rng, -6, 6)
        answer = R(n * mean * tau2 + sigma2 * mu0, n * tau2 + sigma2)
        prompt = [
            minus(
                f"A mean μ has prior N({mu0}, {tau2}) (variance {tau2}). n = {n} "
                f"observations from N(μ, {sigma2}) (known variance {sigma2}) have "
                f"sample mean x̄ = {mean}. What is the MAP estimate of μ? Give an "
                "exact fraction."
            )
        ]
        steps = [
            ["Maximize −n(x̄ − μ)²/(2σ²) − (μ − μ₀)²/(2τ²): set the derivative to zero."],
            ["μ = (n x̄/σ² + μ₀/τ²) / (n/σ² + 1/τ²): precisions weight the two means."],
            [
                minus(
                    f"μ = ({n}·{factor(mean)}/{sigma2} + {factor(mu0)}/{tau2}) / "
                    f"({n}/{sigma2} + 1/{tau2}) = "
                ),
                answer,
                ".",
            ],
        ]
        mistakes = [
            (sympy.Integer(mean), "That is the MLE x̄: the prior pulls the estimate toward μ₀."),
            (sympy.Integer(mu0), "That is the prior mean: the data pull the estimate toward x̄."),
            (
                R(mean + mu0, 2),
                "The two means are weighted by their precisions n/σ² and 1/τ², not equally.",
            ),
            (
                R(n * mean + mu0, n + 1),
                "Weight by precision: the data count n/σ² and the prior 1/τ², not n and 1.",
            ),
        ]
        params = {
            "prior": "normal",
            "mu0": mu0,
            "tau2": tau2,
            "sigma2": sigma2,
            "n": n,
            "mean": mean,
        }
        hints = [
            "The posterior of a normal mean is normal; its mode is its mean.",
            "Weight each source by its precision (1/variance).",
        ]
    return Draft(
        prompt=prompt,
        kind="number",
        answer=answer,
        params=params,
        solution=steps,
        hints=hints,
        mistakes=distinct_mistakes("number", answer, mistakes, gap=MIN_GAP),
    )


_NOISE = (1, 2, 3, 4, 5, 9)
_SCALES = (R(1, 2), R(1), R(2), R(3), R(4), R(5))


def _penalty_oracle(params: Mapping[str, Any]) -> float:
    """λ from the prior's negative log density, measured numerically at w = 0 and w = 1.

    −log posterior = Σ(y − wx)²/(2σ²) + (−log p(w)) + const; multiplying by 2σ² gives the
    penalty λ·g(w) with g(1) − g(0) = 1. Level 3 solves the ridge problem with NumPy lstsq.
    """
    sigma2, scale = float_param(params["sigma2"]), float_param(params["scale"])
    if params["prior"] == "laplace":

        def neg_log(w: float) -> float:
            return abs(w) / scale + math.log(2 * scale)
    else:

        def neg_log(w: float) -> float:
            return w * w / (2 * scale) + 0.5 * math.log(2 * math.pi * scale)

    lam = 2 * sigma2 * (neg_log(1.0) - neg_log(0.0))
    if params["x"] is None:
        return lam
    x = np.array(params["x"], dtype=float)
    y = np.array(params["y"], dtype=float)
    design = np.append(x, math.sqrt(lam))[:, None]
    target = np.append(y, 0.0)
    return float(np.linalg.lstsq(design, target, rcond=None)[0][0])


@template(
    id="pr.prior-penalty",
    topic="pr.mle-map",
    title="Priors as regularization",
    oracle=_penalty_oracle,
    levels=3,
)
def prior_penalty(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the L2 coefficient λ equivalent to a Gaussian prior. Level 2: the L1 coefficient
    of a Laplace prior. Level 3: the MAP slope of a 1-D regression under a Gaussian prior (ridge
    by hand)."""
    sigma2 = pick(rng, _NOISE)
    scale = pick(rng, _SCALES)
    model = f"In the regression yᵢ = w·xᵢ + εᵢ with εᵢ ~ N(0, {sigma2}) "
    x = y = None
    if level == 2:
        prior_text = f"the weight has a Laplace prior p(w) = e^(−|w|/b)/(2b) with b = {scale}"
        answer = 2 * sigma2 / scale
        objective = "Σ(yᵢ − w·xᵢ)² + λ·|w|"
        steps: list[Any] = [
            ["−log posterior = Σ(yᵢ − w xᵢ)²/(2σ²) + |w|/b + const."],
            ["Multiply by 2σ² to match the objective: λ = 2σ²/b = ", answer, "."],
        ]
        mistakes = [
            (
                sigma2 / scale,
                "Multiply the whole negative log posterior by 2σ² (the data term "
                "has 1/(2σ²)): λ = 2σ²/b.",
            ),
            (1 / scale, "The prior's 1/b must be rescaled by 2σ² along with the data term."),
            (scale / (2 * sigma2), "Inverted: a wider prior (larger b) means a weaker penalty."),
        ]
    else:
        prior_text = f"the weight has a Gaussian prior w ~ N(0, τ²) with τ² = {scale}"
        lam = sigma2 / scale
        objective = "Σ(yᵢ − w·xᵢ)² + λ·w²"
        steps = [
            ["−log posterior = Σ(yᵢ − w xᵢ)²/(2σ²) + w²/(2τ²) + const."],
            ["Multiply by 2σ²: λ = σ²/τ² = ", lam, "."],
        ]
        mistakes = [
            (
                scale / sigma2,
                "Inverted: a wider prior (larger τ²) means a weaker penalty, λ = σ²/τ².",
            ),
            (
                1 / (2 * scale),
                "Rescale the prior term along with the data term: multiplying by "
                "2σ² gives λ = σ²/τ².",
            ),
            (1 / scale, "The noise variance matters: λ = σ²/τ²."),
        ]
        answer = lam
        if level == 3:
            x = [nonzero(rng, -3, 3) for _ in range(3)]
            y = [int(v) for v in rng.integers(-5, 6, size=3)]
            sxy = sum(a * b for a, b in zip(x, y, strict=True))
            if sxy == 0:
                y[0] += 1 if x[0] > 0 else -1
                sxy = sum(a * b for a, b in zip(x, y, strict=True))
            sxx = sum(a * a for a in x)
            answer = sxy / (sxx + lam)
            points = ", ".join(f"({a}, {b})" for a, b in zip(x, y, strict=True))
            steps = [
                ["The MAP objective is Σ(yᵢ − w xᵢ)² + λw² with λ = σ²/τ² = ", lam, "."],
                [
                    minus(
                        f"Setting the derivative to zero: w = Σxᵢyᵢ/(Σxᵢ² + λ) = {sxy}/({sxx} + "
                    ),
                    lam,
                    ").",
                ],
                ["w = ", answer, "."],
            ]
            mistakes = [
                (
                    R(sxy, sxx),
                    "That is the least-squares (MLE) slope: the prior adds λ = σ²/τ² "
                    "to the denominator.",
                ),
                (sxy / (sxx + 1 / lam), "The ridge coefficient is σ²/τ², not τ²/σ²."),
                (
                    sxy / (sxx + 2 * lam),
                    "Minimizing Σ(y − wx)² + λw² gives Σxy/(Σx² + λ): the "
                    "2s from differentiating cancel.",
                ),
            ]
            model = minus(f"Data (x, y): {points}. ") + model
    if level == 3:
        question = "What is the MAP estimate of w? Give an exact fraction."
    else:
        question = f"The MAP estimate minimizes {objective}. What is λ? Give an exact value."
    params: dict[str, Any] = {
        "prior": "laplace" if level == 2 else "gaussian",
        "sigma2": sigma2,
        "scale": exact_param(scale),
        "x": x,
        "y": y,
    }
    return Draft(
        prompt=[model, f"(noise variance σ² = {sigma2}), {prior_text}. {question}"],
        kind="number",
        answer=answer,
        params=params,
        solution=steps,
        hints=[
            "MAP minimizes −log p(data | w) − log p(w); a Gaussian prior gives w², a Laplace "
            "prior gives |w|.",
            "Scale the whole objective so the data term is Σ(yᵢ − w xᵢ)².",
        ],
        mistakes=distinct_mistakes("number", answer, mistakes, gap=MIN_GAP),
    )


__all__ = ["log_likelihood", "map_estimate", "mle_estimator", "prior_penalty"]
