"""Is a person at the keyboard, and may we use colour and boxes?"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console


@dataclass(frozen=True)
class Terminal:
    """``interactive``: both ends are a terminal, so prompts can ask and wait.
    ``plain``: print bare text (piped output, or ``NO_COLOR`` set)."""

    interactive: bool
    plain: bool

    @classmethod
    def detect(cls, stdin: TextIO | None = None, stdout: TextIO | None = None) -> Terminal:
        stdin = stdin or sys.stdin
        stdout = stdout or sys.stdout
        interactive = _isatty(stdin) and _isatty(stdout)
        return cls(interactive, not interactive or bool(os.environ.get("NO_COLOR")))

    def console(self) -> Console:
        """A console writing to the current ``sys.stdout`` (test runners swap it).

        Rich loads here, not at import, so plain bookkeeping output never pays for it.
        """
        from rich.console import Console

        if self.plain:
            return Console(
                no_color=True, highlight=False, emoji=False, soft_wrap=True, color_system=None
            )
        return Console(highlight=False, emoji=False)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


__all__ = ["Terminal"]
