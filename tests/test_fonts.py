"""Chinese renders in figures with the font our own dependency ships, and never with a missing glyph."""

import io
import warnings

import matplotlib as mpl
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

import office_roles as orl
from office_roles.fonts import LATIN_FAMILY, cjk_font_path


def test_font_comes_from_the_dependency():
    path = cjk_font_path()
    assert path.is_file() and ("site-packages" in str(path) or "dist-packages" in str(path))
    assert orl.CJK_FAMILY == "Noto Sans SC"
    assert list(mpl.rcParams["font.family"]) == [LATIN_FAMILY, "Noto Sans SC"]


def test_chinese_titles_and_labels_render_without_missing_glyphs():
    fig = Figure(figsize=(4, 3))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.bar(["参谋", "服务", "“耳目”", "协调"], [1, 2, 3, -1])
    ax.set_title("党委办公厅(室)要找准定位谋发展 · Four functions")
    ax.set_xlabel("职能 function")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()
        for fmt in ("png", "svg"):
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt)
            assert buffer.tell() > 1000


def test_missing_glyph_would_be_caught():
    """The check above is not vacuous: a Latin-only family does warn on Chinese."""
    fig = Figure()
    FigureCanvasAgg(fig)
    fig.text(0.5, 0.5, "参谋", family=LATIN_FAMILY)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    assert any("missing from font" in str(w.message) for w in caught)


def test_svg_export_draws_chinese_as_paths():
    fig = Figure()
    FigureCanvasAgg(fig)
    fig.text(0.1, 0.5, "耳目")
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    svg = buffer.getvalue()
    assert "<path" in svg and "耳目" in svg  # glyph outlines, with the text kept in a comment for search
