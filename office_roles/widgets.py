"""The discussion exercises as ipywidgets.

Each exercise is a small class: ``.widget`` is what the notebook displays; the methods and the widgets it holds
can be driven from code, which is how the tests (and the benchmark) use them. Logic lives in
:mod:`office_roles.exercises`; answers go to :class:`office_roles.store.ResponseStore` through one
:class:`Session`, which never raises at the learner: problems come back as a message and the learner's input stays
where it was. Everything the learner typed is shown back escaped.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import ipywidgets as w
import numpy as np
import pandas as pd

from . import exercises as ex
from .article import Article
from .exercise_plots import COMPARISON_NAMES, MappingFigure, RadarFigure, ShareFigure
from .settings import settings
from .store import ResponseStore, StoreError, safe_html

UI = {
    "name": ("姓名", "Name"),
    "group": ("小组", "Group"),
    "submit": ("提交", "Submit"),
    "check": ("核对", "Check"),
    "saved": ("已保存", "Saved"),
    "compare": ("与文章对照", "Compare with the article"),
    "agreement": ("一致率", "Agreement"),
    "kappa": ("Cohen's κ", "Cohen's κ"),
    "differences": ("不一致之处", "Differences"),
    "no_differences": ("与文章完全一致。", "Identical to the article's mapping."),
    "functions": ("职能", "Functions"),
    "tasks": ("工作与要求", "Tasks and requirements"),
    "matched": ("选对", "Matched"),
    "missed": ("漏选", "Missed"),
    "extra": ("多选", "Extra"),
    "article_says": ("文章原文", "The article"),
    "score": ("得分", "Score"),
    "previous": ("上一题", "Previous"),
    "next": ("下一题", "Next"),
    "correct": ("正确", "Correct"),
    "wrong": ("不对", "Not quite"),
    "answer_is": ("答案", "Answer"),
    "position": ("第{n}位", "Position {n}"),
    "type_answer": ("输入答案", "Type your answer"),
    "you": ("你", "you"),
    "group_average": ("小组平均", "group average"),
    "show_group": ("显示小组平均", "Show group average"),
    "start": ("开始计时", "Start"),
    "stop": ("暂停", "Pause"),
    "reset": ("重置", "Reset"),
    "notes": ("讨论记录", "Notes"),
    "save_notes": ("保存记录", "Save notes"),
    "minutes": ("分钟", "minutes"),
    "time_up": ("时间到!", "Time is up!"),
    "refresh": ("刷新", "Refresh"),
    "export": ("导出 CSV", "Export CSV"),
    "import": ("导入 CSV", "Import CSV"),
    "exported": ("已导出到", "Exported to"),
    "imported": ("已导入行数", "Rows imported"),
    "no_responses": ("还没有提交。", "No responses yet."),
    "participants": ("参与者", "participants"),
    "lists": ("文中列举", "Inline lists"),
    "links": ("与职能/工作的对应", "Links"),
    "interpretive": ("解读", "interpretation"),
    "explicit": ("原文明示", "stated in the text"),
}


def t(key: str, language: str | None = None) -> str:
    """A user-interface string; 'both' gives "中文 / English"."""
    zh, en = UI[key]
    language = language or settings.language
    return zh if language == "zh" else en if language == "en" else f"{zh} / {en}"


def warning(error: Exception) -> str:
    """An error for the learner: escaped, marked, never a traceback."""
    return f"<span style='color:#D55E00'>⚠ {safe_html(str(error))}</span>"


def plain(zh: str, en: str, language: str) -> str:
    """Bilingual plain text for option labels (not HTML)."""
    return zh if language == "zh" else en if language == "en" else f"{zh} {en}"


def both(zh: object, en: object, language: str) -> str:
    """Escaped bilingual text for HTML widgets; missing English falls back to Chinese."""
    zh_text = "" if pd.isna(zh) else str(zh)
    en_text = "" if en is None or pd.isna(en) else str(en)
    if language == "zh" or not en_text:
        return safe_html(zh_text)
    if language == "en":
        return safe_html(en_text)
    return f"{safe_html(zh_text)} <span style='color:#555'>· {safe_html(en_text)}</span>"


def item_label(art: Article, item_id: str, language: str) -> str:
    row = art.items.set_index("item_id").loc[item_id]
    en = row["label_en"]
    if language == "zh" or pd.isna(en):
        return str(row["label_zh"])
    return str(en) if language == "en" else f"{row['label_zh']} {en}"


class Session:
    """Who is answering, and where answers go. The store opens on the first submission, not on display."""

    def __init__(self, store: ResponseStore | None = None, language: str | None = None) -> None:
        self._store = store
        self.language = language or settings.language
        self.name = w.Text(placeholder="…", layout=w.Layout(width="220px"))
        self.group = w.Text(placeholder="…", layout=w.Layout(width="160px"))
        self.widget = w.HBox([self.name, self.group])
        self.set_language(self.language)

    def set_language(self, language: str) -> None:
        self.language = language
        self.name.description, self.group.description = t("name", language), t("group", language)

    @property
    def store(self) -> ResponseStore:
        if self._store is None:
            self._store = ResponseStore()
        return self._store

    def submit(self, exercise: str, answer: object, item: str = "") -> tuple[bool, str]:
        """Save one answer; return (ok, escaped HTML message). Nothing is raised, nothing typed is cleared."""
        try:
            self.store.submit(self.name.value, self.group.value, exercise, answer, item)  # type: ignore[arg-type]
        except StoreError as error:
            return False, warning(error)
        who = safe_html(self.name.value.strip())
        return True, f"<span style='color:#009E73'>✓ {t('saved', self.language)} ({who})</span>"

    def responses(self, exercise: str) -> pd.DataFrame:
        group = self.group.value.strip() or None
        return self.store.responses(exercise=exercise, group=group)


class Exercise:
    """Shared plumbing: language, a status line, and the session."""

    exercise = ""

    def __init__(self, art: Article, session: Session | None = None, language: str | None = None) -> None:
        self.art = art
        self.session = session or Session(language=language)
        self.language = language or settings.language
        self.status = w.HTML()

    def submit(self, answer: object, item: str = "") -> bool:
        ok, message = self.session.submit(self.exercise, answer, item)
        self.status.value = message
        return ok

    def set_language(self, language: str) -> None:
        self.language = language
        self.render()

    def render(self) -> None:
        """Redraw every label in the current language."""


class Explorer(Exercise):
    """Pick a function, task or requirement → its text, its inline lists and its links with evidence."""

    exercise = "explorer"

    def __init__(self, art: Article, session: Session | None = None, language: str | None = None) -> None:
        super().__init__(art, session, language)
        self.choice = w.Dropdown(layout=w.Layout(width="360px"))
        self.html = w.HTML()
        self.choice.observe(lambda _: self.show(), names="value")
        self.widget = w.VBox([self.choice, self.html])
        self.render()

    def render(self) -> None:
        current = self.choice.value
        options = [(f"{r.item_id} · {item_label(self.art, r.item_id, self.language)}", r.item_id)
                   for r in self.art.items.itertuples()]
        self.choice.options = options
        self.choice.value = current if current in dict(options).values() else (options[0][1] if options else None)
        self.show()

    def show(self, item_id: str | None = None) -> str:
        if item_id is not None:
            self.choice.value = item_id
            return self.html.value
        if self.choice.value is None:
            self.html.value = ""
            return ""
        item = self.art.items.set_index("item_id").loc[self.choice.value]
        lang = self.language
        parts = [f"<h3>{both(item['headline_zh'], item.get('headline_en'), lang)}</h3>"]
        if lang != "en" or pd.isna(item.get("summary_en")):
            parts.append(f"<blockquote>{safe_html(item['text_zh'])}</blockquote>")
        if not pd.isna(item.get("summary_en")) and lang != "zh":
            parts.append(f"<p><i>{safe_html(item['summary_en'])}</i></p>")
        lists = self.art.lists[self.art.lists["item_id"] == self.choice.value]
        if len(lists):
            parts.append(f"<b>{t('lists', lang)}</b><ul>")
            for _, group in lists.groupby("list_id"):
                elements = "、".join(group["element_zh"]) if lang != "en" else "; ".join(
                    group["element_en"].fillna(group["element_zh"]))
                parts.append(f"<li>{safe_html(elements)} <small>({group['list_type'].iloc[0]})</small></li>")
            parts.append("</ul>")
        links = self.art.links[(self.art.links["task_id"] == self.choice.value)
                               | (self.art.links["function_id"] == self.choice.value)]
        if len(links):
            parts.append(f"<b>{t('links', lang)}</b><ul>")
            for link in links.itertuples():
                other = link.function_id if link.task_id == self.choice.value else link.task_id
                basis = t(link.basis, lang)
                parts.append(
                    f"<li>{safe_html(item_label(self.art, other, lang))} — {link.strength}, {basis}: "
                    f"「{safe_html(link.evidence_zh)}」"
                    + (f"<br><small>{safe_html(link.rationale_en)}</small>" if lang != "zh" else "")
                    + "</li>"
                )
            parts.append("</ul>")
        self.html.value = "".join(parts)
        return self.html.value


class MappingEditor(Exercise):
    """Build your own function × task mapping; see it against the article's with Cohen's kappa."""

    exercise = "mapping"

    def __init__(self, art: Article, session: Session | None = None, language: str | None = None) -> None:
        super().__init__(art, session, language)
        self.functions, self.tasks = art.function_ids(), art.task_ids()
        self.article = ex.mapping_matrix(art)
        self._article = self.article.to_numpy()
        self._mine = np.zeros(self._article.shape, dtype="int64")
        self._cell = {(f, task): (r, c) for r, f in enumerate(self.functions) for c, task in enumerate(self.tasks)}
        self.toggles = {
            (f, task): w.ToggleButton(value=False, layout=w.Layout(width="72px", height="30px"))
            for f in self.functions for task in self.tasks
        }
        for toggle in self.toggles.values():
            toggle.observe(self._on_toggle, names="value")
        self.compare = w.Checkbox(value=False, indent=False)
        self.compare.observe(lambda _: self.update(), names="value")
        self.image = w.Image(format="png")
        self.agreement = w.HTML()
        self.differences = w.HTML()
        self.submit_button = w.Button(button_style="primary")
        self.submit_button.on_click(lambda _: self.submit_mapping())
        self.grid = w.GridBox(layout=w.Layout(grid_template_columns=f"110px repeat({len(self.tasks)}, 76px)"))
        self.figure: MappingFigure | None = None
        self.widget = w.VBox([self.grid, w.HBox([self.compare, self.submit_button]), self.image, self.agreement,
                              self.differences, self.status])
        self.render()

    def render(self) -> None:
        lang = self.language
        header = [w.HTML("")] + [w.HTML(f"<b>{safe_html(item_label(self.art, x, lang))}</b>") for x in self.tasks]
        rows = []
        for f in self.functions:
            rows.append(w.HTML(f"<b>{safe_html(item_label(self.art, f, lang))}</b>"))
            rows.extend(self.toggles[(f, task)] for task in self.tasks)
        self.grid.children = header + rows
        self.compare.description = t("compare", lang)
        self.submit_button.description = t("submit", lang)
        legend_lang = "zh" if lang == "zh" else "en"
        self.figure = MappingFigure(
            [item_label(self.art, f, legend_lang) for f in self.functions],
            [item_label(self.art, x, legend_lang) for x in self.tasks],
            COMPARISON_NAMES[legend_lang],
        )
        self.update()

    def _on_toggle(self, change: dict) -> None:
        self._show_toggle(change["owner"])
        self.update()

    def _show_toggle(self, toggle: w.ToggleButton) -> None:
        key = next(k for k, v in self.toggles.items() if v is toggle)
        self._mine[self._cell[key]] = int(toggle.value)
        toggle.description = "●" if toggle.value else ""
        toggle.button_style = "info" if toggle.value else ""

    def mine(self) -> pd.DataFrame:
        return pd.DataFrame(self._mine.copy(), index=self.functions, columns=self.tasks)

    def set_mapping(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Set the grid from (function_id, task_id) pairs; redraws once."""
        wanted = set(pairs)
        for key, toggle in self.toggles.items():
            toggle.unobserve(self._on_toggle, names="value")
            toggle.value = key in wanted
            self._show_toggle(toggle)
            toggle.observe(self._on_toggle, names="value")
        self.update()

    def scores(self) -> dict[str, float]:
        return {"agreement": float((self._mine == self._article).mean()),
                "kappa": ex.cohens_kappa(self.mine(), self.article)}

    def update(self, redraw: bool = True) -> None:
        mine, lang = self.mine(), self.language
        if redraw and self.figure is not None:
            self.image.value = self.figure.update(self._mine, self._article, self.compare.value)
        if not self.compare.value:
            self.agreement.value = self.differences.value = ""
            return
        scores = self.scores()
        kappa = "—" if pd.isna(scores["kappa"]) else f"{scores['kappa']:.2f}"
        self.agreement.value = (f"<b>{t('agreement', lang)}:</b> {scores['agreement']:.0%} &nbsp; "
                                f"<b>{t('kappa', lang)}:</b> {kappa}")
        diff = ex.disagreements(self.art, mine)
        if diff.empty:
            self.differences.value = f"<p>{t('no_differences', lang)}</p>"
            return
        rows = "".join(
            f"<tr><td>{safe_html(r.function)}–{safe_html(r.task)}</td><td>{r.yours}</td><td>{r.article}</td>"
            f"<td>{safe_html(r.evidence_zh)}</td></tr>"
            for r in diff.itertuples()
        )
        self.differences.value = (f"<b>{t('differences', lang)} ({len(diff)})</b><table>"
                                  f"<tr><th></th><th>you</th><th>article</th><th>evidence</th></tr>{rows}</table>")

    def submit_mapping(self) -> bool:
        mine = self.mine()
        pairs = [[f, task] for f in self.functions for task in self.tasks if mine.loc[f, task]]
        return self.submit({"links": pairs, **{k: round(v, 3) for k, v in self.scores().items()
                                               if not pd.isna(v)}})


