"""Writing an export file safely: refuse a bad path before any work, never leave half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from quizmath.errors import ExportError


def check_output(path: Path) -> None:
    """Fail fast, before a long export, when ``path`` cannot be written."""
    folder = path.parent
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a directory")
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: {folder} is not a directory")
    if not os.access(folder, os.W_OK):
        raise ExportError(f"cannot write {path}: permission denied")


def write_atomically(path: Path, write: Callable[[Path], None]) -> int:
    """Let ``write`` fill a temporary file beside ``path``, then move it into place.

    Returns the size of the written file in bytes.
    """
    check_output(path)
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        os.close(handle)
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    staged = Path(temporary)
    try:
        write(staged)
        os.chmod(staged, 0o644)
        os.replace(staged, path)
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        staged.unlink(missing_ok=True)
    return path.stat().st_size


__all__ = ["check_output", "write_atomically"]
