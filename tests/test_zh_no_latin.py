"""The Chinese edition shows no English: every widget built and used in ``zh`` mode, and every figure drawn in
``zh`` mode, is walked for the strings a reader sees, and any Latin-letter word outside a small allow-list fails.
(The reverse check, no Chinese in an English figure, is ``test_plots.test_english_figures_have_no_chinese``.)"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import ipywidgets as w
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

import office_roles as orl
from office_roles import compare, plots
from office_roles import exercises as ex
from office_roles import widgets as W
from office_roles.plots.live import BlittedFigure
from office_roles.store import ResponseStore

ROOT = Path(__file__).resolve().parent.parent
# A word (a file suffix with its dot): a run of letters and digits (with . / ' - inside) holding at least one
# Latin letter; digits alone and Greek (κ) are not words.
WORD = re.compile(r"\.?[A-Za-z0-9][A-Za-z0-9._/'’-]*")
LATIN = re.compile(r"[A-Za-z]")
# Allowed, each for a reason:
ALLOWED_PATTERNS = [
    # ids of items, parts, prompts, questions and scenarios (F1, T10, P2, D05, Q31, S16): references that both
    # editions and the data files share, like the numbers of a printed exercise sheet
    re.compile(r"^[FTRPDQS]\d{1,2}$"),
    # the panel letters of a figure with several panels, (a1) (a2) (b), as Chinese scientific publishing sets them
    re.compile(r"^\(?[a-d]\d?\)?$"),
]
ALLOWED_WORDS = {
    "CSV": "a file format, named on the export and import buttons (the issue's own allow-list)",
    ".txt": "a file type the upload accepts, named so the reader picks the right file",
    ".docx": "a file type the upload accepts, named so the reader picks the right file",
    "data/context": "a folder of the repository that a model answer points the facilitator to",
    "English": "the language switch names each language in its own language, as 中文 stands in the English one",
    "A": "A、B、C stand for any elements of a list of the 顿号 kind, the grammar books' notation",
    "B": "as A",
    "C": "as A",
}


class _Visible(HTMLParser):
    """The text of an HTML value as a reader sees it, plus tooltips (title) and alt texts."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.texts += [v for k, v in attrs if k in ("title", "alt", "placeholder") and v]


def html_texts(value: str) -> list[str]:
    parser = _Visible()
    parser.feed(value)
    parser.close()
    return parser.texts


def widget_texts(root: w.Widget) -> list[str]:
    """Descriptions, option labels, HTML and label values, placeholders, tooltips and button labels of a widget
    and all its children."""
    found: list[str] = []
    seen: set[int] = set()

    def walk(node: object) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, w.HTML | w.HTMLMath):
            found.extend(html_texts(node.value))
        elif isinstance(node, w.Label):
            found.append(node.value)
        for attribute in ("description", "placeholder", "tooltip"):
            value = getattr(node, attribute, None)
            if isinstance(value, str):
                found.append(value)
        found.extend(getattr(node, "_options_labels", ()) or ())
        found.extend(getattr(node, "tooltips", ()) or ())
        for child in getattr(node, "children", ()) or ():
            walk(child)

    walk(root)
    return found


def figure_texts(fig: Figure) -> list[str]:
    """Every string drawn (titles, axis labels, ticks, legends, annotations), after a draw so ticks exist."""
    FigureCanvasAgg(fig).draw()
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def live_figure_texts(exercise: object) -> list[str]:
    """The strings of the live figures an exercise shows as PNG images."""
    return [text for value in vars(exercise).values() if isinstance(value, BlittedFigure)
            for text in figure_texts(value.fig)]


def latin_words(texts: list[str]) -> dict[str, str]:
    """Latin-letter words outside the allow-list → the text they were found in."""
    words: dict[str, str] = {}
    for text in texts:
        for word in WORD.findall(text):
            word = word.rstrip(".,;:")
            if (LATIN.search(word) and word not in ALLOWED_WORDS
                    and not any(p.match(word) for p in ALLOWED_PATTERNS)):
                words.setdefault(word, text[:120])
    return words


def test_the_check_finds_latin_and_respects_the_allow_list():
    assert latin_words(["参谋 advising", "<b>x</b>"]) == {"advising": "参谋 advising", "x": "<b>x</b>"}
    assert latin_words(["F1 · 参谋", "导出 CSV", "(a1) 职能", "κ = 0.40", "顿号并列 A、B、C", "2026年"]) == {}
    assert html_texts("<span style='color:red' title='tip'>字</span>") == ["tip", "字"]
    assert "primary" in latin_words(widget_texts(w.VBox([w.HTML("<i>primary</i>"), w.Button(description="按")])))


@pytest.fixture(scope="module")
def data(art):
    return ex.load_exercises(art=art)


