"""Concept cards are written with MathJax; the terminal gets a readable Unicode rendering.

This is a small converter for the notation deck authors use (fractions, roots, Greek letters,
operators, sub- and superscripts), not a TeX engine: unknown commands print as their name.
"""

from __future__ import annotations

import re

_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ", "varphi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ",
    "Lambda": "Λ", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "nabla": "∇",
    "partial": "∂", "infty": "∞", "sum": "Σ", "prod": "Π", "int": "∫", "cdot": "·",
    "times": "×", "div": "÷", "pm": "±", "mp": "∓", "le": "≤", "leq": "≤", "ge": "≥",
    "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈", "equiv": "≡", "sim": "~", "propto": "∝",
    "to": "→", "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "iff": "⇔",
    "mapsto": "↦", "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "cup": "∪",
    "cap": "∩", "forall": "∀", "exists": "∃", "neg": "¬", "land": "∧", "lor": "∨",
    "circ": "∘", "mid": "|", "perp": "⟂", "langle": "⟨", "rangle": "⟩", "ldots": "…",
    "cdots": "⋯", "dots": "…", "top": "ᵀ", "quad": "  ", "qquad": "    ", "log": "log",
    "ln": "ln", "exp": "exp", "max": "max", "min": "min", "det": "det", "arg": "arg",
}  # fmt: skip
_ESCAPES = {",": " ", ";": " ", ":": " ", "!": "", " ": " ", "|": "‖", "{": "{", "}": "}"}
_TEXT_WRAPPERS = {
    "mathrm", "text", "operatorname", "mathbf", "mathit", "mathcal", "mathbb", "textbf",
    "boldsymbol", "displaystyle",
}  # fmt: skip
_SIZERS = {"left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr", "bigg", "Bigg"}
_SUPERSCRIPT = str.maketrans("0123456789+-=()niT", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵀ")
_SUBSCRIPT = str.maketrans("0123456789+-=()aeioruvxjklmnpst", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢₒᵣᵤᵥₓⱼₖₗₘₙₚₛₜ")
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")


def latex_to_text(text: str) -> str:
    """Text with ``\\( … \\)`` math rendered for a terminal."""
    body = re.sub(r"\\[()\[\]]", "", text)
    return re.sub(r"[ \t]{2,}", " ", _convert(body)).strip()


def _convert(source: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            match = _COMMAND.match(source, index)
            assert match is not None
            index = match.end()
            text, index = _command(match[1], source, index)
            out.append(text)
        elif char in "^_":
            group, index = _argument(source, index + 1)
            out.append(_script(char, _convert(group)))
        elif char in "{}":
            index += 1
        else:
            out.append(char)
            index += 1
    return "".join(out)


def _command(name: str, source: str, index: int) -> tuple[str, int]:
    if name in ("frac", "dfrac", "tfrac"):
        top, index = _argument(source, index)
        bottom, index = _argument(source, index)
        return f"{_wrap(_convert(top))}/{_wrap(_convert(bottom))}", index
    if name == "sqrt":
        group, index = _argument(source, index)
        return "√" + _wrap(_convert(group)), index
    if name in _TEXT_WRAPPERS:
        group, index = _argument(source, index)
        return _convert(group), index
    if name in _SIZERS:
        return "", index
    if name in _SYMBOLS:
        return _SYMBOLS[name], index
    return _ESCAPES.get(name, name), index


def _argument(source: str, index: int) -> tuple[str, int]:
    """The next brace group's content, command or single character, and where it ends."""
    while index < len(source) and source[index] == " ":
        index += 1
    if index >= len(source):
        return "", index
    if source[index] == "{":
        depth = 0
        for end in range(index, len(source)):
            if source[end] == "{" and source[end - 1 : end] != "\\":
                depth += 1
            elif source[end] == "}" and source[end - 1 : end] != "\\":
                depth -= 1
                if depth == 0:
                    return source[index + 1 : end], end + 1
        return source[index + 1 :], len(source)
    if source[index] == "\\":
        match = _COMMAND.match(source, index)
        assert match is not None
        return match[0], match.end()
    return source[index], index + 1


def _script(mark: str, text: str) -> str:
    table = _SUPERSCRIPT if mark == "^" else _SUBSCRIPT
    if text and all(ord(c) in table for c in text):
        return text.translate(table)
    return mark + _wrap(text)


def _wrap(text: str) -> str:
    """Parenthesize anything longer than one symbol or number so ``a/b`` stays unambiguous."""
    text = text.strip()
    if re.fullmatch(r"[\w.]+|\(.*\)", text) and not re.fullmatch(r"\(.*\).*\(.*\)", text):
        return text
    return f"({text})"


__all__ = ["latex_to_text"]
