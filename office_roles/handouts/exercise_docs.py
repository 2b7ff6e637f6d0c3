"""The exercise handouts: the discussion questions with ruled space to write, and the instructor-only answer key
(quiz answers with explanations and evidence quotes, scenario keys, facilitator notes on the prompts).

Texts come from the exercise data package as written; quotes (``evidence_zh``) are printed whole, in a box of
their own. Where a text exists only in English (the facilitator notes), the Chinese edition prints the English
under a label saying so rather than a translation nobody checked.
"""

from __future__ import annotations

import pandas as pd

from ..article import Article
from ..exercises import ExerciseData, fill_key, options
from ..i18n import DOT, missing, term
from .article_docs import part_label
from .typst_source import BODY_PT, SMALL_PT, Code, call, document, literal

# Ruled lines per prompt: one for every two minutes of discussion, at least four.
MIN_LINES = 4


def lines_for(minutes: object) -> int:
    """How many ruled lines a prompt gets: its discussion time in minutes halved, never fewer than four."""
    try:
        return max(MIN_LINES, int(minutes) // 2)
    except (TypeError, ValueError):
        return MIN_LINES


def _text(row: pd.Series, stem: str, language: str) -> str:
    """``row[stem_zh]`` or ``row[stem_en]``; the other language when this one is blank."""
    first, second = (f"{stem}_zh", f"{stem}_en") if language == "zh" else (f"{stem}_en", f"{stem}_zh")
    for column in (first, second):
        if column in row and not missing(row[column]):
            return str(row[column])
    return ""


def questions_source(art: Article, data: ExerciseData, language: str) -> str:
    """Handout (c): every discussion prompt with its part, its time and ruled lines to write on.

    The Chinese edition sets the prompts at the GB/T 9704 body size; the English edition prints the Chinese
    original under each English prompt, so a mixed group reads the same words.
    """
    header = term("ho_questions", language)
    blanks = [term(key, language) for key in ("name", "group", "ho_date")]
    lines = [call("title", term("ho_questions", language), sub=art.title or ""),
             call("blanks", *blanks), call("v", Code("0.6em")), call("small", term("ho_questions_intro", language))]
    for row in (r for _, r in data.prompts.iterrows()):
        meta = f"{part_label(art, row['part_id'], language)}{DOT}{row['minutes']} {term('minutes', language)}"
        original = str(row["prompt_zh"]) if language == "en" and not missing(row.get("prompt_en")) else ""
        lines.append(call("question", row["prompt_id"], meta, _text(row, "prompt", language), original=original,
                          lines=lines_for(row["minutes"])))
    size = BODY_PT if language == "zh" else SMALL_PT
    return document(lines, lang=language, size=size, header=header, footer=art.title or "")


def answer_text(question: pd.Series, language: str) -> str:
    """The key of one quiz question as a reader checks it: option numbers with their words, in order for
    ``order`` questions; the accepted words for ``fill``."""
    key = str(question["answer"])
    if question["qtype"] == "fill":
        return fill_key(question, language)
    zh, en = options(question, "zh"), options(question, "en")

    def option(number: str) -> str:
        index = int(number) - 1
        words = zh[index].strip()
        if language == "en" and index < len(en) and en[index].strip():
            words = f"{en[index].strip()} ({words})"
        return f"{number}. {words}"

    numbers = [n.strip() for n in key.split(",")]
    joiner = " → " if question["qtype"] == "order" else "; "
    return joiner.join(option(n) for n in numbers)


def _option_list(question: pd.Series, language: str) -> str:
    zh, en = options(question, "zh"), options(question, "en")
    shown = []
    for number, words in enumerate(zh, start=1):
        other = en[number - 1].strip() if language == "en" and number - 1 < len(en) else ""
        shown.append(f"{number}. {words.strip()}" + (f" ({other})" if other else ""))
    return "   ".join(shown)


def _quiz_lines(art: Article, data: ExerciseData, language: str) -> list[str]:
    lines = [call("heading", term("ho_quiz", language), level=2)]
    for _, q in data.quiz.iterrows():
        meta = f"{part_label(art, q['part_id'], language)}{DOT}{term('ho_' + q['qtype'], language)}"
        body = [call("par", _text(q, "prompt", language))]
        if q["qtype"] != "fill":
            body.append(call("small", _option_list(q, language)))
        answer = Code(f"text(font: sans, {literal(answer_text(q, language))})")
        body.append(call("field", term("answer_is", language), answer))
        explanation = _text(q, "explanation", language)
        if explanation:
            body.append(call("field", term("ho_explanation", language), explanation))
        if not missing(q.get("evidence_zh")):
            body.append(call("evidence", term("ho_evidence", language), q["evidence_zh"]))
        lines.append(call("entry", q["question_id"], meta, Code.block(body)))
    return lines


def _item_names(art: Article, ids: object, language: str) -> str:
    if missing(ids):
        return "—"
    items = art.items.set_index("item_id")
    names = []
    for item_id in (i.strip() for i in str(ids).split(",") if i.strip()):
        if item_id in items.index:
            row = items.loc[item_id]
            name = row["label_zh"] if language == "zh" or missing(row.get("label_en")) else row["label_en"]
            names.append(f"{item_id} {name}")
        else:
            names.append(item_id)
    return "; ".join(names)


def _scenario_lines(art: Article, data: ExerciseData, language: str) -> list[str]:
    lines = [call("heading", term("ho_scenarios", language), level=2)]
    for _, s in data.scenarios.iterrows():
        body = [call("field", term("ho_situation", language), _text(s, "situation", language))]
        if "functions_reading" in s:
            # The key separates what the text states (scored) from the editors' reading (compared, not scored).
            body.append(call("field", term("ho_functions_text", language), _item_names(art, s["functions"], language)))
            body.append(call("field", term("ho_functions_reading", language),
                             _item_names(art, s["functions_reading"], language)))
        else:
            body.append(call("field", term("functions", language), _item_names(art, s["functions"], language)))
        body.append(call("field", term("tasks", language), _item_names(art, s["tasks"], language)))
        if not missing(s.get("evidence_zh")):
            body.append(call("evidence", term("ho_evidence", language), s["evidence_zh"]))
        body.append(call("field", term("ho_feedback", language), _text(s, "feedback", language)))
        lines.append(call("entry", s["scenario_id"], _text(s, "title", language), Code.block(body)))
    return lines


def _prompt_note_lines(art: Article, data: ExerciseData, language: str) -> list[str]:
    lines = [call("heading", term("ho_prompt_notes", language), level=2)]
    for _, p in data.prompts.iterrows():
        meta = f"{part_label(art, p['part_id'], language)}{DOT}{p['minutes']} {term('minutes', language)}"
        body = [call("par", _text(p, "prompt", language))]
        note = _text(p, "note", language)
        if note:
            body.append(call("field", term("facilitator_note", language), note))
        model = _text(p, "model_answer", language)
        if model:
            body.append(call("field", term("ho_model_answer", language), model))
        lines.append(call("entry", p["prompt_id"], meta, Code.block(body)))
    return lines


def answer_key_source(art: Article, data: ExerciseData, language: str) -> str:
    """Handout (d), instructor only (said on every page): quiz answers, scenario keys, prompt notes.

    Set at 小四 (12 pt): it is a reference the facilitator looks things up in, not a text read aloud, and at
    三号 it would run to three times the pages.
    """
    only = term("ho_instructor_only", language)
    lines = [call("title", term("ho_answer_key", language), sub=art.title or ""), call("warning", only)]
    lines += _quiz_lines(art, data, language)
    lines += _scenario_lines(art, data, language)
    lines += _prompt_note_lines(art, data, language)
    return document(lines, lang=language, size=SMALL_PT, header=only, footer=term("ho_answer_key", language))
