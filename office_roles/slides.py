"""The presenter's decks (`make slides`): every scenario and discussion prompt on a slide of its own, with the
facilitator's material (the scenario's key; the prompt's facilitator note and model answer) in that slide's
reveal.js speaker notes, in the deck's language.

The decks are made from the editions' saved notebooks, where the scenarios and the discussion deck are widgets,
which show nothing without a kernel. :class:`SpeakerNotes`, an nbconvert preprocessor named in the Makefile's
``SLIDES_FLAGS``, puts the rows of ``data/exercises/scenarios.csv`` and ``prompts.csv`` after their widget as
slides, each followed by a ``notes`` cell that nbconvert turns into ``<aside class="notes">``: shown in the
speaker view (key ``s``), never on the projector. The notes come from the data the widgets and the book read, so
they are written once.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from copy import deepcopy

import nbformat
import pandas as pd
from nbconvert.preprocessors import Preprocessor

from .article import Article, load_article
from .exercises import ExerciseData, load_exercises
from .i18n import missing, pick, resolve, term
from .translation import quote_english

PART_ALL = "ALL"  # prompts.csv: a prompt about the whole article
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|])")


def _plain(text: object) -> str:
    """Data text as Markdown that renders as written (no emphasis from a stray ``*``, no raw HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape("" if missing(text) else str(text), quote=False))


def _cell(cell_id: str, source: str, slide_type: str) -> nbformat.NotebookNode:
    # A fixed id per prompt, so two builds of a deck are the same file.
    return nbformat.v4.new_markdown_cell(source, id=cell_id, metadata={"slideshow": {"slide_type": slide_type}})


def part_title(art: Article, part_id: str, language: str) -> str:
    """The short name of the part a prompt is about (一、职能 / Functions), or "the whole article"."""
    if part_id == PART_ALL:
        return term("whole_article", language)
    parts = art.parts.set_index("part_id")
    if part_id not in parts.index:
        return str(part_id)
    part = parts.loc[part_id]
    return pick(f"{part['marker']}{part['label_zh']}", part.get("label_en"), language, fallback="zh")


def facilitator_note(prompt: pd.Series, language: str) -> str:
    """The speaker notes of one prompt: the facilitator note and the model answer, in ``language``.

    The note is read as ``note_zh`` / ``note_en`` through :func:`i18n.pick` (every prompt has both:
    ``tests/test_bilingual_data.py``)."""
    blocks = []
    note = pick(prompt.get("note_zh"), prompt.get("note_en"), language, fallback="zh")
    if note:
        blocks.append(f"**{term('facilitator_note', language)}:** {_plain(note)}")
    answer = pick(prompt.get("model_answer_zh"), prompt.get("model_answer_en"), language, fallback="zh")
    if answer:
        blocks.append(f"**{term('model_answer', language)}:** {_plain(answer)}")
    return "\n\n".join(blocks)


def prompt_cells(art: Article, data: ExerciseData, language: str) -> list[nbformat.NotebookNode]:
    """Two cells per prompt: the prompt as a slide one step down (with its part and time), then its notes."""
    cells = []
    for _, prompt in data.prompts.iterrows():
        heading = " · ".join([f"{term('prompt_slide', language)} {prompt['prompt_id']}",
                              part_title(art, prompt["part_id"], language),
                              f"{prompt['minutes']} {term('minutes', language)}"])
        text = pick(prompt["prompt_zh"], prompt["prompt_en"], language, fallback="zh")
        cells.append(_cell(f"prompt-{prompt['prompt_id']}", f"### {_plain(heading)}\n\n{_plain(text)}", "subslide"))
        notes = facilitator_note(prompt, language)
        if notes:
            cells.append(_cell(f"prompt-{prompt['prompt_id']}-notes", notes, "notes"))
    return cells


def item_label(art: Article, item_id: str, language: str) -> str:
    row = art.items.set_index("item_id").loc[item_id]
    return pick(row["label_zh"], row["label_en"], language, fallback="zh")


def _names(art: Article, ids: object, language: str) -> str:
    """The labels of a key's comma-separated item ids (参谋、服务 / advising, service); "—" for none."""
    known = set(art.items["item_id"])
    names = [item_label(art, i.strip(), language) for i in str("" if missing(ids) else ids).split(",")
             if i.strip() in known]
    return ("、" if language == "zh" else ", ").join(names) or "—"


