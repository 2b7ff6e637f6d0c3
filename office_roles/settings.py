"""The one explicit settings object: label language, presentation style and file locations.

Everything else in the package is a pure function of its arguments; when a function needs a default it reads
``settings`` at call time, so a notebook can switch language once (``orl.settings.language = "en"``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

LANGUAGES = ("zh", "en", "both")
STYLES = ("notebook", "projector")

REPO_ROOT = Path(__file__).resolve().parent.parent


def _default_data_dir() -> Path:
    return Path(os.environ.get("OFFICE_ROLES_DATA", REPO_ROOT / "data"))


def _default_cache_dir() -> Path | None:
    env = os.environ.get("OFFICE_ROLES_CACHE")
    if env is not None:
        return Path(env).expanduser() if env else None  # OFFICE_ROLES_CACHE="" turns the cache off
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "office-roles"


def _default_facilitator_code() -> str | None:
    return os.environ.get("OFFICE_ROLES_FACILITATOR_CODE") or None


# OFFICE_ROLES_STORE may name a PostgreSQL server instead of a file (office_roles.store_postgres).
SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(value: object) -> bool:
    """True for a ``postgresql://`` URL: kept as text, since a Path would fold its ``//``."""
    return isinstance(value, str) and value.strip().lower().startswith(SERVER_SCHEMES)


def _default_store_path() -> Path | str:
    env = os.environ.get("OFFICE_ROLES_STORE")
    if env:
        return env.strip() if is_server_url(env) else Path(env).expanduser()
    return Path.home() / ".office_roles" / "responses.sqlite"


@dataclass
class Settings:
    """User-facing choices. Invalid values are refused when set, with the allowed values named."""

    language: str = "both"
    style: str = "notebook"
    data_dir: Path = field(default_factory=_default_data_dir)
    figures_dir: Path = field(default_factory=lambda: REPO_ROOT / "figures")
    # a file, or a postgresql:// URL (kept out of the repr: a URL may carry a password)
    store_path: Path | str = field(default_factory=_default_store_path, repr=False)
    cache_dir: Path | None = field(default_factory=_default_cache_dir)  # remembers data packages that passed
    # The code that unlocks facilitator mode (named answers, import, export, facilitator notes); None: no one can.
    facilitator_code: str | None = field(default_factory=_default_facilitator_code, repr=False)

    def __setattr__(self, name: str, value: object) -> None:
        if name == "language" and value not in LANGUAGES:
            raise ValueError(f"settings.language must be one of {LANGUAGES}, not {value!r}")
        if name == "style" and value not in STYLES:
            raise ValueError(f"settings.style must be one of {STYLES}, not {value!r}")
        if name == "store_path" and is_server_url(value):
            value = str(value).strip()
        elif name in {"data_dir", "figures_dir", "store_path"} or (name == "cache_dir" and value is not None):
            value = Path(value).expanduser()  # type: ignore[arg-type]
        super().__setattr__(name, value)


settings = Settings()