class Scenarios(Exercise):
    """A situation from an office's day: which functions and tasks does it involve?"""

    exercise = "scenario"

    def __init__(self, art: Article, data: ex.ExerciseData, session: Session | None = None,
                 language: str | None = None) -> None:
        super().__init__(art, session, language)
        self.data = data.scenarios.set_index("scenario_id")
        self.choice = w.Dropdown(layout=w.Layout(width="420px"))
        self.choice.observe(lambda _: self.show(), names="value")
        self.situation = w.HTML()
        ids = [*art.function_ids(), *art.task_ids(),
               *art.items.loc[art.items["kind"] == "requirement", "item_id"]]
        self.boxes = {item_id: w.Checkbox(value=False, indent=False, layout=w.Layout(width="180px"))
                      for item_id in ids}
        self.headings = (w.HTML(), w.HTML())
        self.check_button = w.Button(button_style="primary")
        self.check_button.on_click(lambda _: self.check())
        self.feedback = w.HTML()
        functions = w.HBox([self.boxes[i] for i in art.function_ids()], layout=w.Layout(flex_flow="row wrap"))
        tasks = w.HBox([b for i, b in self.boxes.items() if i not in art.function_ids()],
                       layout=w.Layout(flex_flow="row wrap"))
        self.widget = w.VBox([self.choice, self.situation, self.headings[0], functions, self.headings[1], tasks,
                              self.check_button, self.feedback, self.status])
        self.render()

    def render(self) -> None:
        lang = self.language
        current = self.choice.value
        options = [(f"{sid} · {plain(r['title_zh'], r['title_en'], lang)}", sid) for sid, r in self.data.iterrows()]
        self.choice.options = options
        self.choice.value = current if current in self.data.index else options[0][1]
        for item_id, box in self.boxes.items():
            box.description = item_label(self.art, item_id, lang)
        self.headings[0].value = f"<b>{t('functions', lang)}</b>"
        self.headings[1].value = f"<b>{t('tasks', lang)}</b>"
        self.check_button.description = t("check", lang)
        self.show()

    def show(self) -> None:
        row = self.data.loc[self.choice.value]
        self.situation.value = f"<p>{both(row['situation_zh'], row['situation_en'], self.language)}</p>"
        self.feedback.value = ""

    def chosen(self) -> set[str]:
        return {item_id for item_id, box in self.boxes.items() if box.value}

    def choose(self, ids: Iterable[str]) -> None:
        wanted = set(ids)
        for item_id, box in self.boxes.items():
            box.value = item_id in wanted

    def check(self) -> dict[str, list[str]]:
        row, lang = self.data.loc[self.choice.value], self.language
        result = ex.scenario_feedback(row, self.chosen())

        def names(ids: list[str]) -> str:
            return "、".join(safe_html(item_label(self.art, i, lang)) for i in ids) or "—"

        self.feedback.value = (
            f"<p>✓ {t('matched', lang)}: {names(result['matched'])}<br>"
            f"○ {t('missed', lang)}: {names(result['missed'])}<br>"
            f"+ {t('extra', lang)}: {names(result['extra'])}</p>"
            f"<p>{both(row['feedback_zh'], row['feedback_en'], lang)}</p>"
            f"<p><b>{t('article_says', lang)}:</b> 「{safe_html(row['evidence_zh'])}」</p>"
        )
        self.submit({"chosen": sorted(self.chosen()), **result}, item=str(self.choice.value))
        return result


