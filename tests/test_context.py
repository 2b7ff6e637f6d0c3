"""The editors' context package (data/context): later rules and bodies, checked against the article's tasks and
always marked as context to be checked, never as the article."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest

import office_roles as orl
from office_roles.context import load_context, rules_for_task
from office_roles.curated import CuratedDataError

CONTEXT = Path(__file__).resolve().parent.parent / "data" / "context"


@pytest.fixture(scope="module")
def art():
    return orl.load_article()


@pytest.fixture(scope="module")
def context(art):
    return load_context(art=art)


def test_the_rules_the_issue_names_are_there_with_title_body_and_date(context):
    rules = context.rules.set_index("title_zh")
    eight = rules.loc["十八届中央政治局关于改进工作作风、密切联系群众的八项规定"]
    assert eight["issuing_body_zh"] == "中共中央政治局" and eight["date"] == dt.date(2012, 12, 4)
    inspections = rules.loc["关于统筹规范督查检查考核工作的通知"]
    assert inspections["issuing_body_zh"] == "中共中央办公厅" and inspections["date"].year == 2018
    # the brief's date, and why the row differs from it, in both languages
    assert "2019" in inspections["date_note_en"] and "2019" in inspections["date_note_zh"]
    petitions = rules.loc["信访工作条例"]
    assert petitions["issuing_body_zh"] == "中共中央、国务院" and petitions["date"].year == 2022
    assert {"T6", "T10"} <= set(eight["task_ids"].split(",")) and petitions["task_ids"] == "T5"


def test_every_row_is_marked_to_be_checked_and_cited(context):
    for frame in (context.rules, context.bodies):
        assert (frame["check_status"] == "to be checked against the official text").all()
    assert context.rules["citation"].str.len().gt(20).all()
    official = context.rules["source_url"][context.rules["source_url"] != ""]
    assert len(official) >= 2 and official.str.contains(r"gov\.cn/").all()
    assert (context.bodies["basis"] == "editors' context, not the article").all()


def test_context_is_bilingual(context):
    for frame, pairs in ((context.rules, [("changes_zh", "changes_en"), ("issuing_body_zh", "issuing_body_en")]),
                         (context.bodies, [("what_zh", "what_en"), ("name_zh", "name_en")])):
        for zh, en in pairs:
            assert frame[zh].str.contains(r"[\u4e00-\u9fff]").all()
            assert frame[en].str.contains(r"[A-Za-z]{3}").all()


def test_bodies_cover_the_offices_a_teacher_needs(context):
    names = set(context.bodies["name_zh"])
    assert {"党委办公厅(室)", "政府办公厅(室)", "督查室"} <= names
    assert any(name.startswith("信访") for name in names)


def test_rules_for_a_task_in_date_order(context):
    supervision = rules_for_task(context, "T9")
    assert list(supervision["date"]) == sorted(supervision["date"]) and len(supervision) == 2
    assert rules_for_task(context, "T8").empty


def test_an_unknown_task_is_named_with_file_row_and_field(tmp_path, art):
    folder = tmp_path / "context"
    shutil.copytree(CONTEXT, folder)
    path = folder / "rules.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[1]["task_ids"] = "T5,T11"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(CuratedDataError) as caught:
        load_context(folder, art)
    assert "rules.csv" in str(caught.value) and caught.value.row == 3



def test_task_ids_are_checked_against_the_article_given():
    class FewTasks:  # an article with four key tasks only
        @staticmethod
        def task_ids() -> list[str]:
            return ["T1", "T2", "T3", "T4"]

    with pytest.raises(CuratedDataError, match="unknown task ids") as caught:
        load_context(art=FewTasks())  # type: ignore[arg-type]
    assert caught.value.field == "task_ids"
