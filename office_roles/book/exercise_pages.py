"""Static versions of the exercises, generated from ``data/exercises/`` in one language: the quiz and the scenarios
as questions with their answers behind a click, the mapping and the self-assessment as sheets to fill in, the
discussion prompts for the group, and, apart from them, the facilitator notes and the session plans.
"""

from __future__ import annotations

import pandas as pd

from ..exercises import ExerciseData, fill_key, options, session_plan
from ..i18n import missing, term
from . import markdown as md
from .pages import localized, part_heading, text_in
from .words import has_word, say

PART_ALL = "ALL"


def quote_english(art, quote: str) -> str:
    """The English of the sentences a verbatim quote lies in (a quote may be part of one sentence or span two)."""
    start = art.text.find(quote)
    if start < 0 or "text_en" not in art.sentences:
        return ""
    end = start + len(quote)
    hit = art.sentences[(art.sentences["start"] < end) & (art.sentences["end"] > start)]
    return " ".join(t for t in hit["text_en"] if not missing(t))


def evidence_block(art, quote: str, language: str) -> str:
    """The quote in Chinese (the article's words); in English, with the English of its sentence after it."""
    if missing(quote):
        return ""
    english = quote_english(art, quote) if language == "en" else ""
    attribution = f"{say('evidence_en', language)}: {english}" if english else None
    return f"**{md.inline(say('evidence', language))}:**\n\n" + md.quote(f"“{quote}”", attribution)


def part_title(art, part_id: str, language: str) -> str:
    if part_id == PART_ALL:
        return say("whole", language)
    return part_heading(art.parts.set_index("part_id").loc[part_id], language)


def _item_label(art, item_id: str, language: str) -> str:
    items = art.items.set_index("item_id")
    if item_id not in items.index:
        return item_id
    return f"{item_id} {items.loc[item_id, 'label_zh' if language == 'zh' else 'label_en']}"


def _ids(text: object) -> list[str]:
    return [x.strip() for x in str(text).split(",") if x.strip()] if not missing(text) else []


def answer_text(question: pd.Series, language: str) -> str:
    """The answer as a reader would write it: the option(s) by number and text, or the accepted fill-ins."""
    qtype, answer = question["qtype"], str(question["answer"])
    if qtype == "fill":
        return fill_key(question, language)
    choices = options(question, language) or options(question, "zh")
    picked = [int(n) for n in answer.split(",")]
    shown = [f"{n}. {choices[n - 1]}" for n in picked]
    return " → ".join(shown) if qtype == "order" else "; ".join(shown)


def quiz_page(art, data: ExerciseData, language: str) -> str:
    blocks = [md.heading(1, say("quiz", language)), md.paragraph(say("exercises_intro", language))]
    hints = {"multi": "multi_hint", "order": "order_hint", "fill": "fill_hint"}
    for part_id, questions in data.quiz.groupby("part_id", sort=True):
        blocks.append(md.heading(2, part_title(art, part_id, language)))
        for _, q in questions.iterrows():
            blocks.append(md.heading(3, q["question_id"]))
            prompt = text_in(q, "prompt", language)
            if q["qtype"] in hints:
                prompt = f"{prompt} {say(hints[q['qtype']], language)}"
            blocks.append(md.paragraph(prompt))
            choices = options(q, language) or options(q, "zh")
            if choices:
                blocks.append(md.numbered(choices))
            label = "accepted" if q["qtype"] == "fill" else "answer"
            body = md.page(md.labelled(say(label, language), answer_text(q, language)),
                           md.labelled(say("explanation", language), text_in(q, "explanation", language)),
                           evidence_block(art, q["evidence_zh"], language))
            blocks.append(md.details(say("show_answer", language), body))
    return md.page(*blocks)


def scenarios_page(art, data: ExerciseData, language: str) -> str:
    blocks = [md.heading(1, say("scenarios", language)), md.paragraph(say("exercises_intro", language))]
    for _, s in data.scenarios.iterrows():
        blocks += [md.heading(2, f"{s['scenario_id']} · {text_in(s, 'title', language)}"),
                   md.paragraph(text_in(s, "situation", language)),
                   md.paragraph(say("scenario_question", language))]
        functions = [_item_label(art, i, language) for i in _ids(s["functions"])]
        reading = [_item_label(art, i, language) for i in _ids(s.get("functions_reading"))]
        tasks = [_item_label(art, i, language) for i in _ids(s["tasks"])]
        body = md.page(md.labelled(say("functions_stated", language), "; ".join(functions) or "—"),
                       md.labelled(say("functions_reading", language), "; ".join(reading)) if reading else "",
                       md.labelled(say("tasks", language), "; ".join(tasks) or "—"),
                       md.labelled(say("feedback", language), text_in(s, "feedback", language)),
                       evidence_block(art, s["evidence_zh"], language))
        blocks.append(md.details(say("show_answer", language), body))
    return md.page(*blocks)