class Quiz(Exercise):
    """Questions on all three parts: choice, multiple choice, fill-in and ordering, scored with explanations."""

    exercise = "quiz"

    def __init__(self, art: Article, data: ex.ExerciseData, session: Session | None = None,
                 language: str | None = None) -> None:
        super().__init__(art, session, language)
        self.questions = data.quiz.reset_index(drop=True)
        self.index = 0
        self.answers: dict[str, object] = {}
        self.results: dict[str, bool] = {}
        self.prompt = w.HTML()
        self.input_box = w.VBox()
        self.check_button = w.Button(button_style="primary")
        self.check_button.on_click(lambda _: self.check())
        self.previous = w.Button(icon="arrow-left")
        self.next = w.Button(icon="arrow-right")
        self.previous.on_click(lambda _: self.go(self.index - 1))
        self.next.on_click(lambda _: self.go(self.index + 1))
        self.result = w.HTML()
        self.score = w.HTML()
        self.widget = w.VBox([self.prompt, self.input_box, w.HBox([self.previous, self.check_button, self.next]),
                              self.result, self.score, self.status])
        self.render()

    @property
    def question(self) -> pd.Series:
        return self.questions.iloc[self.index]

    def render(self) -> None:
        lang = self.language
        self.check_button.description = t("check", lang)
        self.previous.description, self.next.description = t("previous", lang), t("next", lang)
        self.go(self.index)

    def go(self, index: int) -> None:
        self._remember()
        self.index = max(0, min(index, len(self.questions) - 1))
        q, lang = self.question, self.language
        self.prompt.value = (f"<b>{self.index + 1}/{len(self.questions)}</b> "
                             f"{both(q['prompt_zh'], q['prompt_en'], lang)}")
        self.input_box.children = self._inputs(q)
        self.result.value = ""
        self._show_score()

    def _option_labels(self, q: pd.Series) -> list[str]:
        zh, en = ex.options(q, "zh"), ex.options(q, "en")
        if self.language == "zh":
            return zh
        if self.language == "en":
            return en
        return [f"{a} · {b}" for a, b in zip(zh, en, strict=True)]

    def _inputs(self, q: pd.Series) -> tuple[w.Widget, ...]:
        saved = self.answers.get(q["question_id"])
        labels = self._option_labels(q)
        numbers = [str(i) for i in range(1, len(labels) + 1)]
        if q["qtype"] == "choice":
            radio = w.RadioButtons(options=list(zip(labels, numbers, strict=True)), value=saved,
                                   layout=w.Layout(width="auto"))
            return (radio,)
        if q["qtype"] == "multi":
            chosen = set(saved or [])
            return tuple(w.Checkbox(value=n in chosen, description=lab, indent=False, layout=w.Layout(width="auto"))
                         for n, lab in zip(numbers, labels, strict=True))
        if q["qtype"] == "fill":
            return (w.Text(value=str(saved or ""), placeholder=t("type_answer", self.language)),)
        order = list(saved or [None] * len(labels))
        return tuple(
            w.Dropdown(options=[("—", None), *zip(labels, numbers, strict=True)], value=order[k],
                       description=t("position", self.language).format(n=k + 1),
                       layout=w.Layout(width="auto"), style={"description_width": "initial"})
            for k in range(len(labels))
        )

    def current_answer(self) -> object:
        q, inputs = self.question, self.input_box.children
        if q["qtype"] in ("choice", "fill"):
            return inputs[0].value
        if q["qtype"] == "multi":
            return [str(i) for i, box in enumerate(inputs, start=1) if box.value]
        return [box.value for box in inputs]

    def answer(self, value: object) -> None:
        """Fill in the current question's inputs from code (a number, list of numbers or text)."""
        q, inputs = self.question, self.input_box.children
        if q["qtype"] in ("choice", "fill"):
            inputs[0].value = str(value)
        elif q["qtype"] == "multi":
            for i, box in enumerate(inputs, start=1):
                box.value = str(i) in {str(v) for v in value}  # type: ignore[union-attr]
        else:
            for box, v in zip(inputs, value, strict=True):  # type: ignore[call-overload]
                box.value = str(v)

    def _remember(self) -> None:
        if self.input_box.children:
            self.answers[self.question["question_id"]] = self.current_answer()

    def check(self) -> bool:
        q, lang = self.question, self.language
        given = self.current_answer()
        self._remember()
        order_incomplete = q["qtype"] == "order" and None in given  # type: ignore[operator]
        correct = not order_incomplete and ex.check_answer(q, given)
        self.results[q["question_id"]] = correct
        key = q["answer"]
        if q["qtype"] in ("choice", "multi", "order"):
            labels = self._option_labels(q)
            key = " → ".join(labels[int(n) - 1] for n in q["answer"].split(","))
        self.result.value = (
            f"<p><b>{'✓ ' + t('correct', lang) if correct else '✗ ' + t('wrong', lang)}</b> — "
            f"{t('answer_is', lang)}: {safe_html(key)}</p>"
            f"<p>{both(q['explanation_zh'], q['explanation_en'], lang)}</p>"
            f"<p><b>{t('article_says', lang)}:</b> 「{safe_html(q['evidence_zh'])}」</p>"
        )
        self._show_score()
        self.submit({"given": given, "correct": correct}, item=str(q["question_id"]))
        return correct

    def _show_score(self) -> None:
        right = sum(self.results.values())
        self.score.value = f"<b>{t('score', self.language)}:</b> {right}/{len(self.results)} " \
                           f"({len(self.questions)})"


