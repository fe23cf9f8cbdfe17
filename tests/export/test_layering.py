"""The export library stays a library: no click, and nothing of it on the fast path."""

from __future__ import annotations

import subprocess
import sys

MODULES = ("apkg", "fields", "guid", "note_model", "notes", "output", "select", "text", "timestamp")


def test_the_export_package_never_imports_click() -> None:
    imports = "; ".join(f"import quizmath.export.{name}" for name in MODULES)
    probe = f"{imports}; import sys; print('click' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "False"
