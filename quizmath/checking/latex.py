"""Translate pasted LaTeX (``\\frac{1}{2}``, ``\\sigma(x)``, ``e^{-x}``) into answer syntax.

The result goes through the same lexer and parser as any typed answer: LaTeX only ever
becomes text in the small answer grammar, never anything that is run.
"""

from __future__ import annotations

from quizmath.checking.lexer import GREEK
from quizmath.errors import AnswerError

_GREEK_WORDS = {name for name in GREEK.values() if name not in ("σ", "pi", "oo", "sqrt")}

_WORDS = {
    **{name: f" {name} " for name in _GREEK_WORDS},
    "varepsilon": " epsilon ",
    "varphi": " phi ",
    "vartheta": " theta ",
    "sigma": " σ ",
    "pi": " pi ",
    "infty": " oo ",
    "cdot": "*",
    "times": "*",
    "ast": "*",
    "div": "/",
}
_FUNCTIONS = frozenset(
    "exp ln log sin cos tan sec csc cot sinh cosh tanh arcsin arccos arctan max min".split()
)
_SPACING = frozenset([",", ";", ":", "!", " ", "quad", "qquad", "displaystyle"])
_SIZING = frozenset(
    "left right big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr".split()
)
_WRAPPERS = frozenset(
    "mathbf mathrm mathit mathsf boldsymbol text textrm operatorname mathnormal".split()
)
_FRACTIONS = frozenset(["frac", "dfrac", "tfrac"])
_MATRICES = frozenset(["matrix", "pmatrix", "bmatrix", "Bmatrix"])


def is_latex(text: str) -> bool:
    """LaTeX is recognised by its backslash commands; nothing else in answers uses ``\\``."""
    return "\\" in text


def latex_to_plain(text: str) -> str:
    """Answer syntax for the LaTeX ``text``; raises AnswerError for commands it does not know."""
    return _Translator(text).run()


