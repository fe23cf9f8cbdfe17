"""Reading TOML data files with errors that point at ``file:line``.

tomllib reports syntax errors with a line but not where a value sits; ``line_of`` finds the
line that mentions a value, so a semantic error can point there too.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from quizmath.errors import DeckError


@dataclass(frozen=True)
class TomlSource:
    name: str
    text: str

    def parse(self) -> dict[str, Any]:
        """The document, or a ``DeckError`` such as ``core.toml:7: expected '=' ...``."""
        try:
            return tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as error:
            match = re.search(r"\(at line (\d+), column \d+\)", str(error))
            line = int(match[1]) if match else 1
            message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error)).lower()
            raise DeckError(f"{self.name}:{line}: TOML syntax error: {message}") from None

    def line_of(self, value: str, after: int = 0) -> int:
        """The first line at or after ``after`` (1-based) that contains ``value`` quoted."""
        lines = self.text.splitlines()
        for number in range(max(after, 1), len(lines) + 1):
            if f'"{value}"' in lines[number - 1] or f"'{value}'" in lines[number - 1]:
                return number
        return max(after, 1)

    def table_line(self, header: str, index: int) -> int:
        """The line of the ``index``-th ``[[header]]`` table."""
        seen = -1
        for number, line in enumerate(self.text.splitlines(), start=1):
            if line.strip() == f"[[{header}]]":
                seen += 1
                if seen == index:
                    return number
        return 1

    def error(self, line: int, message: str) -> DeckError:
        return DeckError(f"{self.name}:{line}: {message}")


def toml_sources(folder: Path | Traversable) -> tuple[list[TomlSource], list[str]]:
    """The ``*.toml`` files directly in ``folder``, by name; unreadable ones become problems."""
    sources: list[TomlSource] = []
    problems: list[str] = []
    for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if not (entry.name.endswith(".toml") and entry.is_file()):
            continue
        try:
            sources.append(TomlSource(entry.name, entry.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"{entry.name}:1: cannot read the file ({error})")
    return sources, problems


__all__ = ["TomlSource", "toml_sources"]
