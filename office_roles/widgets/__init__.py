"""The discussion exercises as ipywidgets.

Each exercise is a small class in its own module: ``.widget`` is what the notebook displays; the methods and the
widgets it holds can be driven from code, which is how the tests (and the benchmark) use them. Logic lives in
:mod:`office_roles.exercises`; answers go to :class:`office_roles.store.ResponseStore` through one
:class:`Session`. An exercise registers itself with ``@EXERCISES.register("<store name>")``, the name its
answers carry in the store (``Quiz.exercise == "quiz"``).
"""

from __future__ import annotations

from ..registry import EXERCISES
from .base import Exercise, Session, html_text, item_label, language_toggle, warning
from .deck import DiscussionDeck
from .explorer import Explorer
from .facilitator import FacilitatorGate
from .group import GroupView
from .loader import ArticleLoader, samples
from .mapping import MappingEditor
from .quiz import Quiz
from .scenarios import Scenarios
from .self_assessment import SelfAssessment
from .suggestions import SuggestionReview

EXERCISES.discover()
globals().update({cls.__name__: cls for cls in EXERCISES.values()})  # a new exercise module is widgets.<Class>

__all__ = [
    "EXERCISES",
    "ArticleLoader",
    "DiscussionDeck",
    "Exercise",
    "Explorer",
    "FacilitatorGate",
    "GroupView",
    "MappingEditor",
    "Quiz",
    "Scenarios",
    "SelfAssessment",
    "Session",
    "SuggestionReview",
    "html_text",
    "item_label",
    "language_toggle",
    "samples",
    "warning",
]
