"""Kernel and graph templates: kernel values and the kernel trick, Gram matrices, the graph
Laplacian L = D − A and its spectrum (the zero eigenvalues count connected components)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import sympy
from sympy import Rational

from quizmath.questions.draw import pick
from quizmath.questions.mistakes import distinct_mistakes
from quizmath.questions.model import Draft
from quizmath.questions.notation import subscript
from quizmath.questions.params import exact_param, float_param
from quizmath.questions.registry import template
from quizmath.questions.render import Math, Part, unicode_math
from quizmath.questions.templates.ml_common import MIN_GAP, SIG4, approx, mat, num, vec


def _feature_map(point: np.ndarray, offset: float, degree: int) -> np.ndarray:
    """Explicit features of (xᵀy + c)^d: the d-fold tensor power of (√c, x)."""
    lifted = np.array([np.sqrt(offset), *point], dtype=float)
    features = np.ones(1)
    for _ in range(degree):
        features = np.kron(features, lifted)
    return features


def _inner(offset: int) -> tuple[str, str]:
    """``xᵀy + c`` in text and LaTeX, without a ``+ 0``."""
    if offset == 0:
        return "xᵀy", r"x^\top y"
    return f"xᵀy + {offset}", f"x^\\top y + {offset}"


def _dot(u: Sequence[int], v: Sequence[int]) -> int:
    return sum(a * b for a, b in zip(u, v, strict=True))


def _kernel_oracle(params: Mapping[str, Any]) -> float:
    """Polynomial kernels through explicit feature maps; the RBF kernel directly."""
    x, y = np.array(params["x"], dtype=float), np.array(params["y"], dtype=float)
    if params["kind"] == "rbf":
        sigma = float(np.sqrt(float_param(params["sigma2"])))
        return float(np.exp(-np.sum((x - y) ** 2) / (2 * sigma**2)))
    phi_x = _feature_map(x, params["c"], params["d"])
    phi_y = _feature_map(y, params["c"], params["d"])
    if params["kind"] == "poly":
        return float(phi_x @ phi_y)
    return float(np.sum((phi_x - phi_y) ** 2))


@template(
    id="ml.kernel-value",
    topic="ml.kernels-graphs",
    title="Kernel values and the kernel trick",
    oracle=_kernel_oracle,
    levels=3,
)
def kernel_value(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: a polynomial kernel (xᵀy + c)^d. Level 2: an RBF kernel. Level 3: the
    feature-space distance ‖φ(x) − φ(y)‖² through kernel evaluations only."""
    while True:
        x = [int(v) for v in rng.integers(-2, 4, size=2 if level != 2 else 3)]
        y = [int(v) for v in rng.integers(-2, 4, size=len(x))]
        gap = sum((a - b) ** 2 for a, b in zip(x, y, strict=True))
        if x != y and 2 <= gap <= 12:
            break
    params: dict[str, Any] = {"x": x, "y": y}
    if level == 1:
        c, d = pick(rng, [0, 1, 2]), pick(rng, [2, 3])
        dot = _dot(x, y)
        answer: Any = sympy.Integer((dot + c) ** d)
        inner = _inner(c)
        power = {2: "²", 3: "³"}[d]
        formula = Math(f"k(x, y) = ({inner[0]}){power}", f"k(x, y) = ({inner[1]})^{d}")
        candidates: list[tuple[Any, str]] = [
            (sympy.Integer(dot**d + c), f"The offset goes inside the power: (xᵀy + {c}){power}."),
            (
                sympy.Integer(sum((a * b) ** d for a, b in zip(x, y, strict=True)) + c),
                "Take the dot product first, then the power.",
            ),
        ]
        if c:
            candidates.append((sympy.Integer(dot**d), f"Keep the offset c = {c}."))
        candidates.append((sympy.Integer(dot + c), f"Raise {_inner(c)[0]} to the power {d}."))
        params.update({"kind": "poly", "c": c, "d": d})
        base = f"{dot} + {c}" if c else str(dot)
        shown = f"({base})" if c or dot < 0 else base
        steps: list[Any] = [
            ["xᵀy = ", dot, "."],
            [f"k = {shown}{power}".replace("-", "−"), " = ", answer, "."],
        ]
        ask = "k(x, y). Give an exact number."
    elif level == 2:
        sigma2 = pick(rng, [Rational(1, 2), Rational(1), Rational(2), Rational(4), Rational(9)])
        sigma = sympy.sqrt(sigma2)
        answer = sympy.exp(-Rational(gap) / (2 * sigma2))
        formula = Math(
            f"k(x, y) = exp(−‖x − y‖²/(2σ²)) with σ = {unicode_math(sigma)}",
            r"k(x, y) = \exp(-\|x - y\|^2 / (2\sigma^2)) \text{ with } \sigma = "
            + sympy.latex(sigma),
        )
        candidates = [
            (sympy.exp(-Rational(gap) / sigma2), "The exponent divides by 2σ², not σ²."),
            (
                sympy.exp(-sympy.sqrt(gap) / (2 * sigma2)),
                "Use the squared distance ‖x − y‖².",
            ),
            (sympy.exp(-Rational(gap) / (2 * sigma)), "σ is the bandwidth: divide by 2σ²."),
        ]
        params.update({"kind": "rbf", "sigma2": exact_param(sigma2)})
        steps = [
            ["‖x − y‖² = ", gap, ", σ² = ", num(sigma2), "."],
            ["k = exp(−", gap, "/(2·", num(sigma2), ")) = ", answer, " ≈ ", approx(answer), "."],
        ]  # fmt: skip
        ask = f"k(x, y), {SIG4}."
    else:
        c = pick(rng, [0, 1, 2])
        kxx, kyy, kxy = ((_dot(u, v) + c) ** 2 for u, v in ((x, x), (y, y), (x, y)))
        answer = sympy.Integer(kxx + kyy - 2 * kxy)
        formula = Math(
            f"k(x, y) = ({_inner(c)[0]})² = φ(x)ᵀφ(y)",
            f"k(x, y) = ({_inner(c)[1]})^2 = \\phi(x)^\\top\\phi(y)",
        )
        candidates = [
            (sympy.Integer(kxx + kyy - kxy), "‖a − b‖² = aᵀa + bᵀb − 2aᵀb: keep the 2."),
            (sympy.Integer(gap), "That is ‖x − y‖² in input space; the question is about φ."),
            (sympy.Integer(kxx + kyy + 2 * kxy), "The cross term is subtracted: −2k(x, y)."),
        ]
        params.update({"kind": "feature-distance", "c": c, "d": 2})
        steps = [
            ["‖φ(x) − φ(y)‖² = k(x, x) + k(y, y) − 2k(x, y): no explicit φ needed."],
            [f"k(x, x) = {kxx}, k(y, y) = {kyy}, k(x, y) = {kxy}."],
            [f"{kxx} + {kyy} − 2·{kxy} = ", answer, "."],
        ]
        ask = "the squared distance ‖φ(x) − φ(y)‖² in feature space. Give an exact number."
    mistakes = distinct_mistakes("number", answer, candidates, gap=MIN_GAP)
    return Draft(
        prompt=[
            "For x = ",
            vec(x),
            ", y = ",
            vec(y),
            " and the kernel ",
            formula,
            ", compute ",
            ask,
        ],
        kind="number",
        answer=answer,
        params=params,
        solution=steps,
        hints=[
            "A kernel is an inner product of feature vectors: k(x, y) = φ(x)ᵀφ(y).",
            "Polynomial: (xᵀy + c)^d. RBF: exp(−‖x − y‖²/(2σ²)).",
        ],
        mistakes=mistakes,
    )


