"""A question instance, and the draft a template function returns to make one.

Templates work in SymPy values; the registry turns a ``Draft`` into a ``Question`` whose every
field is text or JSON data, so the quiz, the store and the exporters never handle SymPy.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, TypeAlias

from quizmath.checking.spec import DEFAULT_REL_TOL, AnswerKind, AnswerSpec, Mistake
from quizmath.questions.render import Part, Parts

Step: TypeAlias = Part | Parts


@dataclass(frozen=True)
class Draft:
    """What a template's build function returns.

    ``answer`` and each wrong value in ``mistakes`` are SymPy values (a scalar expression, a
    list for vectors and sets, a Matrix or list of rows for matrices) or, for ``choice``, the
    option's name. ``params`` must be JSON data: the oracle recomputes the key from them alone.
    """

    prompt: Parts
    kind: AnswerKind
    answer: Any
    params: Mapping[str, Any]
    solution: Sequence[Step]
    hints: Sequence[Step] = ()
    mistakes: Sequence[tuple[Any, str]] = ()
    variables: Sequence[str] = ()
    domain: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    rel_tol: float = DEFAULT_REL_TOL
    decimals: int | None = None
    choices: Sequence[str] = ()


@dataclass(frozen=True)
class Question:
    """One generated instance, fully rendered: what the learner sees and what checks it."""

    template_id: str
    topic: str
    title: str
    level: int
    seed: int
    prompt: str
    prompt_latex: str
    spec: AnswerSpec
    answer_text: str
    answer_latex: str
    params: Mapping[str, Any]
    solution: tuple[str, ...]
    solution_latex: tuple[str, ...]
    hints: tuple[str, ...]
    mistakes: tuple[Mistake, ...]

    @property
    def kind(self) -> AnswerKind:
        return self.spec.kind

    @property
    def answer(self) -> str:
        """The key in answer syntax, as a learner could type it."""
        return self.spec.expected

    def to_dict(self) -> dict[str, Any]:
        """JSON form used by ``quizmath preview --json``."""
        return {
            "template": self.template_id,
            "topic": self.topic,
            "title": self.title,
            "level": self.level,
            "seed": self.seed,
            "params": dict(self.params),
            "prompt": self.prompt,
            "prompt_latex": self.prompt_latex,
            "kind": self.kind,
            "answer": self.answer,
            "answer_text": self.answer_text,
            "answer_latex": self.answer_latex,
            "variables": list(self.spec.variables),
            "choices": list(self.spec.choices),
            "solution": list(self.solution),
            "hints": list(self.hints),
            "mistakes": [asdict(m) for m in self.mistakes],
        }


Oracle = Callable[[Mapping[str, Any]], Any]
"""Recomputes the key from ``params`` with NumPy alone.

Returns a float (number), a sequence of floats (vector, set), a 2-D array (matrix), the option
name (choice), or for expressions a function of keyword arguments (one float per variable)
returning a float.
"""

__all__ = ["Draft", "Oracle", "Question", "Step"]
