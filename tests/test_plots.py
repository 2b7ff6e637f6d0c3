"""The figures: right content, labels in the chosen language, no missing glyphs, and no failure on a foreign
article (no English, no links)."""

from __future__ import annotations

import io
import re
import warnings

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PathCollection, QuadMesh
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.text import Text

import office_roles as orl
from office_roles import plots
from office_roles.inline_lists import LIST_TYPES
from office_roles.language import word_frequencies

FIGURES = plots.FIGURES  # the registry the CLI writes from: a new figure is tested here without an edit
OTHER_TEXT = (
    "一、总体要求\n一是加强领导。要统一思想、统一认识、统一行动。\n"
    "二是强化措施。\n二、工作任务\n一是抓好落实。"
)
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")



@pytest.fixture(scope="module")
def other() -> orl.Article:
    return orl.article_from_text(OTHER_TEXT)


def texts(fig: Figure) -> list[str]:
    """Every string drawn, after a draw so that tick labels exist."""
    FigureCanvasAgg(fig).draw()
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def render_strictly(fig: Figure) -> None:
    """Draw with Agg and export SVG with every warning an error (a missing glyph warns)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        FigureCanvasAgg(fig).draw()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg")
        assert buffer.tell() > 1000


# ----------------------------------------------------------------------------- data behind the figures


def test_matrix_is_functions_by_tasks_with_strength_levels(art):
    matrix = plots.role_task_matrix(art)
    assert matrix.shape == (4, 10)
    assert list(matrix.index) == ["F1", "F2", "F3", "F4"]
    assert list(matrix.columns) == [f"T{i}" for i in range(1, 11)]
    assert set(matrix.to_numpy().ravel()) <= {0, 1, 2}
    assert matrix.at["F1", "T8"] == 2 and matrix.at["F3", "T5"] == 1 and matrix.at["F3", "T1"] == 0
    assert (matrix > 0).sum().sum() == len(art.links)


def test_graph_is_bipartite_with_one_edge_per_link(art):
    graph = plots.role_task_graph(art)
    assert graph.number_of_nodes() == 14
    assert graph.number_of_edges() == len(art.links)
    assert nx.is_bipartite(graph)
    assert {n for n, d in graph.nodes(data=True) if d["bipartite"] == 0} == {"F1", "F2", "F3", "F4"}
    assert graph.edges["F3", "T4"]["basis"] == "explicit"


def test_shared_names_find_the_three_tasks_named_after_functions(art):
    assert plots.shared_names(art) == [("F1", "T8"), ("F3", "T4"), ("F4", "T7")]


def test_word_frequencies_per_part(art):
    freqs = word_frequencies(art, top=10)
    assert list(freqs.columns) == ["part_id", "word", "count", "rank"]
    assert set(freqs["part_id"]) == {"P1", "P2", "P3"}
    assert freqs.groupby("part_id")["rank"].apply(list).map(lambda r: r == list(range(1, 11))).all()
    assert freqs.groupby("part_id")["count"].is_monotonic_decreasing.all()
    words = set(freqs["word"])
    assert "党委办公厅" in words  # a custom word, not split into 党委 / 办公厅
    assert not words & {"的", "是", "要", "和", "一是", "必须"}
    assert all(len(w) > 1 for w in words)


def test_label_helper():
    assert plots.label("参谋", "advising", "zh") == "参谋"
    assert plots.label("参谋", "advising", "en") == "advising"
    assert plots.label("参谋", "advising", "both") == "参谋 / advising"
    assert plots.label({"label_zh": "参谋", "label_en": None}, language="both") == "参谋"
    assert plots.label("参谋", None, "en") == "cān móu"
    assert not CJK.search(plots.romanize("党委办公厅(室)要“找准”定位、谋发展。"))


# ----------------------------------------------------------------------------- figure content


def test_heatmap_has_one_cell_per_function_and_task(art):
    fig = plots.role_task_heatmap(art, language="both")
    meshes = fig.findobj(QuadMesh)
    assert len(meshes) == 1 and meshes[0].get_array().size == 40
    drawn = texts(fig)
    letters = [t for t in drawn if t in {"E", "I"}]
    assert len(letters) == len(art.links)
    assert letters.count("E") == (art.links["basis"] == "explicit").sum()


def test_network_draws_fourteen_nodes_and_every_link(art):
    fig = plots.role_task_network(art, language="both")
    nodes = sum(len(c.get_offsets()) for c in fig.findobj(PathCollection))
    edges = sum(len(c.get_segments()) for c in fig.findobj(LineCollection) if c.axes is not None)
    assert nodes == 14
    assert edges == len(art.links)
    annotations = [t.get_text() for t in fig.axes[0].texts if t.get_text().startswith("↔")]  # not the legend
    assert len(annotations) == len(plots.shared_names(art))


def test_coverage_bars(art):
    fig = plots.coverage(art, language="both")
    per_task, per_function = fig.axes[:2]
    task_totals = [
        sum(bars) for bars in zip(*[[r.get_width() for r in c] for c in per_task.containers], strict=True)
    ]
    function_totals = [
        sum(bars) for bars in zip(*[[r.get_width() for r in c] for c in per_function.containers], strict=True)
    ]
    assert all(isinstance(c, BarContainer) for c in per_task.containers + per_function.containers)
    assert len(task_totals) == 10 and len(function_totals) == 4
    assert sum(task_totals) == sum(function_totals) == len(art.links)
    assert task_totals[2] == 3  # 调研 serves 参谋, 服务 and 协调 (stated in the text)


def test_outline_map_shows_every_headline_and_list(art):
    fig = plots.outline_map(art, language="zh")
    drawn = "\n".join(texts(fig))
    for headline in art.items["headline_zh"]:
        assert headline in drawn
    for heading in art.parts["heading_zh"]:
        assert heading.replace("\n", "") in drawn.replace("\n", "")
    assert "内容关、政策关" in drawn
    english = "\n".join(texts(plots.outline_map(art, language="en")))
    for headline in art.items["headline_en"]:
        assert headline in english


def test_sizes_has_a_bar_per_part_and_item(art):
    fig = plots.sizes(art, language="both")
    parts, items = fig.axes[:2]
    assert [r.get_width() for r in parts.containers[0]] == list(art.parts["chars"])
    assert [r.get_width() for r in items.containers[0]] == list(art.items["chars"])
    colours = {tuple(r.get_facecolor()) for r in items.containers[0]}
    assert len(colours) == len(art.parts)


def test_language_patterns_panels(art):
    fig = plots.language_patterns(art, language="both")
    assert len(fig.axes) == len(art.parts) + 1
    lists_axis = fig.axes[-1]
    totals = [
        sum(bars) for bars in zip(*[[r.get_width() for r in c] for c in lists_axis.containers], strict=True)
    ]
    assert sum(totals) == art.lists["list_id"].nunique()
    assert len(totals) == len(LIST_TYPES)


# ----------------------------------------------------------------------------- language, glyphs, style


@pytest.mark.parametrize("name", FIGURES)
def test_english_figures_have_no_chinese(art, name):
    offending = [t for t in texts(FIGURES[name](art, language="en")) if CJK.search(t)]
    assert not offending, offending


@pytest.mark.parametrize("name", FIGURES)
def test_chinese_figures_show_chinese_labels(art, name):
    drawn = texts(FIGURES[name](art, language="zh"))
    assert any(CJK.search(t) for t in drawn)
    assert "advising" not in "\n".join(drawn)


@pytest.mark.parametrize("language", ["zh", "en", "both"])
@pytest.mark.parametrize("name", FIGURES)
def test_rendering_has_no_missing_glyphs(art, name, language):
    render_strictly(FIGURES[name](art, language=language))


@pytest.mark.parametrize("name", FIGURES)
def test_projector_style_is_larger(art, name):
    def largest_font(fig: Figure) -> float:
        FigureCanvasAgg(fig).draw()
        return max(t.get_fontsize() for t in fig.findobj(Text) if t.get_text())

    def median_font(fig: Figure) -> float:
        sizes = sorted(t.get_fontsize() for t in fig.findobj(Text) if t.get_text())
        return sizes[len(sizes) // 2]

    notebook = FIGURES[name](art, style="notebook")
    projector = FIGURES[name](art, style="projector")
    assert largest_font(projector) > largest_font(notebook)
    assert median_font(projector) > median_font(notebook)


def test_defaults_come_from_settings(art, monkeypatch):
    monkeypatch.setattr(orl.settings, "language", "en")
    assert not any(CJK.search(t) for t in texts(plots.coverage(art)))
    monkeypatch.setattr(orl.settings, "language", "zh")
    assert any(CJK.search(t) for t in texts(plots.coverage(art)))


def test_bad_language_or_style_is_refused(art):
    with pytest.raises(ValueError, match="language"):
        plots.sizes(art, language="fr")
    with pytest.raises(ValueError, match="style"):
        plots.sizes(art, style="poster")


def test_figures_are_not_left_in_pyplot(art):
    before = plt.get_fignums()
    for make in FIGURES.values():
        assert isinstance(make(art), Figure)
    assert plt.get_fignums() == before


# ----------------------------------------------------------------------------- another article


def test_other_article_has_no_curated_layer(other):
    assert other.links.empty and other.items["label_en"].isna().all()
    assert plots.role_task_matrix(other).shape == (0, 3)
    assert plots.shared_names(other) == []
    assert plots.role_task_graph(other).number_of_edges() == 0


@pytest.mark.parametrize("language", ["zh", "en", "both"])
@pytest.mark.parametrize("name", FIGURES)
def test_figures_work_for_another_article(other, name, language):
    fig = FIGURES[name](other, language=language)
    render_strictly(fig)
    drawn = texts(fig)
    if language == "en":
        assert not [t for t in drawn if CJK.search(t)]
    if name in {"roles_heatmap", "roles_network", "coverage"}:
        assert any(("No function" in t) or ("没有" in t) for t in drawn)  # the empty-state message


def test_outline_map_of_another_article_shows_its_structure(other):
    drawn = "\n".join(texts(plots.outline_map(other, language="zh")))
    for headline in ("加强领导", "强化措施", "抓好落实", "总体要求", "统一思想、统一认识、统一行动"):
        assert headline in drawn


DOLLAR_TEXT = "一、A\n一是做$好$工作。\n二是$$学习$$。\n"


@pytest.mark.parametrize("name", FIGURES)
def test_dollar_signs_print_as_text_not_mathtext(name):
    """Issue 13 D15: "$…$" in a heading used to be parsed as mathtext (ValueError, or boxes for hanzi)."""
    fig = FIGURES[name](orl.article_from_text(DOLLAR_TEXT), language="zh")
    render_strictly(fig)
    drawn = " ".join(texts(fig))
    if name in {"outline_map", "sizes", "coverage", "roles_network"}:  # the figures that show item labels here
        assert "$好$" in drawn and "$$学习$$" in drawn


def test_live_figures_print_dollar_signs_as_text():
    from office_roles.plots.live import MappingFigure, RadarFigure

    mapping = MappingFigure(["做$好$", "$$学习$$"], ["a$b$", "c"], ["x$1$", "y", "z", "w"])
    assert mapping.update(np.zeros((2, 2), dtype=int), np.ones((2, 2), dtype=int), True)[:4] == b"\x89PNG"
    radar = RadarFigure(["$a$", "b", "c"], legend=("$y$", "g"))
    assert radar.update([1, 2, 3], [2, 2, 2])[:4] == b"\x89PNG"


@pytest.fixture(scope="module")
def huge() -> orl.Article:
    from office_roles.plots.limits import oversized_article

    return oversized_article()


def test_a_huge_article_is_cut_to_the_limits(huge):
    """Issue 13 D17: a 4,000-item article took 40-120 s and over 1 GB per figure; now each draws its first items."""
    from office_roles.plots.limits import MAX_ITEMS, MAX_PARTS, within_limits

    assert len(huge.items) == 4000
    shown = within_limits(huge)
    assert shown.cut and len(shown.art.items) == MAX_ITEMS and len(shown.art.parts) <= MAX_PARTS
    assert shown.hidden_items == 4000 - MAX_ITEMS
    assert set(shown.art.lists["item_id"].dropna()) <= set(shown.art.items["item_id"])
    assert not within_limits(orl.load_article()).cut  # the seed is drawn whole


@pytest.mark.parametrize("name", FIGURES)
def test_every_figure_of_a_huge_article_says_what_it_leaves_out(huge, name):
    from office_roles.plots.limits import MAX_ITEMS

    fig = FIGURES[name](huge, language="en", style="notebook")
    width, height = fig.get_size_inches()
    assert width < 60 and height < 40, (width, height)  # it was 1,528 inches tall
    drawn = texts(fig)
    assert any(f"showing the first {MAX_ITEMS} of 4000 items" in t for t in drawn)
    assert not any(CJK.search(t) for t in drawn)


def joined_text(fig: Figure) -> str:
    return "".join(t.replace("\n", "") for t in texts(fig))


def test_outline_map_shows_every_list_element_whole(art):
    """Issue 12: the outline used to cut lists with "…" (the five checkpoints among them)."""
    drawn = joined_text(plots.outline_map(art, language="zh"))
    for _, group in art.lists.groupby("list_id"):
        assert "、".join(group["element_zh"]) in drawn
    assert "…" not in drawn


def test_stated_links_quote_every_stated_tie_whole(art):
    stated = art.links[art.links["basis"] == "explicit"]
    assert len(stated) >= 6
    drawn = joined_text(plots.stated_links(art, language="zh"))
    for quote in stated["evidence_zh"]:
        assert quote in drawn
    english = joined_text(plots.stated_links(art, language="en"))
    assert "investigation and research" in english and not CJK.search(english)


def test_figures_never_cut_text_with_an_ellipsis(art):
    """The only "…" a figure may draw is one the catalogue itself holds (the list-type names)."""
    from office_roles.i18n import STRINGS

    allowed = {s for pair in STRINGS.values() for s in pair if "…" in s}
    for name, make in FIGURES.items():
        for language in ("zh", "en", "both"):
            for text in texts(make(art, language=language)):
                for piece in text.split("\n"):
                    if "…" in piece or "..." in piece:
                        assert any(a in piece for a in allowed), (name, language, piece)


def test_every_word_in_the_word_panels_has_english(art):
    """Issue 11: the word panels were glossed only by pinyin."""
    drawn = texts(plots.language_patterns(art, language="en"))
    tone_marks = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
    assert not [t for t in drawn if tone_marks.search(t)]