def mapping_page(art, language: str) -> str:
    """A blank function × task grid to fill in on paper, and the article's links behind a click."""
    functions = art.items[art.items["kind"] == "function"]
    tasks = art.items[art.items["kind"] == "task"]
    header = [say("tasks", language)] + [_item_label(art, f, language) for f in functions["item_id"]]
    grid = [[_item_label(art, t, language)] + [""] * len(functions) for t in tasks["item_id"]]
    links = art.links.sort_values(["task_id", "function_id"])
    rows = [(_item_label(art, r["task_id"], language), _item_label(art, r["function_id"], language),
             term(r["strength"], language), term(f"link_{r['basis']}", language), r["evidence_zh"],
             text_in(r, "rationale", language)) for _, r in links.iterrows()]
    answer_header = [say(k, language) for k in ("tasks", "functions", "strength", "basis", "evidence", "rationale")]
    answer = md.table(answer_header, rows, widths=[2, 2, 1, 2, 4, 5], css_class="mapping")
    return md.page(md.heading(1, say("mapping", language)), md.paragraph(say("mapping_intro", language)),
                   md.table(header, grid, css_class="grid"), md.details(say("show_article", language), answer))


def self_assessment_page(dimensions: pd.DataFrame, language: str) -> str:
    rows = [(r["dimension"] if language == "zh" else f"{r['label_en']} ({r['dimension']})", "")
            for _, r in dimensions.iterrows()]
    return md.page(md.heading(1, say("self_assessment", language)), md.paragraph(say("self_intro", language)),
                   md.table([say("dimension", language), say("rating", language)], rows, widths=[3, 2],
                            css_class="grid"))


def _prompt_parts(art, prompts: pd.DataFrame, language: str):
    order = [*sorted(p for p in prompts["part_id"].unique() if p != PART_ALL), PART_ALL]
    for part_id in order:
        chosen = prompts[prompts["part_id"] == part_id]
        if not chosen.empty:
            yield part_title(art, part_id, language), chosen


def discussion_page(art, data: ExerciseData, language: str) -> str:
    """The prompts a group discusses, by part, with their time; the facilitator's notes are on another page."""
    blocks = [md.heading(1, say("discussion", language))]
    for title, prompts in _prompt_parts(art, data.prompts, language):
        blocks.append(md.heading(2, title))
        for _, p in prompts.iterrows():
            blocks += [md.heading(3, p["prompt_id"]), md.paragraph(text_in(p, "prompt", language)),
                       md.paragraph(f"*{md.inline(say('minutes_n', language, n=p['minutes']))}*")]
    return md.page(*blocks)


def facilitator_page(art, data: ExerciseData, language: str) -> str:
    blocks = [md.heading(1, say("facilitator", language)), md.paragraph(say("facilitator_intro", language))]
    for title, prompts in _prompt_parts(art, data.prompts, language):
        blocks.append(md.heading(2, title))
        for _, p in prompts.iterrows():
            blocks += [md.heading(3, p["prompt_id"]), md.quote(text_in(p, "prompt", language)),
                       md.paragraph(text_in(p, "note", language))]
            if localized(p, "model_answer", language)[0]:
                blocks.append(md.labelled(say("model_answer", language), text_in(p, "model_answer", language)))
    return md.page(*blocks)


def plans_page(data: ExerciseData, language: str) -> str:
    blocks = [md.heading(1, say("plans", language))]
    header = [say(k, language) for k in ("step", "starts_at", "minutes", "notebook", "activity")]
    for plan in dict.fromkeys(data.session_plans["plan"].astype(str)):
        steps = session_plan(data, plan)
        title = say(f"plan_{plan}", language) if has_word(f"plan_{plan}") else plan
        rows = [(step, r["starts_at"], r["minutes"], r["notebook"], localized(r, "activity", language)[0])
                for step, r in steps.iterrows()]
        blocks += [md.heading(2, title), md.table(header, rows, widths=[1, 1, 1, 3, 8])]
    return md.page(*blocks)

