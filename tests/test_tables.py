"""The table views the notebooks show."""

import pandas as pd
import pytest

import office_roles as orl
from office_roles import tables


def test_item_overview(art):
    overview = tables.item_overview(art)
    assert overview.index.tolist()[:4] == ["F1", "F2", "F3", "F4"]
    assert overview.loc["T3", "label_en"] == "investigation and research"


def test_length_by_kind_adds_up(art):
    stats = tables.length_by_kind(art)
    assert stats.index.tolist() == ["function", "task", "requirement"]
    assert stats["items"].tolist() == [4, 10, 4]
    assert stats["total"].sum() == art.items["chars"].sum()


@pytest.mark.parametrize("language", ["zh", "en", "both"])
def test_list_summary_languages(art, language):
    summary = tables.list_summary(art, language=language)
    assert len(summary) == art.lists["list_id"].nunique()
    assert ("elements_zh" in summary) == (language != "en")
    assert ("elements_en" in summary) == (language != "zh")


def test_list_summary_joins_clauses_with_semicolon(art):
    summary = tables.list_summary(art, language="zh")
    counted = summary[summary["list_type"] == "counted"]["elements_zh"].tolist()
    assert "及时；准确、客观、真实；有用、有效" in counted
    assert "内容关、政策关、法规关、格式关、保密关" in summary["elements_zh"].tolist()


def test_links_table_names(art):
    links = tables.links_table(art)
    row = links[(links["task_id"] == "T4") & (links["function_id"] == "F3")].iloc[0]
    assert (row["task_zh"], row["function_zh"], row["function_en"]) == ("信息", "耳目", "eyes and ears")


def test_tasks_per_function(art):
    counts = tables.tasks_per_function(art)
    assert counts.index.tolist() == ["F1", "F2", "F3", "F4"]
    assert counts["total"].sum() == len(art.links)
    assert (counts["explicit"] + counts["interpretive"] == counts["total"]).all()


def test_sentences_containing(art):
    found = tables.sentences_containing(art, "调查研究")
    assert len(found) == 3 and found["item_id"].eq("T3").all()


def test_bilingual_labels(art):
    zh, en = art.items["label_zh"], art.items["label_en"]
    assert tables.bilingual(zh, en, "zh").iloc[0] == "参谋"
    assert tables.bilingual(zh, en, "en").iloc[0] == "advising"
    assert tables.bilingual(zh, en, "both").iloc[0] == "参谋 · advising"
    other = orl.article_from_text("题目\n一、要求\n一是加强领导。")
    assert tables.bilingual(other.items["label_zh"], other.items["label_en"], "en").iloc[0] == "领导"


# Articles with nothing to tabulate (issue 13, D16): every view is an empty table with its usual columns.
SPARSE_TEXTS = {
    "no parts": "a",
    "no items": "题目\n一、总体要求\n正文。",
    "no lists or links": "题目\n一、主要职能\n一是当好参谋。\n二、主要任务\n一是加强领导。",
}


@pytest.fixture(scope="module", params=list(SPARSE_TEXTS), ids=list(SPARSE_TEXTS))
def sparse(request):
    art = orl.article_from_text(SPARSE_TEXTS[request.param])
    assert art.lists.empty and art.links.empty
    return art


@pytest.mark.parametrize("language", ["zh", "en", "both"])
def test_list_summary_without_lists(sparse, art, language):
    summary = tables.list_summary(sparse, language=language)
    usual = tables.list_summary(art, language=language)
    assert summary.empty
    assert summary.columns.tolist() == usual.columns.tolist() and summary.index.name == usual.index.name == "list_id"
    assert summary["size"].dtype == usual["size"].dtype


def test_every_view_of_a_sparse_article_keeps_its_columns(sparse, art):
    views = {
        "item_overview": tables.item_overview,
        "length_by_kind": tables.length_by_kind,
        "links_table": tables.links_table,
        "tasks_per_function": tables.tasks_per_function,
        "sentences_containing": lambda a: tables.sentences_containing(a, "领导"),
        "role_task_matrix": tables.role_task_matrix,
    }
    for name, view in views.items():
        result, usual = view(sparse), view(art)
        assert isinstance(result, pd.DataFrame), name
        assert result.index.name == usual.index.name, name
        if name == "role_task_matrix":  # columns are the article's own tasks
            assert result.columns.tolist() == sparse.task_ids() and result.index.tolist() == sparse.function_ids()
        else:
            assert result.columns.tolist() == usual.columns.tolist(), name


def test_sparse_article_counts(sparse):
    counts = tables.tasks_per_function(sparse)
    assert counts.index.tolist() == sparse.function_ids()
    assert (counts[["explicit", "interpretive", "total"]] == 0).all().all()
    assert tables.length_by_kind(sparse)["items"].sum() == len(sparse.items)


def test_for_reader_drops_english_columns_for_a_chinese_reader_only(art):
    table = tables.item_overview(art)
    zh = tables.for_reader(table, "zh")
    assert "label_zh" in zh.columns and not [c for c in zh.columns if c.endswith("_en")]
    assert list(zh.index) == list(table.index)
    for language in ("en", "both"):
        assert tables.for_reader(table, language).equals(table)


def test_english_lookup_reads_the_words_of_the_articles_own_layer(art):
    """The plain words come with the curated layer the article was matched with, not from a fixed folder."""
    import dataclasses

    from office_roles.curated import load_curated

    layer = load_curated(orl.settings.data_dir / "curated")
    assert art.words.values.tolist() == layer.words[["zh", "en"]].values.tolist()
    lookup = tables.english_lookup(art)
    assert all(lookup[zh] == en for zh, en in zip(art.glossary["zh"], art.glossary["en"], strict=True) if en)
    own = dataclasses.replace(art, words=pd.DataFrame({"zh": ["测试词"], "en": ["test word"]}))
    assert tables.english_lookup(own)["测试词"] == "test word"
    assert "测试词" not in lookup
    other = orl.article_from_text("一、总体要求\n一是做好服务。二是加强协调。")
    assert other.words.empty and not other.curated


def test_for_reader_gives_each_edition_the_editors_prose_in_its_own_language(art):
    table = art.items[["item_id", "headline_zh", "headline_en", "summary_en", "summary_zh"]]
    assert list(tables.for_reader(table, "zh").columns) == ["item_id", "headline_zh", "summary_zh"]
    # The article's own Chinese (the headline) stays beside its English; the editors' Chinese summary does not.
    assert list(tables.for_reader(table, "en").columns) == ["item_id", "headline_zh", "headline_en", "summary_en"]
    assert tables.for_reader(table, "both").equals(table)
    glossary = tables.for_reader(art.glossary, "zh")
    assert "note_zh" in glossary and "note_en" not in glossary and "en" in glossary  # the English term stays
    assert "note_zh" not in tables.for_reader(art.glossary, "en")