class SelfAssessment(Exercise):
    """Rate yourself on 会写、会说、会做、会谋 and the four requirements; compare with your group."""

    exercise = "self_assessment"

    def __init__(self, art: Article, session: Session | None = None, language: str | None = None) -> None:
        super().__init__(art, session, language)
        self.dimensions = ex.self_assessment_dimensions(art)
        self.sliders = {d: w.IntSlider(value=3, min=1, max=5, continuous_update=False,
                                       style={"description_width": "150px"}, layout=w.Layout(width="420px"))
                        for d in self.dimensions["dimension"]}
        for slider in self.sliders.values():
            slider.observe(lambda _: self.update(), names="value")
        self.show_group = w.Checkbox(value=False, indent=False)
        self.show_group.observe(lambda _: self.refresh_group(), names="value")
        self.submit_button = w.Button(button_style="primary")
        self.submit_button.on_click(lambda _: self.submit_ratings())
        self.image = w.Image(format="png")
        self.group_average: dict[str, float] = {}
        self.figure: RadarFigure | None = None
        self.widget = w.HBox([w.VBox([*self.sliders.values(), w.HBox([self.show_group, self.submit_button]),
                                      self.status]), self.image])
        self.render()

    def _labels(self) -> list[str]:
        lang = self.language
        return [d if lang == "zh" else en if lang == "en" else f"{d}\n{en}"
                for d, en in zip(self.dimensions["dimension"], self.dimensions["label_en"], strict=True)]

    def render(self) -> None:
        for slider, text in zip(self.sliders.values(), self._labels(), strict=True):
            slider.description = text.replace("\n", " ")
        self.show_group.description = t("show_group", self.language)
        self.submit_button.description = t("submit", self.language)
        legend_lang = "zh" if self.language == "zh" else "en"
        self.figure = RadarFigure(self._labels(), legend=(t("you", legend_lang), t("group_average", legend_lang)))
        self.update()

    def ratings(self) -> dict[str, int]:
        return {d: s.value for d, s in self.sliders.items()}

    def refresh_group(self) -> None:
        """Read the group's average from the store (on demand, not on every slider move)."""
        self.group_average = {}
        if self.show_group.value:
            try:
                self.group_average = ex.assessment_averages(self.session.responses(self.exercise)).to_dict()
            except StoreError as error:
                self.status.value = warning(error)
        self.update()

    def update(self) -> None:
        if self.figure is None:
            return
        group = [self.group_average.get(d, 0.0) for d in self.sliders] if self.group_average else None
        self.image.value = self.figure.update(list(self.ratings().values()), group)

    def submit_ratings(self) -> bool:
        ok = self.submit({"ratings": self.ratings()})
        if ok and self.show_group.value:
            self.refresh_group()
        return ok