def _gram_oracle(params: Mapping[str, Any]) -> np.ndarray:
    """Pairwise kernels from explicit features (or centred data for the centred Gram matrix)."""
    points = np.array(params["X"], dtype=float)
    if params["center"]:
        points = points - points.mean(axis=0)
    features = np.array([_feature_map(p, params["c"], params["d"]) for p in points])
    return features @ features.T


@template(
    id="ml.gram-matrix",
    topic="ml.kernels-graphs",
    title="Gram matrix of a kernel",
    oracle=_gram_oracle,
    levels=3,
)
def gram_matrix(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: the linear kernel on three points in R³. Level 2: the kernel (xᵀy + 1)² on three
    points in R². Level 3: the centred linear Gram matrix HKH used by kernel PCA."""
    dim = 3 if level == 1 else 2
    while True:
        rows = [[int(v) for v in rng.integers(-1, 3, size=dim)] for _ in range(3)]
        if len({tuple(r) for r in rows}) == 3 and all(any(r) for r in rows):
            break
    points = sympy.Matrix(rows)
    linear = points * points.T
    c, d, center = 0, 1, False
    if level == 1:
        answer = linear
        kernel = Math("k(x, y) = xᵀy", r"k(x, y) = x^\top y")
        candidates: list[tuple[Any, str]] = [
            (points.T * points, "XᵀX holds feature products; the Gram matrix is XXᵀ (n × n)."),
        ]
        steps: list[Any] = [["Kᵢⱼ = xᵢᵀxⱼ, so K = XXᵀ with X = ", mat(rows), "."]]
    elif level == 2:
        c, d = 1, 2
        answer = linear.applyfunc(lambda v: (v + 1) ** 2)
        kernel = Math("k(x, y) = (xᵀy + 1)²", r"k(x, y) = (x^\top y + 1)^2")
        candidates = [
            (linear.applyfunc(lambda v: v**2), "Add 1 before squaring: (xᵀy + 1)²."),
            (linear.applyfunc(lambda v: v**2 + 1), "The 1 goes inside the square."),
            (linear, "Apply the kernel to each dot product."),
        ]
        steps = [
            ["Dot products xᵢᵀxⱼ: ", linear, "."],
            ["Kᵢⱼ = (xᵢᵀxⱼ + 1)²."],
        ]
    else:
        center = True
        h = sympy.eye(3) - sympy.ones(3, 3) / 3
        answer = h * linear * h
        kernel = Math("k(x, y) = xᵀy", r"k(x, y) = x^\top y")
        grand = sum(linear) / 9
        candidates = [
            (linear, "Centre it: K_c = HKH with H = I − (1/n)11ᵀ."),
            (linear.applyfunc(lambda v: v - grand), "Centring removes row and column means too."),
        ]
        steps = [
            ["K = XXᵀ = ", linear, "."],
            ["H = I − (1/3)11ᵀ; K_c = HKH = K − row means − column means + grand mean."],
            [
                "Equivalently K_c = X_cX_cᵀ with the centred points X_c = X − x̄ = ",
                mat((points - sympy.ones(3, 1) * (sympy.ones(1, 3) * points) / 3).tolist()),
                ".",
            ],
        ]
    mistakes = distinct_mistakes("matrix", answer, candidates, gap=MIN_GAP)
    steps.append(["K_c = " if center else "K = ", answer, "."])
    ask = (
        "the centred Gram matrix K_c = HKH, H = I − (1/3)11ᵀ (as used by kernel PCA)"
        if center
        else "the 3×3 Gram matrix Kᵢⱼ = k(xᵢ, xⱼ)"
    )
    point_parts: list[Part] = []
    for i, row in enumerate(rows, start=1):
        point_parts += [", " if i > 1 else "", f"x{subscript(i)} = ", vec(row)]
    return Draft(
        prompt=[
            "For the points ",
            *point_parts,
            " and the kernel ",
            kernel,
            f", compute {ask}. Give it exactly as [[…], […], […]].",
        ],
        kind="matrix",
        answer=answer,
        params={"X": rows, "c": c, "d": d, "center": center},
        solution=steps,
        hints=[
            "Entry (i, j) is the kernel of point i with point j; K is symmetric.",
            "For the linear kernel K = XXᵀ with the points as rows of X.",
        ],
        mistakes=mistakes,
    )


def _edges_text(edges: Sequence[tuple[str, str]], weights: Sequence[int] | None = None) -> str:
    if weights is None:
        return ", ".join(f"{a}–{b}" for a, b in edges)
    return ", ".join(f"{a}–{b} (w = {w})" for (a, b), w in zip(edges, weights, strict=True))


def _laplacian_oracle(params: Mapping[str, Any]) -> np.ndarray:
    """Adjacency from the edge list, then D − A (or I − D^(−1/2) A D^(−1/2))."""
    n = params["n"]
    adjacency = np.zeros((n, n))
    for (i, j), w in zip(params["edges"], params["weights"], strict=True):
        adjacency[i - 1, j - 1] = adjacency[j - 1, i - 1] = w
    degrees = adjacency.sum(axis=1)
    if params["normalized"]:
        scale = np.diag(1 / np.sqrt(degrees))
        return np.eye(n) - scale @ adjacency @ scale
    return np.diag(degrees) - adjacency


@template(
    id="ml.graph-laplacian",
    topic="ml.kernels-graphs",
    title="Graph Laplacian",
    oracle=_laplacian_oracle,
    levels=3,
)
def graph_laplacian(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: L = D − A of a graph on 5 vertices. Level 2: a weighted graph on 4 vertices.
    Level 3: the symmetric normalized Laplacian I − D^(−1/2) A D^(−1/2) on 5 vertices."""
    n = 4 if level == 2 else 5
    pairs = [(i, j) for i in range(1, n + 1) for j in range(i + 1, n + 1)]
    while True:
        chosen = [pairs[k] for k in sorted(rng.choice(len(pairs), int(rng.integers(n - 1, n + 3)),
                                                      replace=False))]  # fmt: skip
        covered = {v for edge in chosen for v in edge}
        if len(covered) == n:
            break
    weights = [int(v) for v in rng.integers(1, 4, size=len(chosen))] if level == 2 else None
    adjacency = sympy.zeros(n, n)
    for (i, j), w in zip(chosen, weights or [1] * len(chosen), strict=True):
        adjacency[i - 1, j - 1] = adjacency[j - 1, i - 1] = w
    degrees = [sum(adjacency.row(i)) for i in range(n)]
    degree = sympy.diag(*degrees)
    laplacian = degree - adjacency
    candidates: list[tuple[Any, str]] = [
        (adjacency - degree, "Sign: L = D − A has the degrees on the diagonal, positive."),
        (degree + adjacency, "Off-diagonal entries are −Aᵢⱼ: L = D − A."),
    ]
    if level == 3:
        root = sympy.diag(*[1 / sympy.sqrt(d) for d in degrees])
        answer = sympy.eye(n) - root * adjacency * root
        walk = sympy.eye(n) - sympy.diag(*[Rational(1, d) for d in degrees]) * adjacency
        candidates = [
            (laplacian, "Normalize it: L_sym = D^(−1/2) L D^(−1/2)."),
            (walk, "That is the random-walk Laplacian I − D⁻¹A; L_sym divides by √(dᵢdⱼ)."),
            (sympy.eye(n) + root * adjacency * root, "L_sym = I − D^(−1/2) A D^(−1/2): minus."),
        ]
        what = "the symmetric normalized Laplacian L_sym = I − D^(−1/2) A D^(−1/2)"
        steps: list[Any] = [
            ["Degrees d = ", vec(degrees), "."],
            ["(L_sym)ᵢᵢ = 1 and (L_sym)ᵢⱼ = −1/√(dᵢdⱼ) for each edge i–j."],
        ]
    else:
        answer = laplacian
        what = "the graph Laplacian L = D − A"
        steps = [
            ["A = ", adjacency, "."],
            ["Degrees (weighted row sums) d = " if weights else "Degrees d = ", vec(degrees), "."],
        ]
    mistakes = distinct_mistakes("matrix", answer, candidates, gap=MIN_GAP)
    steps.append([f"{'L_sym' if level == 3 else 'L'} = ", answer, "."])
    labels = [(str(i), str(j)) for i, j in chosen]
    kind = "A weighted undirected" if weights else "An undirected"
    return Draft(
        prompt=[
            f"{kind} graph on the vertices 1–{n} has the edges {_edges_text(labels, weights)}. ",
            f"Give {what} as a {n}×{n} matrix, row by row as [[…], …]",
            ", exactly (sqrt allowed)." if level == 3 else ".",
        ],
        kind="matrix",
        answer=answer,
        params={
            "n": n,
            "edges": [list(e) for e in chosen],
            "weights": weights or [1] * len(chosen),
            "normalized": level == 3,
        },
        solution=steps,
        hints=[
            "D is diagonal with the (weighted) degrees; A has Aᵢⱼ = weight of edge i–j.",
            "Every row of D − A sums to 0.",
        ],
        mistakes=mistakes,
    )


class _Graph(NamedTuple):
    name: str
    n: int
    edges: tuple[tuple[int, int], ...]
    spectrum: tuple[int, ...]
    reason: str


_COMPLETE = "the complete graph Kₙ has eigenvalues 0 and n (n − 1 times)"
_STAR = "a star with m leaves has eigenvalues 0, 1 (m − 1 times) and m + 1"
_COMPLEMENT = (
    "L(Ḡ) = nI − 11ᵀ − L(G), so G has eigenvalues 0 and n − μ for each other eigenvalue μ of "
    "its complement Ḡ"
)
_GRAPHS = [
    _Graph("a single edge K₂", 2, ((0, 1),), (0, 2), _COMPLETE),
    _Graph("a path on 3 vertices (a star with 2 leaves)", 3, ((0, 1), (1, 2)), (0, 1, 3), _STAR),
    _Graph("a triangle K₃", 3, ((0, 1), (1, 2), (0, 2)), (0, 3, 3), _COMPLETE),
    _Graph("a star K₁,₃", 4, ((0, 1), (0, 2), (0, 3)), (0, 1, 1, 4), _STAR),
    _Graph("a 4-cycle C₄", 4, ((0, 1), (1, 2), (2, 3), (0, 3)), (0, 2, 2, 4),
           "the cycle Cₙ has eigenvalues 2 − 2cos(2πk/n), k = 0…n − 1"),
    _Graph("the complete graph K₄", 4, ((0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)),
           (0, 4, 4, 4), _COMPLETE),
    _Graph("K₄ minus one edge", 4, ((0, 1), (0, 2), (0, 3), (1, 2), (1, 3)), (0, 2, 4, 4),
           _COMPLEMENT + " (here one edge plus two isolated vertices: 0, 0, 0, 2)"),
    _Graph("a triangle with a pendant vertex", 4, ((0, 1), (1, 2), (0, 2), (2, 3)), (0, 1, 3, 4),
           _COMPLEMENT + " (here a 3-vertex path plus an isolated vertex: 0, 0, 1, 3)"),
    _Graph("a star K₁,₄", 5, ((0, 1), (0, 2), (0, 3), (0, 4)), (0, 1, 1, 1, 5), _STAR),
    _Graph("the complete graph K₅", 5, tuple((i, j) for i in range(5) for j in range(i + 1, 5)),
           (0, 5, 5, 5, 5), _COMPLETE),
]  # fmt: skip
_PARTS = _GRAPHS[:5]  # K₂, P₃, K₃, K₁,₃, C₄: small enough to combine


def _spectrum_oracle(params: Mapping[str, Any]) -> list[float]:
    """Eigenvalues of D − A by numpy.linalg.eigvalsh."""
    n = params["n"]
    adjacency = np.zeros((n, n))
    for i, j in params["edges"]:
        adjacency[i, j] = adjacency[j, i] = 1
    return list(np.linalg.eigvalsh(np.diag(adjacency.sum(axis=1)) - adjacency))


def _edge(a: int, b: int) -> tuple[int, int]:
    """An undirected edge, smaller end first."""
    return (a, b) if a <= b else (b, a)


@template(
    id="ml.laplacian-spectrum",
    topic="ml.kernels-graphs",
    title="Spectrum of a graph Laplacian",
    oracle=_spectrum_oracle,
)
def laplacian_spectrum(rng: np.random.Generator, level: int) -> Draft:
    """Level 1: eigenvalues of L = D − A for a small standard graph in disguise. Level 2: a graph
    with two components, whose spectrum is the union (one zero per component)."""
    parts = [pick(rng, _GRAPHS)] if level == 1 else [pick(rng, _PARTS) for _ in range(2)]
    n = sum(g.n for g in parts)
    edges: list[tuple[int, int]] = []
    offset = 0
    for g in parts:
        edges += [(i + offset, j + offset) for i, j in g.edges]
        offset += g.n
    relabel = [int(v) for v in rng.permutation(n)]
    edges = [_edge(relabel[i], relabel[j]) for i, j in edges]
    edges = [edges[k] for k in rng.permutation(len(edges))]
    names = [str(v) for v in rng.choice(list("BCEFGHJKMNPQRSTUVWXYZ"), n, replace=False)]
    spectrum = sorted(v for g in parts for v in g.spectrum)
    answer = [sympy.Integer(v) for v in spectrum]
    degrees = [sum(v in e for e in edges) for v in range(n)]
    mistakes = distinct_mistakes(
        "set",
        answer,
        [
            ([sympy.Integer(d) for d in sorted(degrees)], "The degrees are the diagonal of L, "
             "not its eigenvalues; L always has the eigenvalue 0 (eigenvector 1)."),
        ],
        gap=MIN_GAP,
    )  # fmt: skip
    edge_text = ", ".join(f"{names[i]}–{names[j]}" for i, j in edges)
    steps: list[Any] = []
    if level == 2:
        steps.append(["The graph has two components; the spectrum of L is the union of theirs, "
                      "with one eigenvalue 0 per component."])  # fmt: skip
    if level == 2 and parts[0] == parts[1]:
        g = parts[0]
        steps.append([f"Both components are {g.name}: {g.reason} → ", vec(g.spectrum), "."])
    else:
        for g in parts:
            which = "One component" if level == 2 else "The graph"
            steps.append([f"{which} is {g.name}: {g.reason} → ", vec(g.spectrum), "."])
    steps.append([f"Check: the eigenvalues sum to tr L = Σ degrees = {sum(degrees)}."])
    return Draft(
        prompt=[
            f"An undirected graph on the vertices {', '.join(sorted(names))} has the edges "
            f"{edge_text}. Give all eigenvalues of its Laplacian L = D − A as a set with "
            "multiplicity, e.g. {0, 1, 1}.",
        ],
        kind="set",
        answer=answer,
        params={"n": n, "edges": [list(e) for e in edges]},
        solution=steps,
        hints=[
            "Draw the graph: it is a standard shape (or two) with the vertices renamed.",
            "Kₙ: 0 and n (n − 1 times). Star with m leaves: 0, 1 (m − 1 times), m + 1. "
            "Each connected component adds one 0.",
        ],
        mistakes=mistakes,
    )


__all__ = ["gram_matrix", "graph_laplacian", "kernel_value", "laplacian_spectrum"]
