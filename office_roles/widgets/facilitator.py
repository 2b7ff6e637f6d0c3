"""The facilitator's key: a code field that switches a session into facilitator mode, where named answers,
import, export, answer keys and facilitator notes appear. Learners never see another learner's named answers.

The code is ``settings.facilitator_code`` (environment variable ``OFFICE_ROLES_FACILITATOR_CODE``), set by the
instructor where the app or the hub starts. It keeps the app honest; in JupyterLab a learner who writes code can
open the store file itself, so a class that needs a real boundary keeps its store out of learners' reach.
"""

from __future__ import annotations

import ipywidgets as w

from ..errors import Phrase
from ..i18n import term
from ..settings import settings
from .base import Session, warning


class FacilitatorGate:
    """Code field + unlock/lock button for one session."""

    def __init__(self, session: Session, language: str | None = None) -> None:
        self.session = session
        self.language = language or settings.language
        self.code = w.Password(layout=w.Layout(width="180px"))
        self.button = w.Button()
        self.button.on_click(lambda _: self.toggle())
        self.status = w.HTML()
        self.widget = w.HBox([self.code, self.button, self.status])
        self.set_language(self.language)

    def set_language(self, language: str) -> None:
        self.language = language
        self.code.description = term("facilitator_code", language)
        self.button.description = term("lock" if self.session.facilitator else "unlock", language)

    def toggle(self) -> bool:
        """Unlock with the typed code, or lock again; the code field is cleared either way."""
        if self.session.facilitator:
            self.session.lock()
            self.status.value = ""
        elif not settings.facilitator_code:
            self.status.value = warning(Phrase("no_facilitator_code"), self.language)
        elif self.session.unlock(self.code.value):
            self.status.value = f"✓ {term('facilitator_on', self.language)}"
        else:
            self.status.value = warning(Phrase("wrong_code"), self.language)
        self.code.value = ""
        self.set_language(self.language)
        return self.session.facilitator