class DiscussionDeck(Exercise):
    """Prompts per part for a facilitator, with a countdown timer and a notes field saved to the store."""

    exercise = "discussion"

    def __init__(self, art: Article, data: ex.ExerciseData, session: Session | None = None,
                 language: str | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(art, session, language)
        self.prompts = data.prompts.reset_index(drop=True)
        self.clock = clock
        self.index = 0
        self.prompt = w.HTML()
        self.previous, self.next = w.Button(icon="arrow-left"), w.Button(icon="arrow-right")
        self.previous.on_click(lambda _: self.go(self.index - 1))
        self.next.on_click(lambda _: self.go(self.index + 1))
        self.minutes = w.BoundedIntText(min=1, max=60, layout=w.Layout(width="140px"))
        self.start_button, self.reset_button = w.Button(icon="play"), w.Button(icon="undo")
        self.start_button.on_click(lambda _: self.toggle_timer())
        self.reset_button.on_click(lambda _: self.reset_timer())
        self.timer = w.HTML()
        self.notes = w.Textarea(layout=w.Layout(width="95%", height="100px"))
        self.save_button = w.Button(button_style="primary")
        self.save_button.on_click(lambda _: self.save_notes())
        self._deadline: float | None = None
        self._remaining = 0.0
        self._thread: threading.Thread | None = None
        self.widget = w.VBox([self.prompt, w.HBox([self.previous, self.next]),
                              w.HBox([self.minutes, self.start_button, self.reset_button, self.timer]),
                              self.notes, self.save_button, self.status])
        self.render()

    def render(self) -> None:
        lang = self.language
        self.previous.description, self.next.description = t("previous", lang), t("next", lang)
        self.minutes.description = t("minutes", lang)
        self.reset_button.description = t("reset", lang)
        self.notes.placeholder = t("notes", lang)
        self.save_button.description = t("save_notes", lang)
        self.go(self.index)

    def go(self, index: int) -> None:
        self.index = max(0, min(index, len(self.prompts) - 1))
        row, lang = self.prompts.iloc[self.index], self.language
        note = f"<br><small>{safe_html(row['note_en'])}</small>" if lang != "zh" else ""
        self.prompt.value = (f"<b>{self.index + 1}/{len(self.prompts)} · {safe_html(row['part_id'])}</b> "
                             f"{both(row['prompt_zh'], row['prompt_en'], lang)}{note}")
        self.minutes.value = int(row["minutes"])
        self.reset_timer()

    @property
    def running(self) -> bool:
        return self._deadline is not None

    def toggle_timer(self) -> None:
        if self.running:
            self._remaining = max(0.0, self._deadline - self.clock())  # type: ignore[operator]
            self._deadline = None
        else:
            self._deadline = self.clock() + (self._remaining or self.minutes.value * 60)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, daemon=True)
                self._thread.start()
        self.tick()

    def reset_timer(self) -> None:
        self._deadline = None
        self._remaining = self.minutes.value * 60
        self.tick()

    def tick(self) -> float:
        """Refresh the countdown label; returns the seconds left."""
        left = self._remaining if self._deadline is None else max(0.0, self._deadline - self.clock())
        lang = self.language
        self.start_button.description = t("stop", lang) if self.running else t("start", lang)
        if self.running and left <= 0:
            self._deadline, self._remaining = None, 0.0
            self.timer.value = f"<b style='color:#D55E00'>{t('time_up', lang)}</b>"
            self.start_button.description = t("start", lang)
            return 0.0
        minutes, seconds = divmod(int(round(left)), 60)
        self.timer.value = f"<b style='font-size:1.4em'>{minutes:02d}:{seconds:02d}</b>"
        return left

    def _run(self) -> None:
        while self.running:
            self.tick()
            time.sleep(1)

    def save_notes(self) -> bool:
        row = self.prompts.iloc[self.index]
        return self.submit({"notes": self.notes.value, "prompt_en": row["prompt_en"]}, item=str(row["prompt_id"]))


