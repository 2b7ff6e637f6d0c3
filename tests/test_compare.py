"""Comparing an article with the seed: structure, shared vocabulary, suggested function links, the lexicon."""

from __future__ import annotations

import math
import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import office_roles as orl
from office_roles.compare import (
    SUGGESTION_COLUMNS,
    compare_structure,
    function_lexicon,
    shared_vocabulary,
    suggest_links,
)
from office_roles.errors import CuratedDataError
from office_roles.language import words
from office_roles.settings import REPO_ROOT

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


@pytest.fixture(scope="module")
def seed():
    return orl.load_article()


@pytest.fixture(scope="module")
def forum():
    return orl.load_article(SAMPLES / "03_forum_post.txt")


@pytest.fixture(scope="module")
def flat():
    return orl.article_from_text("这是一段没有任何序号的文字。它只有两句。")


def test_structure_of_the_seed_against_itself(seed):
    table = compare_structure(seed, seed)
    assert list(table.columns) == ["this article", "seed"]  # same title twice
    assert table.index.name == "measure"
    column = table["seed"]
    assert column["characters"] == 2959 and column["parts"] == 3 and column["items"] == 18
    assert (column["items: function"], column["items: task"], column["items: requirement"]) == (4, 10, 4)
    assert column["inline lists"] == 35
    assert sum(column[f"lists: {kind}"] for kind in ("series", "four_char", "checkpoints", "counted",
                                                     "ordinal")) == 35
    assert column["mean item length (characters)"] == round(seed.items["chars"].mean(), 1)
    assert table["this article"].equals(table["seed"])


def test_structure_of_a_sample(forum, seed):
    table = compare_structure(forum)  # the seed by default
    assert list(table.columns) == ["浅谈县级党委办公室信息工作的几个问题", "党委办公厅(室)要找准定位谋发展"]
    mine = table.iloc[:, 0]
    assert mine["characters"] == len(forum.text) and mine["parts"] == 3 and mine["items"] == 9
    assert mine["lists: series"] == 6 and mine["lists: counted"] == 1 and mine["outline depth"] == 2
    assert isinstance(mine["items"], int)  # counts stay integers next to the mean


def test_structure_of_a_flat_text(flat, seed):
    mine = compare_structure(flat, seed).iloc[:, 0]
    assert mine["items"] == 0 and mine["parts"] == 0 and mine["inline lists"] == 0 and mine["outline depth"] == 0
    assert math.isnan(mine["mean item length (characters)"])


def test_shared_vocabulary(forum, seed):
    table = shared_vocabulary(forum, seed, top=15)
    assert list(table.columns) == ["word", "count_a", "count_b"] and len(table) == 15
    counts_a, counts_b = Counter(words(forum.text)), Counter(words(seed.text))
    for row in table.itertuples(index=False):
        assert row.word in forum.text and row.word in seed.text
        assert (row.count_a, row.count_b) == (counts_a[row.word], counts_b[row.word])
    smaller = [min(a, b) for a, b in zip(table["count_a"], table["count_b"], strict=True)]
    assert smaller == sorted(smaller, reverse=True)
    assert "信息" in set(table["word"])


def test_shared_vocabulary_edge_cases(flat, seed):
    assert shared_vocabulary(flat, seed).columns.tolist() == ["word", "count_a", "count_b"]
    with pytest.raises(ValueError, match="top must be at least 1"):
        shared_vocabulary(seed, seed, top=0)


def test_suggestions_on_the_seed(seed):
    table = suggest_links(seed, seed)
    assert list(table.columns) == SUGGESTION_COLUMNS
    assert set(table["label"]) == {"suggestion"}
    by_item = table.groupby("item_id")["function_id"].apply(list)
    assert "F1" in by_item["T8"]  # 参谋工作
    assert "F4" in by_item["T7"]  # 协调工作
    assert by_item["T8"][0] == "F1" and by_item["T7"][0] == "F4"  # and first, by score
    assert by_item["T4"][0] == "F3"  # 信息工作 → 耳目
    for function_id in ("F1", "F2", "F3", "F4"):
        assert by_item[function_id][0] == function_id  # each function item points to itself first
    names = dict(zip(table["function_id"], table["function_zh"], strict=False))
    assert names == {"F1": "参谋", "F2": "服务", "F3": "耳目", "F4": "协调"}


def test_triggers_occur_in_the_item_text(seed, forum):
    for art in (seed, forum):
        texts = art.items.set_index("item_id")["text_zh"]
        table = suggest_links(art)
        assert len(table) > 0
        for row in table.itertuples(index=False):
            triggers = row.triggers.split("、")
            assert triggers and all(trigger in texts[row.item_id] for trigger in triggers)
            assert row.score >= len(triggers)


