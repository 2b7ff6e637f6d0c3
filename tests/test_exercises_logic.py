"""Pure exercise logic with hand-computed expectations: the article's links apart from the editors' reading,
the group's own agreement (Fleiss' kappa), first-attempt quiz scoring recomputed from the key, and what a
learner may see of the group (no names) as against the facilitator's named table."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import office_roles as orl
from office_roles import exercises as ex


@pytest.fixture(scope="module")
def art():
    return orl.load_article()


def responses(rows: list[tuple]) -> pd.DataFrame:
    """Rows as the store returns them: (id, participant, group, item, answer, submitted_at)."""
    frame = pd.DataFrame(rows, columns=["id", "participant", "group", "item", "answer", "submitted_at"])
    return frame.assign(exercise="x")


# ---------------------------------------------------------------- layers


def test_layers_split_stated_links_from_the_reading(art):
    layers = ex.mapping_layers(art)
    explicit = art.links[art.links["basis"] == "explicit"]
    assert int(layers["article"].to_numpy().sum()) == len(explicit) == 6
    assert int(layers["reading"].to_numpy().sum()) == len(art.links) == 17
    assert layers["article"].at["F1", "T3"] == 1 and layers["article"].at["F2", "T5"] == 0
    assert layers["reading"].at["F2", "T5"] == 1
    assert ((layers["article"] <= layers["reading"]).all()).all()


def test_a_learner_who_marks_only_the_stated_links(art):
    """40 cells; the reading has 17 links, the article 6, the learner marks the 6.
    Against the article: identical, kappa 1. Against the reading: 29 of 40 cells agree (0.725);
    p_reading = 17/40, p_learner = 6/40, chance = .425*.15 + .575*.85 = .5525,
    kappa = (.725 - .5525) / (1 - .5525) = .1725 / .4475 = 0.38547."""
    mine = ex.mapping_layers(art)["article"].copy()
    table = ex.compare_mapping(art, mine)
    article, reading = table.loc["article"], table.loc["reading"]
    assert (article["links"], article["yours"], article["shared"]) == (6, 6, 6)
    assert article["agreement"] == 1.0 and article["kappa"] == 1.0
    assert article["missed"] == [] and article["extra"] == []
    assert (reading["links"], reading["shared"]) == (17, 6)
    assert reading["agreement"] == pytest.approx(0.725)
    assert reading["kappa"] == pytest.approx(0.1725 / 0.4475)
    assert len(reading["missed"]) == 11 and "F3-T9" in reading["missed"] and reading["extra"] == []


def test_a_reading_link_is_extra_against_the_article_only(art):
    mine = ex.mapping_layers(art)["article"].copy()
    mine.loc["F2", "T6"] = 1  # reception → service: a reading
    table = ex.compare_mapping(art, mine)
    assert table.loc["article", "extra"] == ["F2-T6"] and table.loc["reading", "extra"] == []
    assert table.loc["article", "agreement"] == pytest.approx(39 / 40)


def test_compare_mapping_rejects_a_wrong_shape(art):
    with pytest.raises(ValueError, match="shape"):
        ex.compare_mapping(art, pd.DataFrame([[1]]))


# ---------------------------------------------------------------- Fleiss' kappa


def test_fleiss_kappa_on_the_published_example():
    """Fleiss (1971) as worked in Wikipedia's "Fleiss' kappa": 10 subjects, 14 raters, 5 categories;
    P-bar = 0.378, P-bar-e = 0.213, kappa = 0.210."""
    counts = [
        [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ]
    assert ex.fleiss_kappa(counts) == pytest.approx(0.210, abs=0.0005)


def test_fleiss_kappa_by_hand():
    """Two raters, three subjects: agree, agree, split. P-bar = 2/3; categories 3/6 each, chance 1/2;
    kappa = (2/3 - 1/2) / (1/2) = 1/3."""
    assert ex.fleiss_kappa([[2, 0], [0, 2], [1, 1]]) == pytest.approx(1 / 3)
    assert math.isnan(ex.fleiss_kappa([[3, 0], [3, 0]]))  # every rating in one category: undefined
    with pytest.raises(ValueError, match="same number"):
        ex.fleiss_kappa([[2, 0], [1, 0]])


def test_group_agreement_per_cell_and_overall(art):
    """Three participants; all link F1-T3, Ann also F2-T3, Cy also F3-T4 (Ann's first mapping is replaced).
    Per cell: F2-T3 and F3-T4 have 1 of 3 linking, pairs agreeing (0 + 2*1) / (3*2) = 1/3; every other cell 1.
    Overall: P-bar = (38 + 2/3) / 40 = 29/30; 5 of 120 ratings are "linked", chance = (5^2 + 115^2) / 120^2
    = 13250/14400; kappa = (13920 - 13250) / (14400 - 13250) = 670/1150 = 67/115."""
    data = responses([
        (1, "Ann", "G1", "", {"links": [["F4", "T10"]]}, "2026-01-01T09:00:00"),
        (2, "Ann", "G1", "", {"links": [["F1", "T3"], ["F2", "T3"]]}, "2026-01-01T09:05:00"),
        (3, "Bob", "G1", "", {"links": [["F1", "T3"]]}, "2026-01-01T09:01:00"),
        (4, "Cy", "G2", "", {"links": [["F1", "T3"], ["F3", "T4"], ["F9", "T99"]]}, "2026-01-01T09:02:00"),
    ])
    kappa, cells = ex.group_agreement(art, data)
    assert kappa == pytest.approx(67 / 115)
    assert len(cells) == 40 and (cells["participants"] == 3).all()
    split = cells.head(2)
    assert set(zip(split["function_id"], split["task_id"], strict=True)) == {("F2", "T3"), ("F3", "T4")}
    assert split["agreement"].tolist() == pytest.approx([1 / 3, 1 / 3])
    assert set(split["basis"]) == {"explicit"}
    f1t3 = cells[(cells["function_id"] == "F1") & (cells["task_id"] == "T3")].iloc[0]
    assert f1t3["share_linked"] == 1.0 and f1t3["agreement"] == 1.0
    assert cells.loc[cells["function_id"].eq("F4") & cells["task_id"].eq("T10"), "linked"].item() == 0
    assert not any(name in cells.to_string() for name in ("Ann", "Bob", "Cy"))


def test_group_agreement_needs_two_people(art):
    with pytest.raises(ValueError, match="at least 2"):
        ex.group_agreement(art, responses([(1, "Ann", "G1", "", {"links": []}, "t")]))


# ---------------------------------------------------------------- scenarios


def test_scenario_feedback_scores_the_text_and_compares_the_reading():
    research = pd.Series({"functions": "F1,F2,F4", "functions_reading": "", "tasks": "T3"})
    result = ex.scenario_feedback(research, {"F1", "T3", "F3"})
    assert result["matched"] == ["F1", "T3"] and result["missed"] == ["F2", "F4"] and result["extra"] == ["F3"]
    petition = pd.Series({"functions": "", "functions_reading": "F2,F3,F4", "tasks": "T5"})
    result = ex.scenario_layers_feedback(petition, {"F2", "T5"})
    assert result["matched"] == ["T5"] and result["missed"] == [] and result["extra"] == []
    assert result["reading_shared"] == ["F2"] and result["reading_not_chosen"] == ["F3", "F4"]


# ---------------------------------------------------------------- quiz: first attempts, recomputed

QUIZ = pd.DataFrame([
    {"question_id": "Q1", "qtype": "choice", "answer": "2"},
    {"question_id": "Q2", "qtype": "fill", "answer": "事务"},
    {"question_id": "Q3", "qtype": "order", "answer": "2,1,3"},
])


@pytest.fixture()
def quiz_responses() -> pd.DataFrame:
    return responses([
        (1, "Ann", "G1", "Q1", {"given": "1", "correct": True}, "2026-01-01T09:00:00"),  # wrong, claims right
        (2, "Ann", "G1", "Q1", {"given": "2", "correct": True}, "2026-01-01T09:01:00"),  # retry after the answer
        (3, "Ann", "G1", "Q2", {"given": "事务。", "correct": False}, "2026-01-01T09:02:00"),  # right, claims wrong
        (4, "Bob", "G1", "Q1", {"given": "2"}, "2026-01-01T09:00:30"),
        (5, "Bob", "G1", "Q3", {"given": [2, 1, None], "correct": True}, "2026-01-01T09:03:00"),  # incomplete
        (6, "Cy", "G2", "Q1", {"given": "2", "correct": False}, "2026-01-01T09:05:00"),
        (7, "Cy", "G2", "Q9", {"given": "1", "correct": True}, "2026-01-01T09:06:00"),  # not in the quiz
        (8, "Dan", "G2", "Q1", {"given": "1"}, "2026-01-01T09:10:00"),
        (9, "Dan", "G2", "Q1", {"given": "2"}, "2026-01-01T09:04:00"),  # earlier in time: the first attempt
        (10, "Eve", "G2", "Q3", {"correct": True}, "2026-01-01T09:07:00"),  # no answer given at all
    ])


def test_first_attempt_counts_and_correctness_is_recomputed(quiz_responses):
    first = ex.quiz_first_attempts(quiz_responses, QUIZ).set_index(["participant", "item"])
    assert not first.loc[("Ann", "Q1"), "correct"] and first.loc[("Ann", "Q1"), "attempts"] == 2
    assert first.loc[("Ann", "Q2"), "correct"]  # punctuation ignored, stored False ignored
    assert first.loc[("Bob", "Q1"), "correct"] and not first.loc[("Bob", "Q3"), "correct"]
    assert first.loc[("Cy", "Q1"), "correct"] and ("Cy", "Q9") not in first.index
    assert first.loc[("Dan", "Q1"), "correct"]  # by submission time, not row id
    assert not first.loc[("Eve", "Q3"), "correct"]
    assert len(first) == 7


def test_facilitator_table_is_named(quiz_responses):
    table = ex.quiz_facilitator_table(quiz_responses, QUIZ).set_index("participant")
    assert table.loc["Ann", ["answered", "correct", "score", "retries"]].tolist() == [2, 1, 0.5, 1]
    assert table.loc["Bob", ["answered", "correct", "score", "retries"]].tolist() == [2, 1, 0.5, 0]
    assert table.loc["Cy", ["answered", "correct", "score"]].tolist() == [1, 1, 1.0]
    assert table.loc["Dan", "retries"] == 1 and table.loc["Eve", "score"] == 0.0


def test_learner_view_of_the_group_carries_no_names(quiz_responses):
    """Q1 first attempts: Ann wrong, Bob, Cy, Dan right: 4 answered, 3/4 correct. Q2: Ann right. Q3: Bob and
    Eve wrong. Groups: G1 = Ann .5, Bob .5 (2 people); G2 = Cy 1, Dan 1, Eve 0 (3 people, mean 2/3)."""
    view = ex.quiz_group_view(quiz_responses, QUIZ)
    questions = view["questions"].set_index("item")
    assert questions.loc["Q1", "answered"] == 4 and questions.loc["Q1", "share_correct"] == 0.75
    assert questions.loc["Q2", "share_correct"] == 1.0 and questions.loc["Q3", "share_correct"] == 0.0
    groups = view["groups"].set_index("group")
    assert groups.loc["G2", "participants"] == 3 and groups.loc["G2", "mean_score"] == pytest.approx(0.67)
    assert math.isnan(groups.loc["G1", "mean_score"])  # two people: their mean would give them away
    assert ex.quiz_group_view(quiz_responses, QUIZ, min_group=2)["groups"].set_index("group").loc[
        "G1", "mean_score"] == 0.5
    shown = "".join(frame.to_csv() for frame in view.values())
    assert not any(name in shown for name in ("Ann", "Bob", "Cy", "Dan", "Eve"))
    assert "participant" not in {*view["questions"].columns, *view["groups"].columns}


def test_empty_responses_give_empty_tables():
    empty = responses([])
    assert ex.quiz_first_attempts(empty, QUIZ).empty and ex.quiz_facilitator_table(empty, QUIZ).empty
    view = ex.quiz_group_view(empty, QUIZ)
    assert view["questions"].empty and view["groups"].empty


def test_layered_disagreements_name_both_layers(art):
    """A learner who marks the six stated links plus F1-T1 (linked by neither layer) differs from the reading on
    the 11 interpretive cells and from both layers on F1-T1: 12 rows."""
    mine = ex.mapping_layers(art)["article"].copy()
    mine.loc["F1", "T1"] = 1
    table = ex.layered_disagreements(art, mine).set_index(["function_id", "task_id"])
    assert len(table) == 12
    t9 = table.loc[("F3", "T9")]
    assert (t9["yours"], t9["article"], t9["reading"]) == ("not linked", "not stated", "primary")
    assert t9["rationale_en"].startswith("A reading") and t9["rationale_zh"].startswith("解读")
    f1t1 = table.loc[("F1", "T1")]
    assert (f1t1["yours"], f1t1["article"], f1t1["reading"], f1t1["evidence_zh"]) == (
        "linked", "not stated", "not read", "")
    assert ("F1", "T3") not in table.index  # stated, read and marked: no row


def test_self_assessment_view_withholds_small_groups():
    """G1: Ann 4 then 2 on 自律 (latest counts), Bob 4, Cy 3: mean 3.0 over 3 people. G2: Dan alone: withheld."""
    data = responses([
        (1, "Ann", "G1", "", {"ratings": {"自律": 4, "团结": 5}}, "t1"),
        (2, "Ann", "G1", "", {"ratings": {"自律": 2, "团结": 5}}, "t2"),
        (3, "Bob", "G1", "", {"ratings": {"自律": 4, "团结": 3}}, "t3"),
        (4, "Cy", "G1", "", {"ratings": {"自律": 3, "团结": 4}}, "t4"),
        (5, "Dan", "G2", "", {"ratings": {"自律": 1, "团结": 1}}, "t5"),
    ])
    table = ex.assessment_group_view(data).set_index("group")
    assert table.loc["G1", "participants"] == 3 and table.loc["G1", "自律"] == 3.0 and table.loc["G1", "团结"] == 4.0
    assert table.loc["G2", "participants"] == 1 and math.isnan(table.loc["G2", "自律"])
    assert not any(name in table.to_csv() for name in ("Ann", "Bob", "Cy", "Dan"))
    assert ex.assessment_group_view(responses([])).empty
