"""Linear-algebra templates: the rules for 2×2 eigenvalue mistakes, prompts that pin down every
non-unique answer and read cleanly, and the shared helpers that keep keys small and mistakes
distinct."""

from __future__ import annotations

import re

import numpy as np
import pytest
import sympy

from quizmath.questions.model import Question
from quizmath.questions.registry import all_templates, get_template
from quizmath.questions.templates.la_tools import rational_svd_matrices, unimodular

SWAPPED = "Trace and determinant swapped"
DIAGONAL = "The diagonal entries"


def _mistake(question: Question, prefix: str) -> str | None:
    found = [m.answer for m in question.mistakes if m.feedback.startswith(prefix)]
    return found[0] if found else None


def _as_set(text: str) -> list[float]:
    return sorted(float(sympy.sympify(v)) for v in text.strip("{}").split(","))


@pytest.mark.parametrize("level", [1, 2])
def test_eigen_2x2_swaps_trace_and_determinant_only_when_the_roots_are_real(level: int) -> None:
    template = get_template("la.eigen-2x2")
    for seed in range(40):
        question = template.generate(seed, level)
        a = np.array(question.params["A"], dtype=float)
        trace, det = round(np.trace(a)), round(np.linalg.det(a))
        disc = det * det - 4 * trace
        swapped = _mistake(question, SWAPPED)
        if disc < 0:
            assert swapped is None, f"seed {seed}: complex roots offered as a mistake"
            continue
        roots = sorted([(det - disc**0.5) / 2, (det + disc**0.5) / 2])
        key = _as_set(question.answer)
        if np.allclose(roots, key):
            assert swapped is None, f"seed {seed}: the swapped roots equal the key"
        else:
            assert swapped is not None, f"seed {seed}: missing the swapped mistake"
            assert np.allclose(_as_set(swapped), roots), f"seed {seed}: {swapped} vs {roots}"


def test_eigen_2x2_offers_the_diagonal_only_when_it_differs_from_the_eigenvalues() -> None:
    template = get_template("la.eigen-2x2")
    for seed in range(60):
        question = template.generate(seed, 1 + seed % 3)
        a = np.array(question.params["A"], dtype=float)
        diagonal = sorted(np.diag(a))
        differs = not np.allclose(diagonal, _as_set(question.answer))
        assert (_mistake(question, DIAGONAL) is not None) == differs, f"seed {seed}"


def test_eigen_2x2_keys_are_integer_eigenvalues() -> None:
    template = get_template("la.eigen-2x2")
    for seed in range(30):
        question = template.generate(seed, 1 + seed % 3)
        values = np.linalg.eigvals(np.array(question.params["A"], dtype=float))
        assert np.allclose(values.imag, 0) and np.allclose(values.real, np.round(values.real))


def test_unimodular_matrices_have_integer_inverses() -> None:
    rng = np.random.default_rng(7)
    for _ in range(20):
        p = unimodular(rng, 3, 2)
        assert abs(p.det()) == 1
        assert all(v.is_integer for v in p.inv())


def test_rational_svd_matrices_have_the_listed_singular_values() -> None:
    matrices = rational_svd_matrices()
    assert len(matrices) >= 50
    for (a, b, c, d), high, low in matrices[::7]:
        sigma = np.linalg.svd(np.array([[a, b], [c, d]], dtype=float), compute_uv=False)
        assert np.allclose(sigma, [high, low])


LA_IDS = sorted(t for t in all_templates() if t.startswith("la."))
# A doubled minus ("A − −2I"), a plus before a minus ("+ −3"), a coefficient of 1 ("1I", "1·u"),
# raw LaTeX subscripts or Python/SymPy spellings would all read badly in the terminal.
GARBLED = re.compile(r"[−-] [−-]\d|\+ [−-]\d|\b1I\b|\b1·[a-zA-Zα-ω]|_\{|\*\*|Rational|Matrix\(")


@pytest.mark.parametrize("template_id", LA_IDS)
def test_prompts_and_solutions_read_cleanly(template_id: str) -> None:
    template = get_template(template_id)
    for level in range(1, template.levels + 1):
        for seed in range(8):
            question = template.generate(seed, level)
            for text in (question.prompt, *question.solution, *question.hints):
                assert not GARBLED.search(text), f"{template_id} L{level} seed {seed}: {text}"


@pytest.mark.parametrize("level", [1, 2])
def test_eigenvector_key_is_an_eigenvector_scaled_as_the_prompt_says(level: int) -> None:
    template = get_template("la.eigenvector")
    for seed in range(40):
        question = template.generate(seed, level)
        a = np.array(question.params["A"], dtype=float)
        v = _as_vector(question.answer)
        assert np.allclose(a @ v, question.params["lambda"] * v), f"seed {seed}"
        assert v[np.flatnonzero(v)[0]] == 1, f"seed {seed}: {v}"
        assert "first nonzero entry is 1" in question.prompt


def test_power_iteration_pins_the_sign_of_the_normalization() -> None:
    template = get_template("la.power-iteration")
    flips = 0
    for seed in range(60):
        question = template.generate(seed, 1 + seed % 2)
        assert "positive number" in question.prompt
        key = _as_vector(question.answer)
        for mistake in question.mistakes:
            if mistake.feedback.startswith("Divide by max|yᵢ|, a positive number"):
                assert np.allclose(_as_vector(mistake.answer), -key), f"seed {seed}"
                flips += 1
    assert flips >= 10, "the signed-normalization slip is offered too rarely"


def test_low_rank_error_feedback_matches_the_norm_asked() -> None:
    template = get_template("la.low-rank-error")
    for seed in range(40):
        question = template.generate(seed, 1 + seed % 2)
        spectral = question.params["norm"] == "2"
        assert ("spectral norm" in question.prompt) == spectral
        feedback = " ".join(m.feedback for m in question.mistakes)
        if spectral:
            assert "square root of the sum" not in feedback, f"seed {seed}: {feedback}"


def test_explained_variance_keys_vary_at_level_1() -> None:
    template = get_template("la.explained-variance")
    keys = {template.generate(seed, 1).answer for seed in range(40)}
    assert len(keys) >= 4, keys


@pytest.mark.parametrize(("template_id", "level", "largest"), [
    ("la.normal-equations", 1, 12),
    ("la.normal-equations", 2, 12),
    ("la.ridge", 2, 60),
])  # fmt: skip
def test_least_squares_keys_have_small_denominators(
    template_id: str, level: int, largest: int
) -> None:
    template = get_template(template_id)
    for seed in range(30):
        key = [
            sympy.Rational(x) for x in template.generate(seed, level).answer.strip("[]").split(",")
        ]
        assert max(v.q for v in key) <= largest, f"seed {seed}: {key}"


def test_cosine_similarity_vectors_are_neither_orthogonal_nor_parallel() -> None:
    template = get_template("la.cosine-similarity")
    for seed in range(40):
        params = template.generate(seed, 1 + seed % 2).params
        cosine = abs(_cosine(params["a"], params["b"]))
        assert 0 < cosine < 1 - 1e-12, f"seed {seed}"


def _as_vector(text: str) -> np.ndarray:
    return np.array([float(sympy.sympify(x)) for x in text.strip("[]").split(",")])


def _cosine(a: list[int], b: list[int]) -> float:
    u, v = np.array(a, dtype=float), np.array(b, dtype=float)
    return float(u @ v / (np.linalg.norm(u) * np.linalg.norm(v)))
