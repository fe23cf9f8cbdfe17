"""Fixtures for export tests: a fresh Anki collection and small decks with tricky text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from anki.collection import Collection

from quizmath.decks.model import ConceptCard, Deck
from quizmath.questions.model import Draft
from quizmath.questions.registry import Template, all_templates

# Text a careless exporter would break: HTML specials inside and outside math, braces, lines.
TRICKY_QUESTION = r"Why is \(a < b\) & \(\{x : x > 0\}\) open when \(\frac{1}{2} \le c\)?"
TRICKY_ANSWER = (
    "First line with \\(e^{x} > 0\\) & <b>no tag</b>.\nSecond line \\[\\sum_{i} p_i = 1\\]"
)


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    """An empty Anki collection in the test's own directory."""
    folder = tmp_path / "anki"
    folder.mkdir()
    col = Collection(str(folder / "collection.anki2"))
    yield col
    col.close()


def _choice_build(rng: object, level: int) -> Draft:
    return Draft(
        prompt=["Is f(x) = ", "x² on x < 0 & x > 0 convex?"],
        kind="choice",
        answer="convex",
        params={},
        solution=["f″(x) = 2 > 0 everywhere."],
        choices=("convex", "concave"),
    )


CHOICE_TEMPLATE = Template(
    id="test.choice",
    topic="op.convexity",
    title="A choice question with HTML specials",
    levels=1,
    build=_choice_build,  # type: ignore[arg-type]
    oracle=lambda params: "convex",
)


@pytest.fixture
def templates() -> dict[str, Template]:
    """The registry plus a choice template whose answer is a word, not a formula."""
    return {**all_templates(), CHOICE_TEMPLATE.id: CHOICE_TEMPLATE}


@pytest.fixture
def small_decks() -> dict[str, Deck]:
    """Two decks sharing the sigmoid template, one with a concept card of tricky text."""
    tricky = ConceptCard("alpha.tricky", "pr.rules", TRICKY_QUESTION, TRICKY_ANSWER)
    alpha = Deck(
        "alpha",
        "Alpha & Co",
        "Deck <one>",
        ("ca.sigmoid-chain", "test.choice", "no.such-template"),
        (tricky,),
        "alpha.toml",
    )
    beta = Deck("beta", "Beta", "", ("ca.sigmoid-chain",), (), "beta.toml")
    return {"alpha": alpha, "beta": beta}