class GroupView(Exercise):
    """The group's pooled answers, refreshed on demand; export to CSV and import participants' CSV files."""

    exercise = "group_view"
    MAX_UPLOAD = 1_000_000

    def __init__(self, art: Article, session: Session | None = None, language: str | None = None,
                 export_dir: Path | None = None) -> None:
        super().__init__(art, session, language)
        self.export_dir = export_dir
        self.refresh_button = w.Button(icon="refresh")
        self.refresh_button.on_click(lambda _: self.refresh())
        self.export_button = w.Button(icon="download")
        self.export_button.on_click(lambda _: self.export())
        self.upload = w.FileUpload(accept=".csv", multiple=True)
        self.upload.observe(lambda _: self.import_uploads(), names="value")
        self.image = w.Image(format="png")
        self.tables = w.HTML()
        self.widget = w.VBox([w.HBox([self.refresh_button, self.export_button, self.upload]), self.image,
                              self.tables, self.status])
        self.render()

    def render(self) -> None:
        lang = self.language
        self.figure: ShareFigure | None = None  # built on the next refresh, with labels in this language
        self.refresh_button.description = t("refresh", lang)
        self.export_button.description = t("export", lang)
        self.upload.description = t("import", lang)

    def summaries(self) -> dict[str, pd.DataFrame | pd.Series]:
        return {
            "mapping": ex.mapping_distribution(self.art, self.session.responses("mapping")),
            "quiz": ex.quiz_scores(self.session.responses("quiz")),
            "self_assessment": ex.assessment_averages(self.session.responses("self_assessment")),
        }

    def refresh(self) -> dict[str, pd.DataFrame | pd.Series] | None:
        try:
            summary = self.summaries()
        except StoreError as error:
            self.status.value = warning(error)
            return None
        lang = self.language
        mapping = summary["mapping"]
        mapping_view = mapping.rename(index=lambda i: item_label(self.art, i, lang),
                                      columns=lambda i: item_label(self.art, i, lang))
        quiz = summary["quiz"]
        self.tables.value = (
            f"<h4>{t('compare', lang)}</h4>{mapping_view.to_html()}"
            f"<h4>Quiz</h4>{quiz.to_html(index=False) if len(quiz) else t('no_responses', lang)}"
            f"<h4>Self-assessment</h4>{summary['self_assessment'].to_frame('mean').to_html()}"
        )
        if self.figure is None:
            labels = "zh" if lang == "zh" else "en"
            self.figure = ShareFigure([item_label(self.art, i, labels) for i in mapping.index],
                                      [item_label(self.art, i, labels) for i in mapping.columns])
        self.image.value = self.figure.update(mapping)
        self.status.value = ""
        return summary

    def export(self) -> Path | None:
        folder = self.export_dir or settings.store_path.parent / "exports"
        group = self.session.group.value.strip() or "all"
        safe_group = "".join(ch for ch in group if ch.isalnum() or ch in "-_") or "group"
        try:
            path = self.session.store.export_csv(folder / f"responses-{safe_group}.csv")
        except (StoreError, OSError) as error:
            self.status.value = warning(error)
            return None
        self.status.value = f"{t('exported', self.language)} <code>{safe_html(str(path))}</code>"
        return path

    def import_uploads(self) -> int:
        """Import every uploaded file; each one is all-or-nothing and capped at 1 MB."""
        added, messages = 0, []
        for upload in self.upload.value:
            name, content = upload["name"], bytes(upload["content"])
            try:
                added += self.session.store.import_csv(content, filename=name, max_bytes=self.MAX_UPLOAD)
            except StoreError as error:
                messages.append(warning(error))
        messages.insert(0, f"{t('imported', self.language)}: {added}")
        self.status.value = "<br>".join(messages)
        return added


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