class _Translator:
    """A single left-to-right pass; groups are translated recursively (depth was bounded)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def run(self) -> str:
        out: list[str] = []
        while self.i < len(self.text):
            out.append(self._next())
        return "".join(out)

    def _next(self) -> str:
        char = self.text[self.i]
        if char == "\\":
            return self._command()
        self.i += 1
        if char == "{":
            return "("
        if char == "}":
            return ")"
        if char == "_":
            return self._subscript()
        if char == "&":
            raise AnswerError("'&' is only understood inside a matrix environment")
        return char

    def _command(self) -> str:
        start = self.i
        self.i += 1
        if self.i >= len(self.text):
            raise AnswerError("the LaTeX ends with a lone backslash")
        char = self.text[self.i]
        if not char.isalpha():
            self.i += 1
            if char in "{}":
                return char  # \{ and \} are set braces
            if char in _SPACING:
                return " "
            if char in "|%":
                return char
            raise AnswerError(f"unknown LaTeX command {self.text[start : self.i]!r}")
        while self.i < len(self.text) and self.text[self.i].isalpha():
            self.i += 1
        name = self.text[start + 1 : self.i]
        if name in _WORDS:
            return _WORDS[name]
        if name in _FUNCTIONS:
            return self._function(name)
        if name in _SPACING:
            return " "
        if name in _SIZING:
            return self._delimiter()
        if name in _WRAPPERS:
            return self._wrapped()
        if name in _FRACTIONS:
            numerator, denominator = self._argument(), self._argument()
            return f"(({numerator})/({denominator}))"
        if name == "sqrt":
            return self._sqrt()
        if name == "binom":
            n, k = self._argument(), self._argument()
            return f" binomial(({n}), ({k}))"
        if name == "begin":
            return self._matrix()
        raise AnswerError(f"unknown LaTeX command '\\{name}'")

    def _function(self, name: str) -> str:
        if name == "log" and self._peek() == "_":
            self.i += 1
            base = self._argument().strip()
            if base in ("2", "10"):
                return f" log{base} "
            raise AnswerError("write a logarithm to another base as log(x, b)")
        return f" {name} "

    def _delimiter(self) -> str:
        """After ``\\left``/``\\right`` comes a delimiter: keep brackets, drop ``.``."""
        self.i = self._skip_spaces()
        if self.i >= len(self.text):
            raise AnswerError("\\left or \\right needs a delimiter after it")
        char = self.text[self.i]
        if char == "\\":
            return self._command()
        self.i += 1
        if char == ".":
            return ""
        if char in "()[]|":
            return char
        raise AnswerError(f"unknown LaTeX delimiter {char!r}")

    def _wrapped(self) -> str:
        """``\\mathrm{relu}`` is the word ``relu``; ``\\mathbf{x + 1}`` is a group."""
        start = self.i
        word = self._plain_argument()
        if word.isalnum():
            return f" {word} "
        self.i = start
        return self._group()

    def _sqrt(self) -> str:
        self.i = self._skip_spaces()
        if self._peek() == "[":
            end = self.text.find("]", self.i)
            if end < 0:
                raise AnswerError("missing ']' after the root index of \\sqrt")
            index = latex_to_plain(self.text[self.i + 1 : end])
            self.i = end + 1
            return f"(({self._argument()})^(1/({index})))"
        return f" sqrt({self._argument()})"

    def _subscript(self) -> str:
        """``x_1`` and ``x_{1}`` name the variable ``x1``."""
        label = self._plain_argument()
        if not label.isalnum():
            raise AnswerError(f"unsupported subscript {label!r}; name variables like x1")
        return label

    def _matrix(self) -> str:
        environment = self._plain_argument()
        if environment not in _MATRICES:
            raise AnswerError(f"unsupported LaTeX environment {environment!r}")
        closing = f"\\end{{{environment}}}"
        end = self.text.find(closing, self.i)
        if end < 0:
            raise AnswerError(f"missing {closing}")
        body = self.text[self.i : end]
        self.i = end + len(closing)
        rows = [row for row in body.split("\\\\") if row.strip()]
        cells = [", ".join(latex_to_plain(cell) for cell in row.split("&")) for row in rows]
        return "[" + ", ".join(f"[{row}]" for row in cells) + "]"

    def _argument(self) -> str:
        """A command's argument: a braced group or one character, translated."""
        self.i = self._skip_spaces()
        if self._peek() == "{":
            return self._group_inner()
        if self.i >= len(self.text):
            raise AnswerError("a LaTeX command is missing its argument")
        if self.text[self.i] == "\\":
            return self._command()
        self.i += 1
        return self.text[self.i - 1]

    def _plain_argument(self) -> str:
        """An argument taken as a literal word (environment names, subscripts)."""
        self.i = self._skip_spaces()
        if self._peek() == "{":
            end = self._closing_brace(self.i)
            word = self.text[self.i + 1 : end].strip()
            self.i = end + 1
            return word
        if self.i >= len(self.text):
            raise AnswerError("a LaTeX command is missing its argument")
        self.i += 1
        return self.text[self.i - 1]

    def _group(self) -> str:
        return f"({self._group_inner()})"

    def _group_inner(self) -> str:
        self.i = self._skip_spaces()
        if self._peek() != "{":
            raise AnswerError("a LaTeX command is missing its {argument}")
        end = self._closing_brace(self.i)
        inner = latex_to_plain(self.text[self.i + 1 : end])
        self.i = end + 1
        return inner

    def _closing_brace(self, start: int) -> int:
        depth = 0
        i = start
        while i < len(self.text):
            char = self.text[i]
            if char == "\\":
                i += 2
                continue
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    return i
            i += 1
        raise AnswerError("missing '}' in the LaTeX")

    def _skip_spaces(self) -> int:
        i = self.i
        while i < len(self.text) and self.text[i] in " \t\n":
            i += 1
        return i

    def _peek(self) -> str:
        return self.text[self.i] if self.i < len(self.text) else ""


__all__ = ["is_latex", "latex_to_plain"]
