"""Choosing decks, topics and template instances; refusing requests that make no sense."""

from __future__ import annotations

import pytest

from quizmath.decks.model import Deck
from quizmath.errors import ExportError
from quizmath.export.select import ConceptPick, TemplatePick, select_picks, variant_seeds
from quizmath.questions.registry import Template


def test_each_template_gets_k_instances_with_distinct_seeds_and_cycling_levels(
    small_decks: dict[str, Deck], templates: dict[str, Template]
) -> None:
    selection = select_picks(small_decks, templates, deck_ids=["beta"], variants=5, seed=3)
    picks = selection.picks
    assert all(isinstance(p, TemplatePick) for p in picks)
    assert [p.seed for p in picks] == variant_seeds(3, "ca.sigmoid-chain", 5)
    assert len({p.seed for p in picks}) == 5
    assert [p.level for p in picks] == [1, 2, 1, 2, 1]


def test_seeds_depend_on_the_base_seed_and_the_template_only() -> None:
    assert variant_seeds(0, "ca.sigmoid-chain", 3) == variant_seeds(0, "ca.sigmoid-chain", 3)
    assert variant_seeds(0, "ca.sigmoid-chain", 2) == variant_seeds(0, "ca.sigmoid-chain", 3)[:2]
    assert variant_seeds(1, "ca.sigmoid-chain", 3) != variant_seeds(0, "ca.sigmoid-chain", 3)
    assert variant_seeds(0, "ca.other", 3) != variant_seeds(0, "ca.sigmoid-chain", 3)
    assert all(0 <= s < 10**9 + 50 for s in variant_seeds(12345, "x", 50))


def test_a_shared_template_is_exported_once_in_the_first_deck_with_both_deck_tags(
    small_decks: dict[str, Deck], templates: dict[str, Template]
) -> None:
    picks = select_picks(small_decks, templates, variants=1).picks
    sigmoid = [
        p for p in picks if isinstance(p, TemplatePick) and p.template.id == "ca.sigmoid-chain"
    ]
    assert [(p.deck.id, p.deck_ids) for p in sigmoid] == [("alpha", ("alpha", "beta"))]
    reversed_order = select_picks(small_decks, templates, deck_ids=["beta", "alpha"], variants=1)
    first = reversed_order.picks[0]
    assert isinstance(first, TemplatePick)
    assert (first.deck.id, first.deck_ids) == ("beta", ("beta", "alpha"))


def test_unknown_templates_are_reported_not_fatal(
    small_decks: dict[str, Deck], templates: dict[str, Template]
) -> None:
    selection = select_picks(small_decks, templates, deck_ids=["alpha"], variants=1)
    assert selection.unknown_templates == (("alpha", "no.such-template"),)
    assert [type(p).__name__ for p in selection.picks] == [
        "TemplatePick",
        "TemplatePick",
        "ConceptPick",
    ]


@pytest.mark.parametrize(
    ("topics", "expected"),
    [
        (["pr.rules"], ["alpha.tricky"]),
        (["pr"], ["alpha.tricky"]),
        (["ca", "op.convexity"], ["ca.sigmoid-chain", "test.choice"]),
    ],
)
def test_topics_filter_by_slug_or_area(
    small_decks: dict[str, Deck],
    templates: dict[str, Template],
    topics: list[str],
    expected: list[str],
) -> None:
    picks = select_picks(small_decks, templates, topics=topics, variants=1).picks
    assert [p.card.id if isinstance(p, ConceptPick) else p.template.id for p in picks] == expected


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"deck_ids": ["nope"]}, "unknown deck 'nope' (decks: alpha, beta)"),
        ({"topics": ["la.nope"]}, "unknown topic 'la.nope'"),
        ({"variants": 0}, "variants must be at least 1, not 0"),
        ({"variants": -2}, "variants must be at least 1, not -2"),
        (
            {"deck_ids": ["beta"], "topics": ["pr"]},
            "nothing to export: no cards on pr in deck beta",
        ),
    ],
)
def test_bad_requests_are_user_errors(
    small_decks: dict[str, Deck],
    templates: dict[str, Template],
    options: dict[str, object],
    message: str,
) -> None:
    with pytest.raises(ExportError) as error:
        select_picks(small_decks, templates, **options)  # type: ignore[arg-type]
    assert str(error.value).startswith(message)
