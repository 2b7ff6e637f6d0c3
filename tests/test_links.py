"""The curated function-task links: what the article states is told apart from the editors' reading."""

from __future__ import annotations

import re

import pytest

import office_roles as orl

QUOTED = re.compile(r"“([^“”]*)”")
OPENINGS = {
    "explicit": ("The article states it", "原文明言"),
    "interpretive": ("A reading", "解读"),
}


@pytest.fixture(scope="module")
def art():
    return orl.load_article()


def spans(art) -> dict[str, tuple[int, int]]:
    return {r.item_id: (r.start, r.end) for r in art.items.itertuples()}


def within(art, quote: str, span: tuple[int, int]) -> bool:
    return quote in art.text[span[0]:span[1]]


def stated(art, link) -> bool:
    """The text states a link when the quoted sentence of the task names the function, or the quoted sentence
    of the function names the task (the eyes-and-ears paragraph defines the function as 信息 work)."""
    items = art.items.set_index("item_id")
    where = spans(art)
    function, task = items.loc[link.function_id, "label_zh"], items.loc[link.task_id, "label_zh"]
    in_task = within(art, link.evidence_zh, where[link.task_id]) and function in link.evidence_zh
    in_function = within(art, link.evidence_zh, where[link.function_id]) and task in link.evidence_zh
    return in_task or in_function


def test_basis_is_explicit_exactly_where_the_quote_names_the_pair(art):
    wrong = [(r.task_id, r.function_id, r.basis) for r in art.links.itertuples()
             if stated(art, r) != (r.basis == "explicit")]
    assert not wrong


def test_the_article_states_six_links(art):
    explicit = art.links[art.links["basis"] == "explicit"]
    assert set(zip(explicit["task_id"], explicit["function_id"], strict=True)) == {
        ("T3", "F1"), ("T3", "F2"), ("T3", "F4"), ("T4", "F3"), ("T7", "F4"), ("T8", "F1")}


@pytest.mark.parametrize("column", ["rationale_en", "rationale_zh"])
def test_rationales_say_whose_statement_it_is(art, column):
    index = 0 if column == "rationale_en" else 1
    wrong = [(r.task_id, r.function_id) for r in art.links.itertuples()
             if not getattr(r, column).startswith(OPENINGS[r.basis][index])]
    assert not wrong


@pytest.mark.parametrize("column", ["rationale_en", "rationale_zh"])
def test_quotes_in_rationales_are_verbatim(art, column):
    cells = art.links[column]
    assert all(cell.count("“") == cell.count("”") for cell in cells)
    missing = [q for cell in cells for q in QUOTED.findall(cell) if q not in art.text]
    assert not missing


def test_rationale_zh_is_chinese(art):
    assert art.links["rationale_zh"].str.count(r"[\u4e00-\u9fff]").gt(20).all()


def test_supervision_follows_its_paragraph(art):
    """The 督查 paragraph stresses testing decisions against reality, reporting back and proposing; it never
    mentions coordination, so coordination may not be its primary function."""
    t9 = art.links[art.links["task_id"] == "T9"].set_index("function_id")["strength"]
    assert t9["F1"] == "primary" and t9["F3"] == "primary"
    assert t9.get("F4") != "primary"
    items = art.items.set_index("item_id")
    assert "协调" not in items.loc["T9", "text_zh"]

