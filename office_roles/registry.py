"""The three registries that let a new figure, exercise or input format be added as one new file.

Each belongs to a package (``plots``, ``widgets``, ``sources``). A module of that package registers what it
defines with a one-line decorator (``@FIGURES.register("roles_heatmap")``); the package imports all its modules
once (``discover``), so no list elsewhere has to be kept in step with the files. The registries live here, in a
module that imports nothing of the package, so no module has to import its own package's ``__init__``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """Name → thing, in the order the names were registered (modules are discovered in file-name order)."""

    def __init__(self, package: str, what: str) -> None:
        self.package, self.what = package, what
        self._entries: dict[str, T] = {}

    def register(self, name: str) -> Callable[[T], T]:
        def add(thing: T) -> T:
            if name in self._entries and self._entries[name] is not thing:
                raise ValueError(f"two {self.what}s are registered as {name!r}")
            self._entries[name] = thing
            return thing

        return add

    def discover(self, skip: tuple[str, ...] = ()) -> None:
        """Import every module of the package (except ``skip`` and private ones) so their decorators run."""
        module = importlib.import_module(self.package)
        for info in pkgutil.iter_modules(module.__path__):
            if not info.name.startswith("_") and info.name not in skip:
                importlib.import_module(f"{self.package}.{info.name}")

    def __getitem__(self, name: str) -> T:
        try:
            return self._entries[name]
        except KeyError:
            known = ", ".join(self._entries) or "none"
            raise KeyError(f"no {self.what} named {name!r}; known: {known}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def items(self) -> list[tuple[str, T]]:
        return list(self._entries.items())

    def values(self) -> list[T]:
        return list(self._entries.values())


# name of the file under figures/ → a function (Article, *, language, style) → Figure
FIGURES: Registry[Callable[..., Any]] = Registry("office_roles.plots", "figure")
# the exercise's name in the response store → its widget class
EXERCISES: Registry[type] = Registry("office_roles.widgets", "exercise")
# a file suffix (".txt") → a reader (label, bytes) → text
READERS: Registry[Callable[[str, bytes], str]] = Registry("office_roles.sources", "input format")