UI.update({
    "sample": ("示例文本", "Sample text"),
    "paste": ("粘贴文本", "Paste text"),
    "load_text": ("分析粘贴的文本", "Analyse pasted text"),
    "upload": ("上传 .txt / .docx", "Upload .txt / .docx"),
    "loaded": ("已载入", "Loaded"),
    "accept": ("采纳", "accept"),
    "reject": ("不采纳", "reject"),
    "undecided": ("待定", "undecided"),
    "accepted": ("已采纳", "Accepted"),
})


def samples(folder: Path | None = None) -> pd.DataFrame:
    """The sample texts shipped in ``data/samples`` with their source record."""
    folder = folder or settings.data_dir / "samples"
    table = pd.read_csv(folder / "sources.csv", dtype=str, keep_default_na=False)
    table["path"] = [str(folder / name) for name in table["file"]]
    return table


class ArticleLoader:
    """Paste a text, upload a .txt/.docx file or pick a sample → ``self.article``.

    Problems (empty text, a binary or undecodable file, a text without markers) come back as a message; the
    pasted text stays in the box. ``on_load`` is called with each new article.
    """

    MAX_UPLOAD = 2_000_000

    def __init__(self, on_load: Callable[[Article], None] | None = None, language: str | None = None,
                 folder: Path | None = None) -> None:
        from .sources import read_upload  # python-docx is imported only for this exercise

        self._read_upload = read_upload
        self.language = language or settings.language
        self.on_load = on_load
        self.article: Article | None = None
        self.samples = samples(folder)
        self.sample = w.Dropdown(options=[("—", None), *zip(self.samples["title"], self.samples["path"],
                                                             strict=True)],
                                 layout=w.Layout(width="480px"), style={"description_width": "initial"})
        self.sample.observe(lambda change: change["new"] and self.load_sample(change["new"]), names="value")
        self.text = w.Textarea(layout=w.Layout(width="95%", height="140px"))
        self.load_button = w.Button(button_style="primary")
        self.load_button.on_click(lambda _: self.load_text(self.text.value))
        self.upload = w.FileUpload(accept=".txt,.docx", multiple=False)
        self.upload.observe(lambda _: self.load_upload(), names="value")
        self.status = w.HTML()
        self.widget = w.VBox([self.sample, self.text, w.HBox([self.load_button, self.upload]), self.status])
        self.set_language(self.language)

    def set_language(self, language: str) -> None:
        self.language = language
        self.sample.description = t("sample", language)
        self.text.placeholder = t("paste", language)
        self.load_button.description = t("load_text", language)
        self.upload.description = t("upload", language)

    def _load(self, text: str, source: str) -> Article | None:
        from .article import ArticleError, article_from_text

        try:
            article = article_from_text(text, {"loaded_from": source})
        except ArticleError as error:
            self.status.value = warning(error)
            return None
        self.article = article
        notes = "".join(f"<br><small>{safe_html(m)}</small>" for m in article.messages)
        self.status.value = f"✓ {t('loaded', self.language)}: {safe_html(repr(article))}{notes}"
        if self.on_load is not None:
            self.on_load(article)
        return article

    def load_sample(self, path: str) -> Article | None:
        return self._load(Path(path).read_text(encoding="utf-8"), Path(path).name)

    def load_text(self, text: str) -> Article | None:
        self.text.value = text
        return self._load(text, "pasted text")

    def load_upload(self) -> Article | None:
        from .article import ArticleError

        for upload in self.upload.value:
            try:
                text = self._read_upload(upload["name"], bytes(upload["content"]), self.MAX_UPLOAD)
            except ArticleError as error:
                self.status.value = warning(error)
                return None
            return self._load(text, upload["name"])
        return None


