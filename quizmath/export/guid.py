"""Stable identifiers: note GUIDs and deck ids derived from what a thing is, never its text.

Anki matches an imported note to an existing one by GUID, so hashing the identity (template id
and seed, or the concept id) makes a re-export with fixed wording update notes in place.
"""

from __future__ import annotations

import hashlib

from genanki import guid_for

_NAMESPACE = "quizmath"
# genanki's advice for hand-made ids: a range Anki's own millisecond-timestamp ids never reach.
_DECK_ID_BASE = 1 << 30


def template_guid(template_id: str, seed: int) -> str:
    """The GUID of one template instance."""
    return str(guid_for(_NAMESPACE, template_id, seed))


def concept_guid(concept_id: str) -> str:
    """The GUID of a concept card (concept ids are unique across decks)."""
    return str(guid_for(_NAMESPACE, concept_id))


def deck_id(name: str) -> int:
    """A deck id from the full deck name, the same in every export."""
    digest = hashlib.sha256(f"{_NAMESPACE}:{name}".encode()).digest()
    return _DECK_ID_BASE + int.from_bytes(digest[:8], "big") % _DECK_ID_BASE


__all__ = ["concept_guid", "deck_id", "template_guid"]
