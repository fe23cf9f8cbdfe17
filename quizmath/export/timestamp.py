"""The time stamped on exported notes: when the exported sources last changed.

Anki's importer updates an existing note only when the incoming one is newer. A fixed stamp
would make every re-export look old; the clock would make equal exports differ. The last
change of the deck files and of quizmath's code is both: equal for unchanged sources, and
newer once a wording is fixed or quizmath is upgraded.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.resources.abc import Traversable
from pathlib import Path

import quizmath
from quizmath.decks.model import Deck


def source_timestamp(deck_dir: Path | Traversable, decks: Iterable[Deck]) -> int:
    """The latest modification time, in whole seconds, of ``decks``' files and quizmath's code."""
    code = Path(quizmath.__file__).parent.rglob("*.py")
    deck_files = (Path(str(deck_dir / deck.path)) for deck in decks)
    return max(int(path.stat().st_mtime) for path in (*code, *deck_files) if path.is_file())


__all__ = ["source_timestamp"]