def test_suggestions_are_ordered_and_skip_items_without_triggers(seed):
    table = suggest_links(seed)
    order = {item_id: i for i, item_id in enumerate(seed.items["item_id"])}
    positions = [order[item_id] for item_id in table["item_id"]]
    assert positions == sorted(positions)
    for _, group in table.groupby("item_id"):
        assert group["score"].tolist() == sorted(group["score"], reverse=True)
    assert "T1" not in set(table["item_id"])  # 文件制发工作 names no function keyword
    assert suggest_links(seed, min_score=5)["score"].min() >= 5


def test_suggestions_on_a_sample_and_a_flat_text(forum, flat):
    table = suggest_links(forum)
    first = table.drop_duplicates("item_id").set_index("item_id")["function_id"]
    assert (first == "F3").all()  # an article about information work: 耳目 everywhere
    empty = suggest_links(flat)
    assert empty.empty and list(empty.columns) == SUGGESTION_COLUMNS


def test_reference_must_have_the_function_items(forum):
    with pytest.raises(ValueError, match="no items"):
        suggest_links(forum, reference=forum)


def test_lexicon_is_well_formed(seed):
    lexicon = function_lexicon()
    assert list(lexicon.columns) == ["function_id", "label_zh", "keyword", "note_en", "note_zh"]
    sizes = lexicon.groupby("function_id").size()
    assert list(sizes.index) == ["F1", "F2", "F3", "F4"]
    assert all(8 <= size <= 15 for size in sizes)
    assert not lexicon["keyword"].duplicated().any()
    labels = lexicon.drop_duplicates("function_id").set_index("function_id")["label_zh"]
    seed_labels = seed.items.set_index("item_id")["label_zh"]
    assert all(labels[f] == seed_labels[f] for f in labels.index)
    assert lexicon["note_en"].str.len().gt(10).all()
    # A keyword is from the seed article unless its note says otherwise.
    for row in lexicon.itertuples(index=False):
        if "not in the seed article" not in row.note_en:
            assert row.keyword in seed.text, row.keyword
        assert ("not in the seed article" in row.note_en) == ("范文中没有出现" in row.note_zh), row.keyword


def test_lexicon_is_data_not_code(tmp_path, monkeypatch, seed):
    folder = tmp_path / "data"
    (folder / "lexicon").mkdir(parents=True)
    shutil.copy(REPO_ROOT / "data" / "lexicon" / "datapackage.json", folder / "lexicon")
    lexicon = pd.DataFrame([{"function_id": "F2", "label_zh": "服务", "keyword": "文件", "note_en": "test",
                             "note_zh": "测试"}])
    lexicon.to_csv(folder / "lexicon" / "function_lexicon.csv", index=False)
    monkeypatch.setattr(orl.settings, "data_dir", folder)
    table = suggest_links(seed, seed)
    assert set(table["function_id"]) == {"F2"} and set(table["triggers"]) == {"文件"}


def test_a_malformed_lexicon_names_file_row_and_field(tmp_path, monkeypatch, seed):
    folder = tmp_path / "data"
    (folder / "lexicon").mkdir(parents=True)
    shutil.copy(REPO_ROOT / "data" / "lexicon" / "datapackage.json", folder / "lexicon")
    (folder / "lexicon" / "function_lexicon.csv").write_text(
        "function_id,label_zh,keyword,note_en,note_zh\nF2,服务,文件,ok,好\nX9,服务,会议,bad id,错\n", encoding="utf-8"
    )
    monkeypatch.setattr(orl.settings, "data_dir", folder)
    monkeypatch.setattr(orl.settings, "cache_dir", None)
    with pytest.raises(CuratedDataError, match=r"function_lexicon.csv, row 3, field 'function_id'"):
        function_lexicon()


def test_suggestions_for_the_seed_tasks_follow_the_curated_links(seed):
    """The lexicon suggests for a key task of the seed only functions that links.csv gives that task (stated or
    read), so notebook 04 carries no link into another text that the seed does not support."""
    linked = set(zip(seed.links["task_id"], seed.links["function_id"], strict=True))
    table = suggest_links(seed)
    tasks = table[table["item_id"].str.startswith("T")]
    unsupported = [(r.item_id, r.function_id, r.triggers) for r in tasks.itertuples()
                   if (r.item_id, r.function_id) not in linked]
    assert not unsupported


def test_a_task_name_as_keyword_points_only_to_its_primary_function(seed):
    """督查 (supervision) names a task, not a function: as a keyword it may point only where links.csv puts that
    task's primary function; the 督查 paragraph never mentions 协调, so 督查 must not suggest coordination."""
    lexicon = function_lexicon()
    primary = seed.links[seed.links["strength"] == "primary"]
    primary_of = set(zip(primary["task_id"], primary["function_id"], strict=True))
    tasks = seed.items[seed.items["kind"] == "task"]
    for task in tasks.itertuples():
        for row in lexicon[lexicon["keyword"] == task.label_zh].itertuples():
            assert (task.item_id, row.function_id) in primary_of, (task.label_zh, row.function_id)
    assert not ((lexicon["keyword"] == "督查") & (lexicon["function_id"] == "F4")).any()
    t9 = suggest_links(seed).query("item_id == 'T9'")
    assert "F4" not in set(t9["function_id"])
