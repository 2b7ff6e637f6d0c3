"""Every exception the package raises, in one place, so callers catch by meaning and modules never import each
other just for an error class.

A refusal a learner can meet is raised with ``keyed``: it carries a catalogue key and its parameters (file, row,
field, sizes), so a widget can say it in the reader's language (``i18n.message``), while ``str(error)`` stays the
full English message for developers, logs and tests. A parameter may itself be keyed (a :class:`Phrase`, such as
a field's name, or another error), and is then said in the same language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from .catalogue import STRINGS

E = TypeVar("E", bound="OfficeRolesError")


class Phrase:
    """A catalogue word or sentence with its parameters, said later in whichever language is asked for."""

    def __init__(self, key: str, /, **params: Any) -> None:
        if key not in STRINGS:
            raise KeyError(f"no string {key!r} in the catalogue (office_roles.catalogue.STRINGS)")
        self.key, self.params = key, params

    def __str__(self) -> str:
        return render(self, 1)

    def __repr__(self) -> str:
        return f"Phrase({self.key!r}, **{self.params!r})"


def render(said: object, which: int) -> str:
    """A keyed error or :class:`Phrase` in one language (0 Chinese, 1 English); anything else as ``str``.

    Parameters are rendered first, in the same language, so a nested reason or field name never switches it.
    """
    key = getattr(said, "key", None)
    if not key:
        return str(said)
    return _say(key, getattr(said, "params", {}), which)


def _say(key: str, params: dict[str, Any], which: int) -> str:
    return STRINGS[key][which].format(**{name: value if isinstance(value, _AS_GIVEN) else render(value, which)
                                         for name, value in params.items()})


_AS_GIVEN = (str, int, float)  # parameters ``format`` takes as they are (numbers keep their format spec)


class OfficeRolesError(Exception):
    """Base of every refusal the package makes on purpose (bad input, bad data, an unusable store)."""

    key: str | None = None
    params: dict[str, Any] = {}  # replaced per instance by ``keyed``, never mutated

    @classmethod
    def keyed(cls: type[E], key: str, /, *args: Any, **params: Any) -> E:
        """The error with its English message from the catalogue; ``args`` follow the message in the class's
        own constructor (a ``StoreError``'s field, an ``AnswerError``'s place)."""
        if key not in STRINGS:
            raise KeyError(f"no string {key!r} in the catalogue (office_roles.catalogue.STRINGS)")
        error = cls(_say(key, params, 1), *args)
        error.key, error.params = key, params
        return error


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