@pytest.fixture
def sessions(tmp_path, monkeypatch):
    """Three participants of one group answering in the Chinese edition; the last one is the facilitator."""
    monkeypatch.setattr(orl.settings, "facilitator_code", "口令")
    with ResponseStore(tmp_path / "responses.sqlite") as store:
        made = []
        for name in ("李雷", "韩梅梅", "王芳"):
            session = W.Session(store=store, language="zh")
            session.name.value, session.group.value = name, "一组"
            made.append(session)
        yield made


def used_exercises(art, data, sessions) -> dict[str, tuple[object, w.Widget]]:
    """Every exercise built in zh mode and driven through its states: answered, checked, compared, refreshed, in
    facilitator mode. Returns name → (exercise, widget)."""
    built: dict[str, tuple[object, w.Widget]] = {}
    for session in sessions:
        quiz = W.Quiz(art, data, session, "zh")
        for index in range(len(data.quiz)):
            quiz.go(index)
            quiz.check()
            # each question's state, captured before the next replaces it
            built[f"Quiz {data.quiz['question_id'].iloc[index]}"] = (None, w.VBox([
                w.HTML(quiz.prompt.value), w.HTML(quiz.result.value), *quiz.input_box.children]))
        built["Quiz"] = (quiz, quiz.widget)
        mapping = W.MappingEditor(art, session, "zh")
        mapping.set_mapping([("F1", "T8"), ("F2", "T1"), ("F3", "T4")])
        mapping.compare.value = True  # the differences from the article's links, with their evidence
        mapping.submit_mapping()
        built["MappingEditor"] = (mapping, mapping.widget)
        assessment = W.SelfAssessment(art, session, "zh")
        assessment.submit_ratings()
        assessment.refresh_group()
        built["SelfAssessment"] = (assessment, assessment.widget)
    facilitator = sessions[-1]
    assert facilitator.unlock("口令")
    scenarios = W.Scenarios(art, data, facilitator, "zh")
    for number, scenario_id in enumerate(data.scenarios["scenario_id"]):
        scenarios.choice.value = scenario_id
        scenarios.choose(["F1", "T1"] if number % 2 else ["F2", "F3", "T5"])
        scenarios.check()
        built[f"Scenarios {scenario_id}"] = (None, w.VBox([w.HTML(scenarios.situation.value),
                                                           w.HTML(scenarios.feedback.value)]))
    built["Scenarios"] = (scenarios, scenarios.widget)
    deck = W.DiscussionDeck(art, data, facilitator, "zh")
    for index in range(len(data.prompts)):
        deck.go(index)
        built[f"DiscussionDeck {index}"] = (None, w.HTML(deck.prompt.value))
    deck.toggle_timer()
    deck.toggle_timer()
    built["DiscussionDeck"] = (deck, deck.widget)
    explorer = W.Explorer(art, facilitator, "zh")
    for item_id in art.items["item_id"]:
        explorer.show(item_id)
        built[f"Explorer {item_id}"] = (None, w.HTML(explorer.html.value))
    built["Explorer"] = (explorer, explorer.widget)
    group = W.GroupView(art, facilitator, "zh", data=data)
    group.refresh()
    built["GroupView"] = (group, group.widget)
    loader = W.ArticleLoader(language="zh")
    loader.load_sample(str(ROOT / "data" / "samples" / "01_work_report.txt"))
    built["ArticleLoader"] = (loader, loader.widget)
    sample = loader.article
    review = W.SuggestionReview(sample, compare.suggest_links(sample, art), facilitator, "zh")
    built["SuggestionReview"] = (review, review.widget)
    gate = W.FacilitatorGate(facilitator, "zh")
    built["FacilitatorGate"] = (gate, gate.widget)
    built["Session"] = (facilitator, facilitator.widget)
    nameless = W.Session(store=facilitator.store, language="zh")
    forgot = W.SelfAssessment(art, nameless, "zh")
    assert not forgot.submit_ratings()  # the commonest slip: no name typed
    built["SelfAssessment without a name"] = (None, forgot.widget)
    built["language_toggle"] = (None, W.language_toggle([facilitator], value="zh"))
    return built


def test_every_widget_in_chinese_mode_shows_no_english(art, data, sessions):
    import office_roles.widgets  # noqa: F401 - every registered exercise must be among those checked
    from office_roles.registry import EXERCISES

    built = used_exercises(art, data, sessions)
    names = {name.split()[0] for name in built}
    assert {cls.__name__ for cls in EXERCISES.values()} <= names
    leaks = {}
    for name, (exercise, widget) in built.items():
        texts = widget_texts(widget) + (live_figure_texts(exercise) if exercise is not None else [])
        assert texts, name
        found = latin_words(texts)
        if found:
            leaks[name] = found
    assert not leaks, leaks


@pytest.mark.parametrize("name", plots.FIGURES)
def test_every_figure_in_chinese_mode_shows_no_english(art, name):
    drawn = figure_texts(plots.FIGURES[name](art, language="zh"))
    assert drawn
    assert not latin_words(drawn), latin_words(drawn)
