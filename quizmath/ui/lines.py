"""Printing line by line: styled at a terminal, bare text when ``plain``."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text


class Lines:
    """A console that drops every style in plain mode, so transcripts stay diffable."""

    def __init__(self, console: Console, *, plain: bool) -> None:
        self.console = console
        self.plain = plain

    def line(self, text: str, style: str = "") -> None:
        self.console.print(Text(text, style="" if self.plain else style))

    def text(self, text: Text) -> None:
        self.console.print(Text(text.plain) if self.plain else text)

    def blank(self) -> None:
        self.console.print(Text(""))

    def heading(self, text: str) -> None:
        self.blank()
        self.line(text, "bold")


__all__ = ["Lines"]
