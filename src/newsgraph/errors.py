"""The exceptions newsgraph raises, and what a user is told about each.

Every message is one line that says what was wrong and, where it helps,
what to do. The CLI prints ``str(error)`` and never a traceback.
"""

from __future__ import annotations

__all__ = ["ConfigError", "InputError", "ModelError", "MonitorError", "NewsgraphError"]


class NewsgraphError(Exception):
    """Base class: an error newsgraph can explain to its user."""


class InputError(NewsgraphError):
    """One input (a file, a JSONL line, stdin) cannot be read or used.

    ``reason`` is a short category used in the run summary ("empty",
    "binary", "too large", ...); ``detail`` is the human sentence.
    """

    def __init__(self, where: str, reason: str, detail: str | None = None) -> None:
        self.where = where
        self.reason = reason
        self.detail = detail or reason
        super().__init__(f"{where}: {self.detail}")

    def __reduce__(self):  # type: ignore[no-untyped-def]  # picklable across worker processes
        return (type(self), (self.where, self.reason, self.detail))


class ConfigError(NewsgraphError):
    """A configuration file or option is invalid."""


class ModelError(NewsgraphError):
    """The spaCy model cannot be loaded."""


class MonitorError(NewsgraphError):
    """A source cannot be added, found or polled (``newsgraph sources``, ``watch``, ``fetch``)."""
