"""What every exercise shares: the :class:`Session` (who answers, where answers go), the :class:`Exercise` base
class (language, status line, submit), the language toggle, and the escaped bilingual HTML the exercises show.

A session never raises at the learner: problems come back as a message and the learner's input stays where it
was. Everything the learner typed is shown back escaped.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterable

import ipywidgets as w
import pandas as pd

from ..article import Article
from ..errors import MissingNameError, Phrase, StoreError, StoreUnavailableError
from ..i18n import DOT, message, parts, pick, term
from ..plots.style import MUTED, OK_COLOUR, WARNING_COLOUR
from ..settings import settings
from ..store import ResponseStore, safe_html
from ..translation import quote_english


def shared_look(kind: type[w.DOMWidget], **layout: str) -> dict[str, w.Widget]:
    """One layout and one style for many widgets of ``kind`` (a grid of cells, a row of boxes), as keyword arguments.

    Each widget would otherwise bring a layout and a style model of its own: two more models for every visitor's
    page to fetch from the kernel and build, the larger part of the exercises' models (tests/test_widgets.py)."""
    probe = kind(layout=w.Layout(**layout))
    look = {"layout": probe.layout, "style": probe.style}
    probe.close()
    return look


def warning(error: object, language: str | None = None) -> str:
    """An error for the learner in the reader's language (a keyed error through ``i18n.message``, with its file,
    row and field): escaped, marked, never a traceback."""
    return f"<span style='color:{WARNING_COLOUR}'>⚠ {safe_html(message(error, language))}</span>"


def html_text(zh: object, en: object, language: str) -> str:
    """Escaped text for HTML widgets in the chosen language; the English is set in a muted colour beside the
    Chinese, and missing English falls back to the Chinese."""
    shown = [safe_html(text) for text in parts(zh, en, language, fallback="zh")]
    if len(shown) == 1:
        return shown[0]
    return f"{shown[0]} <span style='color:{MUTED}'>· {shown[1]}</span>"


def quote_html(art: Article, quote: object, language: str) -> str:
    """A verbatim quote of the article, whole; outside ``zh`` mode followed by the English of its sentence."""
    text = "" if pd.isna(quote) else str(quote)
    shown = f"「{safe_html(text)}」"
    english = quote_english(art, text) if language != "zh" else ""
    return shown + (f"<br><i style='color:{MUTED}'>{safe_html(english)}</i>" if english else "")


def item_label(art: Article, item_id: str, language: str) -> str:
    """An item's short label (参谋, 文件制发…) as plain text for buttons and options."""
    row = art.items.set_index("item_id").loc[item_id]
    return pick(row["label_zh"], row["label_en"], language, DOT, fallback="zh")


class Session:
    """Who is answering, and where answers go. The store opens on the first submission, not on display."""

    def __init__(self, store: ResponseStore | None = None, language: str | None = None) -> None:
        self._store = store
        self.language = language or settings.language
        self.name = w.Text(placeholder="…", layout=w.Layout(width="220px"))
        self.group = w.Text(placeholder="…", layout=w.Layout(width="160px"))
        self.widget = w.HBox([self.name, self.group])
        self.facilitator = False
        self._on_mode: list[Callable[[], None]] = []
        self.set_language(self.language)

    def unlock(self, code: str) -> bool:
        """Facilitator mode for this session when ``code`` matches ``settings.facilitator_code``.

        Learners see their own answers and the group's aggregates; named answers, import, export and the
        facilitator notes need this mode. With no code configured nobody can unlock it from a widget."""
        expected = settings.facilitator_code
        ok = bool(expected) and hmac.compare_digest(str(code).encode(), str(expected).encode())
        self._set_mode(ok)
        return ok

    def lock(self) -> None:
        self._set_mode(False)

    def on_mode_change(self, callback: Callable[[], None]) -> None:
        self._on_mode.append(callback)

    def _set_mode(self, facilitator: bool) -> None:
        changed = facilitator != self.facilitator
        self.facilitator = facilitator
        if changed:
            for callback in self._on_mode:
                callback()

    def set_language(self, language: str) -> None:
        self.language = language
        self.name.description, self.group.description = term("name", language), term("group", language)

    @property
    def store(self) -> ResponseStore:
        if self._store is None:
            self._store = ResponseStore()
        return self._store

    def submit(self, exercise: str, answer: object, item: str = "") -> tuple[bool, str]:
        """Save one answer; return (ok, escaped HTML message). Nothing is raised, nothing typed is cleared."""
        try:
            self.store.submit(self.name.value, self.group.value, exercise, answer, item)  # type: ignore[arg-type]
        except MissingNameError:  # the commonest slip: said in the reader's language only
            return False, warning(Phrase("missing_name"), self.language)
        except StoreUnavailableError as error:
            # Said in the reader's language; the server's reason is kept for whoever helps, on hover: in the
            # reader's language when the store phrased it (PostgreSQL does), else as the server gave it.
            reason = safe_html(message(error, self.language))
            return False, (f"<span title='{reason}'>{warning(Phrase('store_unreachable'), self.language)}"
                           f"</span><br><b>{term('store_retry', self.language)}</b>")
        except StoreError as error:
            return False, warning(error, self.language)
        who = safe_html(self.name.value.strip())
        return True, f"<span style='color:{OK_COLOUR}'>✓ {term('saved', self.language)} ({who})</span>"

    def responses(self, exercise: str) -> pd.DataFrame:
        group = self.group.value.strip() or None
        return self.store.responses(exercise=exercise, group=group)

    def group_responses(self, exercise: str) -> pd.DataFrame:
        """The group's answers under pseudonyms, for aggregates: on PostgreSQL all a learner's login may read."""
        return self.store.group_responses(exercise, self.group.value.strip() or None)

class Exercise:
    """Shared plumbing: language, a status line, and the session."""

    exercise = ""

    def __init__(self, art: Article, session: Session | None = None, language: str | None = None) -> None:
        self.art = art
        self.session = session or Session(language=language)
        self.language = language or settings.language
        self.status = w.HTML()
        self.session.on_mode_change(self.render)

    @property
    def facilitator(self) -> bool:
        return self.session.facilitator

    def submit(self, answer: object, item: str = "") -> bool:
        ok, message = self.session.submit(self.exercise, answer, item)
        self.status.value = message
        return ok

    def set_language(self, language: str) -> None:
        self.language = language
        self.render()

    def render(self) -> None:
        """Redraw every label in the current language."""

def language_toggle(exercises: Iterable[Exercise | Session], value: str | None = None) -> w.ToggleButtons:
    """One switch for the labels of every exercise given (中文 / English / both)."""
    targets = list(exercises)
    toggle = w.ToggleButtons(options=[("中文", "zh"), ("English", "en"), ("中文 + English", "both")],
                             value=value or settings.language)

    def switch(change: dict) -> None:
        for target in targets:
            target.set_language(change["new"])

    toggle.observe(switch, names="value")
    return toggle
