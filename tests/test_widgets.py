"""Headless widget tests: set values, click buttons, assert on state, store rows and rendered output."""

from datetime import datetime, timezone

import ipywidgets
import pandas as pd
import pytest

import office_roles as orl
from office_roles import exercises as ex
from office_roles import widgets as W
from office_roles.i18n import term
from office_roles.store import ResponseStore

EVIL = "<script>alert('x')</script>"
STAMP = datetime(2026, 11, 25, tzinfo=timezone.utc)



@pytest.fixture
def session(store):
    session = W.Session(store=store, language="both")
    session.name.value, session.group.value = "Li Lei", "G1"
    return session


def safe(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def click(widget):
    """What a learner's click does: press a Button, flip a ToggleButton."""
    if isinstance(widget, ipywidgets.ToggleButton):
        widget.value = not widget.value
    else:
        widget.click()


def test_explorer_shows_text_lists_and_evidence(art, session):
    explorer = W.Explorer(art, session, "both")
    assert len(explorer.choice.options) == 18
    html = explorer.show("T1")
    assert "文件制发工作" in html and "内容关、政策关、法规关、格式关、保密关" in html
    assert "公文具有法定的权威性" in html and "A reading" in html
    explorer.set_language("en")
    assert "Document issuance" in explorer.html.value and "content checkpoint" in explorer.html.value


def test_mapping_editor_agreement_and_store(art, session, store):
    """Scored against what the article states; the editors' reading is compared apart (issue 12)."""
    editor = W.MappingEditor(art, session, "both")
    assert len(editor.toggles) == 40
    before = editor.image.value
    editor.compare.value = True
    stated = art.links[art.links["basis"] == "explicit"]
    editor.set_mapping(zip(stated["function_id"], stated["task_id"], strict=True))
    scores = editor.scores()
    assert scores["agreement"] == 1.0 and scores["kappa"] == pytest.approx(1.0)
    assert scores["reading_agreement"] == pytest.approx(1 - (len(art.links) - len(stated)) / 40)
    assert "与原文明示的对应完全一致" in editor.differences.value
    assert "编者解读" in editor.agreement.value and "the editors' reading" in editor.agreement.value
    click(editor.toggles[("F1", "T1")])  # a cell neither the article nor the reading links
    assert editor.scores()["agreement"] == pytest.approx(39 / 40)
    assert editor.image.value != before
    click(editor.toggles[("F3", "T4")])  # a cell the article states, with its evidence and its English
    assert "党委办公厅(室)必须做好信息的收集、整理、储存、传递工作" in editor.differences.value
    assert "information" in editor.differences.value
    editor.set_mapping(zip(art.links["function_id"], art.links["task_id"], strict=True))
    assert editor.scores()["reading_agreement"] == 1.0 and editor.scores()["agreement"] < 1.0
    editor.set_mapping([("F1", "T1")])
    click(editor.submit_button)
    rows = store.responses("mapping")
    assert len(rows) == 1 and rows["answer"].iloc[0]["links"] == [["F1", "T1"]]


def test_missing_name_prompts_and_keeps_the_answer(art, store):
    session = W.Session(store=store, language="en")
    editor = W.MappingEditor(art, session, "en")
    click(editor.toggles[("F2", "T6")])
    click(editor.submit_button)
    assert "Please type your name" in editor.status.value
    assert editor.toggles[("F2", "T6")].value  # nothing the learner did is lost
    assert store.responses().empty
    session.name.value = "Wang"
    click(editor.submit_button)
    assert len(store.responses("mapping")) == 1


def test_names_are_shown_escaped(art, store):
    session = W.Session(store=store)
    session.name.value = EVIL
    assessment = W.SelfAssessment(art, session, "en")
    click(assessment.submit_button)
    assert "<script>" not in assessment.status.value and "&lt;script&gt;" in assessment.status.value
    assert store.responses()["participant"].iloc[0] == EVIL  # kept verbatim in the store


def test_quiz_scoring_every_type(art, data, session, store):
    quiz = W.Quiz(art, data, session, "both")
    seen = set()
    for index, question in data.quiz.iterrows():
        quiz.go(index)
        key = question["answer"]
        right = {"choice": key, "fill": key.split(" | ")[0], "multi": key.split(","),
                 "order": key.split(",")}[question["qtype"]]
        quiz.answer(right)
        assert quiz.check(), question["question_id"]
        assert "✓" in quiz.result.value and question["evidence_zh"] in quiz.result.value
        seen.add(question["qtype"])
    assert seen == {"choice", "multi", "fill", "order"}
    assert f"{len(data.quiz)}/{len(data.quiz)}" in quiz.score.value
    assert len(store.responses("quiz")) == len(data.quiz)


def test_quiz_wrong_answer_and_navigation_keeps_input(art, data, session):
    quiz = W.Quiz(art, data, session, "zh")
    fill = data.quiz.index[data.quiz["qtype"] == "fill"][0]
    quiz.go(fill)
    quiz.answer("完全不对的答案")
    assert not quiz.check() and "✗" in quiz.result.value
    click(quiz.next)
    click(quiz.previous)
    assert quiz.current_answer() == "完全不对的答案"
    order = data.quiz.index[data.quiz["qtype"] == "order"][0]
    quiz.go(order)
    assert not quiz.check()  # nothing chosen yet: scored wrong, no exception


def test_scenarios_feedback_and_store(art, data, session, store):
    scenarios = W.Scenarios(art, data, session, "both")
    assert len(scenarios.choice.options) >= 12
    row = data.scenarios.iloc[0]
    expected = {x for x in (row["functions"] + "," + row["tasks"]).split(",") if x}
    scenarios.choice.value = row["scenario_id"]
    scenarios.choose(expected)
    click(scenarios.check_button)
    assert row["evidence_zh"] in scenarios.feedback.value
    answer = store.responses("scenario")["answer"].iloc[-1]
    assert answer["missed"] == [] and answer["extra"] == []
    scenarios.choose([])
    result = scenarios.check()
    assert sorted(result["missed"]) == sorted(expected)


def test_self_assessment_radar_and_group_average(art, store):
    """The group mean appears from three participants on; below that it would give ratings away (issue 12)."""
    sessions = []
    for name, rating in (("A", 5), ("B", 1), ("C", 3)):
        session = W.Session(store=store)
        session.name.value, session.group.value = name, "G"
        sessions.append((W.SelfAssessment(art, session, "en"), rating))
    (one, _), (two, _), (three, _) = sessions
    assert list(one.sliders) == ["会写", "会说", "会做", "会谋", "学习", "团结", "自律", "进取图强"]
    for exercise, rating in sessions[:2]:
        exercise.sliders["会写"].value = rating
        assert exercise.submit_ratings()
    two.show_group.value = True
    assert two.group_average == {}  # two people: no mean
    three.sliders["会写"].value = 3
    assert three.submit_ratings()
    before = two.image.value
    two.refresh_group()
    assert two.group_average["会写"] == 3.0 and two.image.value != before


def test_discussion_deck_timer_and_notes(art, data, session, store):
    now = [1000.0]
    deck = W.DiscussionDeck(art, data, session, "both", clock=lambda: now[0])
    deck.minutes.value = 2
    deck.reset_timer()
    assert "02:00" in deck.timer.value
    deck._deadline = now[0] + 120  # start without the background thread
    now[0] += 75
    assert deck.tick() == pytest.approx(45) and "00:45" in deck.timer.value
    now[0] += 60
    assert deck.tick() == 0 and "Time is up" in deck.timer.value and not deck.running
    deck.notes.value = f"我们认为督查也是服务。{EVIL}"
    click(deck.save_button)
    saved = store.responses("discussion")["answer"].iloc[0]
    assert saved["notes"] == deck.notes.value
    click(deck.next)
    assert deck.index == 1 and deck.notes.value  # notes are kept when moving on


def test_group_view_refresh_export_import(art, session, store, tmp_path, monkeypatch):
    editor = W.MappingEditor(art, session, "en")
    editor.set_mapping([("F1", "T8")])
    editor.submit_mapping()
    view = W.GroupView(art, session, "en", export_dir=tmp_path / "exports")
    summary = view.refresh()
    assert summary["mapping"].loc["F1", "T8"] == 1.0 and view.image.value
    assert view.export() is None and "facilitator" in view.status.value  # a learner cannot export
    monkeypatch.setattr(orl.settings, "facilitator_code", "s3cret")
    assert not session.unlock("guess") and session.unlock("s3cret")
    path = view.export()
    assert path is not None and path.exists() and "base64," in view.download.value
    other = ResponseStore(tmp_path / "other.sqlite")
    other_session = W.Session(store=other)
    importer = W.GroupView(art, other_session, "en")
    upload = ({"name": path.name, "type": "text/csv", "size": path.stat().st_size,
               "content": memoryview(path.read_bytes()), "last_modified": STAMP},)
    importer.upload.value = upload
    assert len(other.responses()) == 0 and "facilitator" in importer.status.value  # import is the facilitator's
    other_session.unlock("s3cret")
    importer.upload.value = ()
    importer.upload.value = upload
    assert len(other.responses()) == len(store.responses())
    importer.upload.value = ({"name": "notes.xlsx", "type": "", "size": 3, "content": memoryview(b"abc"),
                              "last_modified": STAMP},)
    assert "notes.xlsx" in importer.status.value
    other.close()


def test_a_learner_never_sees_another_learners_name(art, data, store, monkeypatch):
    """Issue 12: the group view shows a learner aggregates only; named scores need facilitator mode."""
    for name in ("Alice", "Bob", "Carol"):
        learner = W.Session(store=store)
        learner.name.value, learner.group.value = name, "G1"
        quiz = W.Quiz(art, data, learner, "en")
        quiz.answer(quiz.question["answer"])
        quiz.check()
        W.SelfAssessment(art, learner, "en").submit_ratings()
        mapping = W.MappingEditor(art, learner, "en")
        mapping.set_mapping([("F1", "T8")] if name != "Carol" else [("F1", "T3")])
        mapping.submit_mapping()
    me = W.Session(store=store)
    me.name.value = "Dave"  # group left blank: every group, still no names
    view = W.GroupView(art, me, "en", data=data)
    view.refresh()
    shown = view.tables.value
    assert not any(name in shown for name in ("Alice", "Bob", "Carol"))
    assert "Fleiss" in shown and "Share correct" in shown
    assert view.facilitator_tools.layout.display == "none"
    monkeypatch.setattr(orl.settings, "facilitator_code", "s3cret")
    me.unlock("s3cret")
    assert view.facilitator_tools.layout.display == ""
    view.refresh()
    assert all(name in view.tables.value for name in ("Alice", "Bob", "Carol"))


def test_quiz_scores_the_first_attempt_and_can_be_chosen(art, data, session, store):
    quiz = W.Quiz(art, data, session, "en", part="P3", questions=3)
    assert len(quiz.questions) == 3 and set(quiz.questions["part_id"]) == {"P3"}
    quiz.go(next(i for i, t in enumerate(quiz.questions["qtype"]) if t == "choice"))
    key = quiz.question["answer"]
    quiz.answer("1" if key != "1" else "2")
    assert not quiz.check()
    quiz.answer(key)
    assert quiz.check()  # right now, but the first attempt counts
    assert quiz.results[quiz.question["question_id"]] is False
    assert "first attempt: ✗" in quiz.result.value and "0/1" in quiz.score.value
    first = ex.quiz_first_attempts(store.responses("quiz"), data.quiz)
    assert first["correct"].tolist() == [False]  # the stored record agrees: first attempt, recomputed
    with pytest.raises(ValueError, match="no quiz questions for part 'P9'"):
        W.Quiz(art, data, session, "en", part="P9")


def test_discussion_deck_hides_facilitator_notes_from_learners(art, data, session, monkeypatch):
    deck = W.DiscussionDeck(art, data, session, "en")
    note = data.prompts["note_en"].iloc[0]
    assert note not in deck.prompt.value
    monkeypatch.setattr(orl.settings, "facilitator_code", "s3cret")
    session.unlock("s3cret")
    assert safe(note) in deck.prompt.value and "Model answer" in deck.prompt.value
    session.lock()
    assert safe(note) not in deck.prompt.value


def test_language_toggle_switches_every_exercise(art, data, session):
    explorer, quiz = W.Explorer(art, session, "zh"), W.Quiz(art, data, session, "zh")
    toggle = W.language_toggle([explorer, quiz, session], value="zh")
    toggle.value = "en"
    assert explorer.language == quiz.language == "en"
    assert quiz.check_button.description == "Check" and session.name.description == "Name"
    toggle.value = "zh"
    assert quiz.check_button.description == "核对"


def test_kappa_is_a_named_measure():
    a = pd.DataFrame([[1, 0], [0, 1]])
    assert ex.cohens_kappa(a, a) == 1.0
    assert ex.cohens_kappa(a, 1 - a) == -1.0
    with pytest.raises(ValueError, match="shape"):
        ex.cohens_kappa(a, pd.DataFrame([[1]]))


def test_foreign_store_file_gives_a_message_not_a_traceback(art, tmp_path, monkeypatch):
    foreign = tmp_path / "responses.sqlite"
    foreign.write_text("not a database", encoding="utf-8")
    monkeypatch.setattr(orl.settings, "store_path", foreign)
    session = W.Session()
    session.name.value = "Zhang"
    editor = W.MappingEditor(art, session, "en")
    assert editor.submit_mapping() is False
    assert str(foreign) in editor.status.value
    assert foreign.read_text(encoding="utf-8") == "not a database"


@pytest.mark.parametrize(("plan", "total"), [("45", 45), ("90", 90)])
def test_session_plans_add_up(data, plan, total):
    steps = ex.session_plan(data, plan)
    assert steps["minutes"].sum() == total
    assert steps["starts_at"].iloc[0] == 0 and steps["starts_at"].is_monotonic_increasing


def test_session_plans_name_real_notebooks(data):
    from pathlib import Path

    notebooks = {p.stem for p in (Path(__file__).resolve().parent.parent / "notebooks" / "source").glob("*.ipynb")}
    assert set(data.session_plans["notebook"]) <= notebooks | {"04_bring_your_own_article"}
    with pytest.raises(ValueError, match="no session plan"):
        ex.session_plan(data, "120")


def test_article_loader_sample_paste_upload():
    loaded = []
    loader = W.ArticleLoader(on_load=loaded.append, language="en")
    first = W.samples()["path"].iloc[0]
    loader.sample.value = first
    assert loader.article is not None and len(loader.article.items) > 0 and loaded == [loader.article]
    assert loader.load_text("   ") is None and "empty" in loader.status.value
    pasted = f"标题\n一、要求\n一是加强领导。\n二是狠抓落实。{EVIL}"
    article = loader.load_text(pasted)
    assert article is not None and article.items["headline_zh"].tolist() == ["加强领导", "狠抓落实"]
    assert loader.text.value == pasted  # what the learner pasted stays in the box
    loader.load_text("没有任何序号的一段话。")
    assert "flat" in loader.status.value
    loader.upload.value = ({"name": "gbk.txt", "type": "text/plain", "size": 10, "last_modified": STAMP,
                            "content": memoryview("题目\n一、要求\n一是加强领导。".encode("gbk"))},)
    assert loader.article.items["headline_zh"].tolist() == ["加强领导"]
    loader.upload.value = ({"name": "photo.png", "type": "image/png", "size": 4, "last_modified": STAMP,
                            "content": memoryview(b"\x89PNG")},)
    assert "photo.png" in loader.status.value and "⚠" in loader.status.value


def test_suggestion_review_accept_reject_and_store(art, session, store):
    from office_roles import compare

    sample = orl.load_article(W.samples()["path"].iloc[0])
    suggestions = compare.suggest_links(sample, art)
    assert len(suggestions) > 1 and (suggestions["label"] == "suggestion").all()
    review = W.SuggestionReview(sample, suggestions, session, "both")
    review.decide(0, "accept")
    review.decide(1, "reject")
    accepted = review.accepted()
    assert len(accepted) == 1 and accepted["function_id"].iloc[0] == suggestions["function_id"].iloc[0]
    review.set_language("en")
    assert review.decisions()["decision"].tolist()[:2] == ["accept", "reject"]
    click(review.submit_button)
    saved = store.responses("suggestions")["answer"].iloc[0]
    assert [d["decision"] for d in saved["decisions"]] == ["accept", "reject"]


def test_repeated_widgets_share_one_layout_and_style(art, data, store):
    """The mapping grid, the scenario boxes and the sliders bring one layout and one style model each, not one per
    widget: every model is fetched and built by each visitor's page."""
    session = W.Session(store=store)
    groups = [W.MappingEditor(art, session).toggles.values(), W.Scenarios(art, data, session).boxes.values(),
              W.SelfAssessment(art, session).sliders.values()]
    for widgets in groups:
        widgets = list(widgets)
        assert len(widgets) > 3
        assert len({id(x.layout) for x in widgets}) == 1 and len({id(x.style) for x in widgets}) == 1
    sliders = list(groups[2])
    assert sliders[0].style.description_width == "150px" and sliders[0].layout.width == "420px"


@pytest.mark.parametrize(("language", "shown", "hidden"),
                         [("en", "self-discipline", "自律"), ("zh", "自律", "self-discipline")])
def test_group_view_names_the_self_assessment_scales_in_the_readers_language(art, data, store, language, shown,
                                                                             hidden):
    dims = ex.self_assessment_dimensions(art)["dimension"]
    for n, name in enumerate(["甲", "乙", "丙"]):  # three people: the group's means are shown
        store.submit(name, "一组", "self_assessment", {"ratings": {d: 3 + n % 2 for d in dims}})
    group = W.GroupView(art, W.Session(store=store), language=language, data=data)
    group.refresh()
    html = group.tables.value
    assessment = html[html.index(f"<h4>{term('assessment_by_group', language)}</h4>"):]
    assert shown in assessment and hidden not in assessment, assessment