class SuggestionReview(Exercise):
    """Accept or reject each suggested link from an item of a new article to one of the four functions."""

    exercise = "suggestions"

    def __init__(self, art: Article, suggestions: pd.DataFrame, session: Session | None = None,
                 language: str | None = None) -> None:
        super().__init__(art, session, language)
        self.suggestions = suggestions.reset_index(drop=True)
        self.choices = [w.ToggleButtons(options=self._options(), value="undecided", style={"button_width": "90px"})
                        for _ in range(len(self.suggestions))]
        self.rows = [w.HTML() for _ in range(len(self.suggestions))]
        self.submit_button = w.Button(button_style="primary")
        self.submit_button.on_click(lambda _: self.submit_decisions())
        self.widget = w.VBox([*[w.HBox([row, choice]) for row, choice in zip(self.rows, self.choices, strict=True)],
                              self.submit_button, self.status])
        self.render()

    def render(self) -> None:
        lang = self.language
        for row, choice, item in zip(self.rows, self.choices, self.suggestions.itertuples(), strict=True):
            row.value = (f"<b>{safe_html(item.item_id)}</b> {safe_html(item.headline_zh)} → "
                         f"<b>{safe_html(item.function_zh)}</b> <small>({safe_html(item.triggers)}; "
                         f"{item.score})</small>")
            value = choice.value
            choice.options = self._options()
            choice.value = value
        self.submit_button.description = t("submit", lang)

    def _options(self) -> list[tuple[str, str]]:
        return [(t(key, self.language), key) for key in ("undecided", "accept", "reject")]

    def decide(self, index: int, decision: str) -> None:
        self.choices[index].value = decision

    def decisions(self) -> pd.DataFrame:
        table = self.suggestions[["item_id", "headline_zh", "function_id", "function_zh", "triggers"]].copy()
        table["decision"] = [choice.value for choice in self.choices]
        return table

    def accepted(self) -> pd.DataFrame:
        table = self.decisions()
        return table[table["decision"] == "accept"].reset_index(drop=True)

    def submit_decisions(self) -> bool:
        decided = self.decisions()
        decided = decided[decided["decision"] != "undecided"]
        answer = {"article": self.art.title or "", "decisions": decided[["item_id", "function_id", "decision"]]
                  .to_dict(orient="records")}
        return self.submit(answer)
