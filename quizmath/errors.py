"""The one exception family; the CLI turns any of these into a one-line message (exit 1)."""


class QuizmathError(Exception):
    """A user-facing failure with a message fit to print as one line."""


class AnswerError(QuizmathError):
    """A typed answer (or an expected key) was refused before it could be compared."""


class CheckTimeoutError(QuizmathError):
    """An answer could not be checked within its time budget."""


class DeckError(QuizmathError):
    """A deck or plan file is missing, malformed or refers to something unknown."""


class StoreError(QuizmathError):
    """The database could not be opened, migrated or written."""


class TemplateError(QuizmathError):
    """An unknown template id or an invalid template request."""


class ExportError(QuizmathError):
    """An export could not be written."""


class PlanError(QuizmathError):
    """A study-plan request that cannot be carried out."""


__all__ = [
    "AnswerError",
    "CheckTimeoutError",
    "DeckError",
    "ExportError",
    "PlanError",
    "QuizmathError",
    "StoreError",
    "TemplateError",
]
