"""What a valid answer of each exercise looks like, checked wherever an answer enters the response store.

The group views read answers back (``answer["links"]``, ``answer.get("correct")``, ratings averaged as numbers),
so one answer of the wrong shape, typed into a spreadsheet or imported from someone's CSV, would break the view
for the whole class. Each shape below is what the widgets in :mod:`office_roles.widgets` submit; the store checks
it on :meth:`~office_roles.store.ResponseStore.submit` and on every imported row. Exercises not listed here keep
free-form answers (any JSON value), so a new exercise can store answers before its shape is written down.

This module has no third-party imports: worker kernels that only submit should start quickly.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from .errors import AnswerError

MAX_DEPTH = 16  # the deepest answer a widget makes is 3 levels; deeper input is an attack or an accident
MAX_ITEMS = 10_000  # entries in one list or object; the store's length limit caps the rest
ID_LENGTH = 200  # the store's limit for an item id

Check = Callable[[object, str], None]


def describe(value: object) -> str:
    """A short name for what was found, for messages written to a teacher, not a programmer."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value[:30]!r}" + ("…" if len(value) > 30 else "")
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)}"
    return type(value).__name__


def nesting_depth(value: object) -> int:
    """Depth of nested lists/objects (a scalar is 0), counted without recursion so any input is safe."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = list(node.values())
        elif isinstance(node, (list, tuple)):
            children = list(node)
        else:
            continue
        deepest = max(deepest, depth + 1)
        if deepest > MAX_DEPTH:
            return deepest  # no need to walk the rest
        stack.extend((child, depth + 1) for child in children)
    return deepest


def _fail(where: str, expected: str, value: object) -> AnswerError:
    return AnswerError(f"{where} should be {expected}, not {describe(value)}", where)


def text(max_length: int | None = None, required: bool = False) -> Check:
    def check(value: object, where: str) -> None:
        if not isinstance(value, str):
            raise _fail(where, "text", value)
        if required and not value.strip():
            raise AnswerError(f"{where} is empty", where)
        if max_length is not None and len(value) > max_length:
            raise AnswerError(f"{where} is too long ({len(value):,} characters; the limit is {max_length:,})",
                              where)
    return check


IDENTIFIER = text(ID_LENGTH, required=True)


def number(low: float, high: float) -> Check:
    def check(value: object, where: str) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise _fail(where, f"a number from {low:g} to {high:g}", value)
        if not low <= value <= high:
            raise AnswerError(f"{where} should be from {low:g} to {high:g}, not {value!r}", where)
    return check


def boolean(value: object, where: str) -> None:
    if not isinstance(value, bool):
        raise _fail(where, "true or false", value)


def one_of(*allowed: str) -> Check:
    def check(value: object, where: str) -> None:
        if value not in allowed:
            raise _fail(where, " or ".join(repr(a) for a in allowed), value)
    return check


def either(expected: str, *checks: Check) -> Check:
    """The first check that accepts the value wins; the message names all the alternatives."""
    def check(value: object, where: str) -> None:
        for alternative in checks:
            try:
                alternative(value, where)
                return
            except AnswerError:
                continue
        raise _fail(where, expected, value)
    return check


def nothing(value: object, where: str) -> None:
    if value is not None:
        raise _fail(where, "null", value)


def whole_number(value: object, where: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(where, "a whole number", value)


def list_of(element: Check, expected: str, length: int | None = None) -> Check:
    def check(value: object, where: str) -> None:
        if not isinstance(value, (list, tuple)):
            raise _fail(where, expected, value)
        if length is not None and len(value) != length:
            raise AnswerError(f"{where} should be {expected}, not a list of {len(value)}", where)
        if len(value) > MAX_ITEMS:
            raise AnswerError(f"{where} has {len(value):,} entries; the limit is {MAX_ITEMS:,}", where)
        for i, item in enumerate(value):
            element(item, f"{where}[{i}]")
    return check


def record(required: Mapping[str, Check], optional: Mapping[str, Check] | None = None) -> Check:
    """An object with exactly these keys (the optional ones may be missing); unknown keys are refused."""
    optional = optional or {}

    def check(value: object, where: str) -> None:
        if not isinstance(value, dict):
            raise _fail(where, "an object with " + ", ".join(repr(k) for k in required), value)
        missing = [k for k in required if k not in value]
        if missing:
            raise AnswerError(f"{where} lacks {', '.join(repr(k) for k in missing)}", where)
        unknown = [k for k in value if k not in required and k not in optional]
        if unknown:
            allowed = ", ".join(repr(k) for k in [*required, *optional])
            raise AnswerError(f"{where} has unknown key(s) {', '.join(repr(str(k)) for k in unknown)}; "
                              f"allowed are {allowed}", where)
        for key, check_value in [*required.items(), *optional.items()]:
            if key in value:
                check_value(value[key], f"{where}[{key!r}]")
    return check


def mapping_of(key: Check, value_check: Check, expected: str) -> Check:
    def check(value: object, where: str) -> None:
        if not isinstance(value, dict):
            raise _fail(where, expected, value)
        if len(value) > MAX_ITEMS:
            raise AnswerError(f"{where} has {len(value):,} entries; the limit is {MAX_ITEMS:,}", where)
        for k, v in value.items():
            key(k, f"{where} key {k!r}")
            value_check(v, f"{where}[{k!r}]")
    return check


IDS = list_of(IDENTIFIER, "a list of ids such as [\"F1\", \"T3\"]")
QUIZ_CHOICE = either("an option number, a text or null", text(), whole_number, nothing)

SHAPES: dict[str, Check] = {
    # MappingEditor.submit_mapping: the linked (function, task) pairs and the agreement with the article's
    # stated links and with the editors' reading
    "mapping": record(
        {"links": list_of(list_of(IDENTIFIER, "a [function_id, task_id] pair", length=2),
                          "a list of [function_id, task_id] pairs")},
        {"agreement": number(0, 1), "kappa": number(-1, 1),
         "reading_agreement": number(0, 1), "reading_kappa": number(-1, 1)},
    ),
    # Quiz.check: choice/fill give one value, multi/order a list (an unset position of an order is null)
    "quiz": record({"given": either("an answer (option number or text) or a list of them", QUIZ_CHOICE,
                                    list_of(QUIZ_CHOICE, "a list of option numbers")),
                    "correct": boolean}),
    # Scenarios.check: the ids chosen, how they compare with what the text gives and with the reading
    "scenario": record({"chosen": IDS, "matched": IDS, "missed": IDS, "extra": IDS},
                       {"reading_shared": IDS, "reading_not_chosen": IDS}),
    # SelfAssessment.submit_ratings: a rating from 1 to 5 per dimension
    "self_assessment": record({"ratings": mapping_of(IDENTIFIER, number(1, 5),
                                                     "an object of ratings such as {\"会写\": 4}")}),
    # DiscussionDeck.save_notes: the group's notes and the prompt they answer
    "discussion": record({"notes": text()}, {"prompt_en": text()}),
    # SuggestionReview.submit_decisions: accept/reject per suggested link
    "suggestions": record({"article": text(), "decisions": list_of(
        record({"item_id": IDENTIFIER, "function_id": IDENTIFIER, "decision": one_of("accept", "reject")}),
        "a list of decisions")}),
}

EXAMPLES = {
    "mapping": '{"links": [["F1", "T8"]], "agreement": 0.9, "kappa": 0.7}',
    "quiz": '{"given": "2", "correct": true}',
    "scenario": '{"chosen": ["F1"], "matched": ["F1"], "missed": ["T2"], "extra": []}',
    "self_assessment": '{"ratings": {"会写": 4, "会说": 3}}',
    "discussion": '{"notes": "…", "prompt_en": "…"}',
    "suggestions": '{"article": "…", "decisions": [{"item_id": "P1", "function_id": "F1", "decision": "accept"}]}',
}


def check_answer(exercise: str, answer: object) -> None:
    """Raise :class:`AnswerError` naming the offending part if ``answer`` does not fit ``exercise``'s shape."""
    shape = SHAPES.get(exercise)
    if shape is None:  # free form; a known shape bounds the depth by itself
        if nesting_depth(answer) > MAX_DEPTH:
            raise AnswerError(f"the answer is nested more than {MAX_DEPTH} levels deep")
        return
    try:
        shape(answer, "answer")
    except AnswerError as error:
        raise AnswerError(f"not a valid {exercise} answer: {error}; a {exercise} answer looks like "
                          f"{EXAMPLES[exercise]}", error.where) from None
