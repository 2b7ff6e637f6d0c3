"""The exercise data package (data/exercises): schema, verbatim quotes, ids, quiz keys and coverage."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from office_roles import exercises as ex
from office_roles.curated import CuratedDataError, text_sha256, validate_package

ROOT = Path(__file__).resolve().parent.parent
EXERCISES = ROOT / "data" / "exercises"
SEP = " | "
PARTS = ["P1", "P2", "P3"]
# A Chinese quote in prose columns sits between “ and ” and must be verbatim; the article nests none.
QUOTED = re.compile(r"“([^“”]*)”")
PROSE_COLUMNS = {
    "quiz": ["explanation_en", "explanation_zh"],
    "scenarios": ["feedback_en", "feedback_zh"],
    "prompts": ["note_en", "note_zh", "model_answer_en", "model_answer_zh"],
}
MARKERS = {"quiz": ("explanation_en", "explanation_zh"), "scenarios": ("feedback_en", "feedback_zh"),
           "prompts": ("model_answer_en", "model_answer_zh")}
IGNORED = re.compile(r"[\s,.;:!?，。；：！？、“”‘’\"'()（）]")



@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    validate_package(EXERCISES)
    meta = json.loads((EXERCISES / "datapackage.json").read_text(encoding="utf-8"))
    return {r["name"]: pd.read_csv(EXERCISES / r["path"], dtype=str, keep_default_na=False) for r in meta["resources"]}


def numbers(cell: str) -> list[int]:
    return [int(x) for x in cell.split(",")]


def ids(cell: str) -> list[str]:
    return [x for x in cell.split(",") if x]


# ---------------------------------------------------------------- the package as a whole


def test_package_is_valid():
    validate_package(EXERCISES)


def test_package_is_tied_to_this_article(art):
    meta = json.loads((EXERCISES / "datapackage.json").read_text(encoding="utf-8"))
    assert meta["office_roles"]["article_sha256"] == text_sha256(art.text)
    assert [r["name"] for r in meta["resources"]] == ["quiz", "scenarios", "prompts", "session_plans"]
    for resource in meta["resources"]:
        assert resource["schema"]["fieldsMatch"] == "equal"
        assert resource["schema"]["primaryKey"]


@pytest.mark.parametrize("name", ["quiz.csv", "scenarios.csv", "prompts.csv", "session_plans.csv"])
def test_csv_is_utf8_with_lf_line_endings(name):
    raw = (EXERCISES / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    assert b"\r" not in raw, "LF line endings only"
    raw.decode("utf-8")


# resource, row to break (1-based data row), column, bad value → words the error must contain
BROKEN = [
    ("quiz", 1, "qtype", "essay", "constraint"),
    ("quiz", 3, "part_id", "P4", "constraint"),
    ("quiz", 2, "question_id", "Q01", "primary-key"),
    ("scenarios", 4, "tasks", "T11", "constraint"),
    ("scenarios", 5, "functions", "F1,T2", "constraint"),
    ("scenarios", 3, "functions_reading", "F9", "constraint"),
    ("prompts", 2, "minutes", "45", "constraint"),
    ("prompts", 1, "part_id", "P0", "constraint"),
]


@pytest.mark.parametrize(("resource", "row", "column", "value", "words"), BROKEN)
def test_schema_rejects_bad_cells(tmp_path, resource, row, column, value, words):
    folder = tmp_path / "exercises"
    shutil.copytree(EXERCISES, folder)
    path = folder / f"{resource}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
        fieldnames = list(rows[0])
    rows[row - 1][column] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fieldnames, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(CuratedDataError) as caught:
        validate_package(folder)
    message = str(caught.value)
    assert f"{resource}.csv" in message and words in message
    assert caught.value.row == row + 1  # the header is row 1


# ---------------------------------------------------------------- quotes


@pytest.mark.parametrize("name", ["quiz", "scenarios"])
def test_every_evidence_quote_is_verbatim(frames, art, name):
    missing = [(r.Index + 2, r.evidence_zh) for r in frames[name].itertuples() if r.evidence_zh not in art.text]
    assert not missing, f"{name}.csv rows not verbatim: {missing}"
    assert (frames[name]["evidence_zh"].str.len() >= 4).all()


@pytest.mark.parametrize("name", sorted(PROSE_COLUMNS))
def test_every_chinese_quote_in_prose_is_verbatim(frames, art, name):
    problems = []
    for column in PROSE_COLUMNS[name]:
        for row, cell in enumerate(frames[name][column], start=2):
            assert cell.count("“") == cell.count("”"), f"{name}.csv row {row} {column}: unbalanced quotes"
            problems += [(row, column, q) for q in QUOTED.findall(cell) if q not in art.text]
    assert not problems, f"{name}.csv quotes not verbatim: {problems}"


@pytest.mark.parametrize("name", sorted(MARKERS))
def test_interpretations_are_marked_in_both_languages(frames, name):
    en, zh = MARKERS[name]
    for row, (text_en, text_zh) in enumerate(zip(frames[name][en], frames[name][zh], strict=True), start=2):
        assert ("A reading:" in text_en) == ("解读:" in text_zh), f"{name}.csv row {row}"


# ---------------------------------------------------------------- ids


def test_ids_are_numbered_in_sequence(frames):
    for name, column, prefix in [("quiz", "question_id", "Q"), ("scenarios", "scenario_id", "S"),
                                 ("prompts", "prompt_id", "D")]:
        expected = [f"{prefix}{i:02d}" for i in range(1, len(frames[name]) + 1)]
        assert list(frames[name][column]) == expected


def test_part_ids_exist(frames, art):
    parts = set(art.parts["part_id"])
    assert set(frames["quiz"]["part_id"]) <= parts
    assert set(frames["prompts"]["part_id"]) - {"ALL"} <= parts


def test_scenario_ids_exist_in_the_article(frames, art):
    kind = dict(zip(art.items["item_id"], art.items["kind"], strict=True))
    for s in frames["scenarios"].itertuples():
        functions, tasks = ids(s.functions) + ids(s.functions_reading), ids(s.tasks)
        assert tasks or functions, s.scenario_id
        assert all(kind.get(f) == "function" for f in functions), (s.scenario_id, functions)
        assert all(kind.get(t) in {"task", "requirement"} for t in tasks), (s.scenario_id, tasks)
        assert len(set(functions)) == len(functions) and len(set(tasks)) == len(tasks), s.scenario_id


def test_scenario_keys_follow_the_explicit_links(frames, art):
    """The scored key (functions) holds every function an explicit link gives a key task, and only functions
    the text gives (an explicit link, or the function's own paragraph quoted in the feedback); the editors'
    reading (functions_reading) holds only interpretive links of the key tasks, never a stated one."""
    problems = [p for _, s in frames["scenarios"].iterrows() for p in ex.scenario_key_problems(art, s)]
    assert not problems


def test_a_scenario_with_key_tasks_names_a_function_in_one_layer(frames):
    for s in frames["scenarios"].itertuples():
        if any(t.startswith("T") for t in ids(s.tasks)):
            assert ids(s.functions) or ids(s.functions_reading), s.scenario_id


def test_feedback_marks_the_reading_when_the_key_has_one(frames):
    for s in frames["scenarios"].itertuples():
        if ids(s.functions_reading):
            assert "A reading" in s.feedback_en and "解读" in s.feedback_zh, s.scenario_id


@pytest.mark.parametrize(("scenario_id", "functions", "reading", "words"), [
    ("S13", "F1", "", ["F2: the article links it", "F4: the article links it"]),  # research serves all three
    ("S06", "F1", "", ["F2: the article links it", "F4: the article links it"]),
    ("S10", "F2", "", ["F2: scored as the text, but only the editors' reading"]),  # letters: no stated function
    ("S07", "", "F4", ["F4: the article states this link"]),  # coordination work → coordination is stated
    ("S02", "F2", "F2", ["F2: listed both"]),
    ("S07", "F4", "F1", ["F1: no link of the curated layer"]),
    ("S03", "F4", "F1,F3", ["F4: scored as the text, but only the editors' reading"]),
])
def test_key_check_catches_a_key_that_contradicts_the_links(frames, art, scenario_id, functions, reading, words):
    row = frames["scenarios"].set_index("scenario_id", drop=False).loc[scenario_id].copy()
    row["functions"], row["functions_reading"] = functions, reading
    problems = "\n".join(ex.scenario_key_problems(art, row))
    assert all(w in problems for w in words), problems


# ---------------------------------------------------------------- quiz keys


def test_options_have_the_same_count_in_both_languages(frames):
    for q in frames["quiz"].itertuples():
        if q.qtype == "fill":
            assert q.options_zh == "" and q.options_en == "", q.question_id
            continue
        zh, en = q.options_zh.split(SEP), q.options_en.split(SEP)
        assert len(zh) == len(en) >= 3, q.question_id
        assert len(set(zh)) == len(zh) and len(set(en)) == len(en), q.question_id
        assert all(o.strip() == o and o for o in zh + en), q.question_id


def test_answers_fit_the_options(frames):
    for q in frames["quiz"].itertuples():
        n = len(q.options_zh.split(SEP)) if q.options_zh else 0
        if q.qtype == "choice":
            assert re.fullmatch(r"[1-9][0-9]*", q.answer) and 1 <= int(q.answer) <= n, q.question_id
        elif q.qtype == "multi":
            chosen = numbers(q.answer)
            assert all(1 <= c <= n for c in chosen), q.question_id
            assert len(set(chosen)) == len(chosen) >= 2 and len(chosen) < n, q.question_id
            assert chosen == sorted(chosen), q.question_id
        elif q.qtype == "order":
            sequence = numbers(q.answer)
            assert sorted(sequence) == list(range(1, n + 1)), q.question_id
            assert sequence != list(range(1, n + 1)), f"{q.question_id}: the options are not shuffled"
        else:
            accepted = [IGNORED.sub("", a) for a in q.answer.split(SEP)]
            assert all(accepted) and len(set(accepted)) == len(accepted), q.question_id
            assert all(re.fullmatch(r"[\u4e00-\u9fff]+", a) for a in accepted), q.question_id


def test_fill_answers_are_in_the_evidence_and_blanked_in_the_prompt(frames):
    for q in frames["quiz"][frames["quiz"]["qtype"] == "fill"].itertuples():
        assert "____" in q.prompt_zh, q.question_id
        evidence = IGNORED.sub("", q.evidence_zh)
        assert any(IGNORED.sub("", a) in evidence for a in q.answer.split(SEP)), q.question_id


def test_choice_answers_vary(frames):
    keys = frames["quiz"].loc[frames["quiz"]["qtype"] == "choice", "answer"]
    assert keys.nunique() >= 3


# ---------------------------------------------------------------- counts and coverage


def test_quiz_counts(frames):
    quiz = frames["quiz"]
    assert len(quiz) >= 22
    counts = quiz["qtype"].value_counts()
    assert counts.get("choice", 0) >= 5 and counts.get("fill", 0) >= 5
    assert counts.get("order", 0) >= 3 and counts.get("multi", 0) >= 3


def test_quiz_covers_every_part(frames):
    counts = frames["quiz"]["part_id"].value_counts()
    assert all(counts.get(p, 0) >= 3 for p in PARTS), counts.to_dict()


def test_scenario_count(frames):
    assert len(frames["scenarios"]) >= 14


def test_prompts_per_part(frames):
    counts = frames["prompts"]["part_id"].value_counts()
    assert all(counts.get(p, 0) >= 3 for p in PARTS), counts.to_dict()
    assert counts.get("ALL", 0) >= 2


def test_every_function_task_and_requirement_is_practised(frames, art):
    """Each function, key task and requirement of the article turns up in at least one scenario."""
    used = set()
    for s in frames["scenarios"].itertuples():
        used |= set(ids(s.functions)) | set(ids(s.functions_reading)) | set(ids(s.tasks))
    assert not set(art.items["item_id"]) - used, sorted(set(art.items["item_id"]) - used)


# ---------------------------------------------------------------- session plans follow the reading


def test_no_exercise_before_the_functions_and_the_tasks_are_read(frames):
    """Mapping functions to tasks (and every other exercise or figure on them) needs part 一 (the functions)
    and part 二 (the tasks) read first; a reading step says which parts it covers."""
    plans = frames["session_plans"].astype({"step": int})
    for plan, steps in plans.groupby("plan"):
        read: set[str] = set()
        for step in steps.sort_values("step").itertuples():
            if step.kind == "reading":
                assert ids(step.parts_read), (plan, step.step)
                read |= set(ids(step.parts_read))
            elif step.kind not in {"welcome"}:
                assert {"P1", "P2"} <= read, f"plan {plan}, step {step.step} ({step.kind}) before part 二 is read"
            if step.kind != "reading":
                assert step.parts_read == "", (plan, step.step)
        assert "mapping" in set(steps["kind"]), plan


def test_the_deck_is_the_main_part_of_the_90_minute_plan(frames):
    """The instructor guide calls the discussion deck the main part of a 90-minute session: it gets the
    longest step, and at least a third of the session."""
    steps = frames["session_plans"].query("plan == '90'").astype({"minutes": int})
    longest = steps.loc[steps["minutes"].idxmax()]
    assert longest["kind"] == "deck" and (steps["kind"] == "deck").sum() == 1
    assert 3 * longest["minutes"] >= steps["minutes"].sum()


# ---------------------------------------------------------------- model answers


@pytest.mark.parametrize(("column", "opening", "marker"), [("model_answer_en", "The article", "A reading:"),
                                                           ("model_answer_zh", "原文", "解读")])
def test_every_prompt_has_a_model_answer_that_quotes_the_article_first(frames, art, column, opening, marker):
    """What the article says comes first, with at least one verbatim quote of four characters or more; the
    editors' reading, if any, follows and is marked."""
    for prompt in frames["prompts"].itertuples():
        answer = getattr(prompt, column)
        assert answer.startswith(opening), (prompt.prompt_id, column)
        text_part = answer.split(marker)[0]
        quotes = [q for q in QUOTED.findall(text_part) if len(q) >= 4]
        assert quotes and all(q in art.text for q in quotes), (prompt.prompt_id, column)
