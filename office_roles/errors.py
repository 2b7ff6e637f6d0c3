"""Every exception the package raises, in one place, so callers catch by meaning and modules never import each
other just for an error class. Each message is written to be shown to a learner as it is."""

from __future__ import annotations

from pathlib import Path


class OfficeRolesError(Exception):
    """Base of every refusal the package makes on purpose (bad input, bad data, an unusable store)."""


class ArticleError(OfficeRolesError, ValueError):
    """The input cannot be read as an article (empty, binary, undecodable, too big…)."""


class CuratedDataError(OfficeRolesError, ValueError):
    """A curated or exercise data file is wrong; the message names the file, the row and the field."""

    def __init__(self, path: Path | str, row: int | None, field: str | None, problem: str) -> None:
        where = f"{path}"
        if row is not None:
            where += f", row {row}"
        if field:
            where += f", field '{field}'"
        super().__init__(f"{where}: {problem}")
        self.path, self.row, self.field, self.problem = str(path), row, field, problem


class AnswerError(OfficeRolesError, ValueError):
    """An answer of the wrong shape for its exercise. ``where`` says which part: ``answer["links"][2]``."""

    def __init__(self, message: str, where: str = "answer") -> None:
        super().__init__(message)
        self.where = where


class StoreError(OfficeRolesError):
    """Anything the response store refuses; ``field`` names the offending field when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class MissingNameError(StoreError):
    """Submitting without a name is the commonest classroom slip, so widgets can catch it on its own."""


class StoreUnavailableError(StoreError):
    """The store's server cannot be reached right now: nothing was saved, and trying again later may work."""