def scenario_note(art: Article, scenario: pd.Series, language: str) -> str:
    """The speaker notes of one scenario: its key (the functions the text gives, those a reading adds, the
    tasks), the article's sentence it rests on (with its English in the English deck), and the feedback."""
    functions, (left, right) = term("functions", language), ("（", "）") if language == "zh" else (" (", ")")
    key = [(f"{functions}{left}{term('layer_article', language)}{right}", scenario["functions"]),
           (f"{functions}{left}{term('layer_reading', language)}{right}", scenario.get("functions_reading")),
           (term("tasks", language), scenario["tasks"])]
    blocks = [f"**{_plain(name)}:** {_plain(_names(art, ids, language))}" for name, ids in key]
    quote = f"“{_plain(scenario['evidence_zh'])}”"
    english = quote_english(art, str(scenario["evidence_zh"])) if language != "zh" else ""
    blocks.append(f"**{term('article_says', language)}:** {quote}" + (f" ({_plain(english)})" if english else ""))
    feedback = pick(scenario.get("feedback_zh"), scenario.get("feedback_en"), language, fallback="zh")
    if feedback:
        blocks.append(_plain(feedback))
    return "\n\n".join(blocks)


def scenario_cells(art: Article, data: ExerciseData, language: str) -> list[nbformat.NotebookNode]:
    """Two cells per scenario: its title and situation as a slide one step down, then its key as notes."""
    cells = []
    for _, scenario in data.scenarios.iterrows():
        sid = scenario["scenario_id"]
        title = pick(scenario["title_zh"], scenario["title_en"], language, fallback="zh")
        situation = pick(scenario["situation_zh"], scenario["situation_en"], language, fallback="zh")
        heading = f"{term('scenario_slide', language)} {sid} · {title}"
        cells.append(_cell(f"scenario-{sid}", f"### {_plain(heading)}\n\n{_plain(situation)}", "subslide"))
        cells.append(_cell(f"scenario-{sid}-notes", scenario_note(art, scenario, language), "notes"))
    return cells


# Which widget a deck replaces by static slides: a code cell that builds it (``widgets.DiscussionDeck(``).
STATIC_SLIDES: dict[str, Callable[[Article, ExerciseData, str], list[nbformat.NotebookNode]]] = {
    "Scenarios": scenario_cells,
    "DiscussionDeck": prompt_cells,
}


def _shows(cell, widget: str) -> bool:
    return cell.cell_type == "code" and re.search(rf"\b{widget}\(", cell.source) is not None


def needs_static_slides(nb) -> bool:
    """Whether ``nb`` builds a widget of :data:`STATIC_SLIDES` (only then are the article and data read)."""
    return any(_shows(cell, widget) for cell in nb.cells for widget in STATIC_SLIDES)


def with_speaker_notes(nb, art: Article, data: ExerciseData, language: str | None = None):
    """A copy of ``nb`` with the static slides of each widget in :data:`STATIC_SLIDES` right after its cell.

    ``language`` defaults to the edition the notebook says it is (``metadata.office_roles.edition``)."""
    language = language or nb.metadata.get("office_roles", {}).get("edition") or resolve(None)
    new = deepcopy(nb)
    cells = []
    for cell in new.cells:
        cells.append(cell)
        for widget, make in STATIC_SLIDES.items():
            if _shows(cell, widget):
                cells.extend(make(art, data, language))
    new.cells = cells
    return new


_DETAILS = re.compile(r"\A\s*<details>\s*<summary>(.*?)</summary>\s*(.*?)\s*</details>\s*\Z", re.DOTALL | re.IGNORECASE)


def opened_solution(source: str) -> str:
    """A lesson's collapsed ``<details>`` solution as plain Markdown for the speaker notes, where a presenter
    should read it at a glance rather than click it open; any other text is returned as it is."""
    match = _DETAILS.match(source)
    return f"**{match.group(1).strip()}**\n\n{match.group(2)}" if match else source


class SpeakerNotes(Preprocessor):
    """``--SlidesExporter.preprocessors=office_roles.slides.SpeakerNotes``: the lessons' solutions opened in the
    notes, the scenarios and prompts with theirs."""

    def preprocess(self, nb, resources):
        # nbconvert runs the preprocessors named on its command line before the reveal template's own (its
        # conf.json), which then marks where each slide starts and ends, the inserted slides included.
        for cell in nb.cells:  # the lessons' solutions, which tools/notebooks.py puts in the notes
            if cell.cell_type == "markdown" and cell.metadata.get("slideshow", {}).get("slide_type") == "notes":
                cell.source = opened_solution(cell.source)
        if not needs_static_slides(nb):
            return nb, resources
        art = load_article()
        return with_speaker_notes(nb, art, load_exercises(art=art)), resources
