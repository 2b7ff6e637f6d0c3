"""Unit tests of tools/notebooks.py on small synthetic notebook sets written to tmp_path."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

TOOL_PATH = Path(__file__).resolve().parent.parent / "tools" / "notebooks.py"
_spec = importlib.util.spec_from_file_location("office_roles_notebook_tool", TOOL_PATH)
nbtools = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = nbtools  # dataclasses look their module up while the file executes
_spec.loader.exec_module(nbtools)

NOTEBOOKS = {
    "00_start_here": ("Start here · 从这里开始", None),
    "01_article_as_tables": ("The article as tables · 文章成表", "Turn the article into tidy tables."),
    "02_roles_and_tasks": ("Roles and tasks · 职能与任务", None),
}


def lesson(title: str, *, contents: bool = False, exercises: bool = True, summary: str | None = None):
    cells = [
        new_markdown_cell(f"# {title}\n\nA short introduction."),
        new_markdown_cell("## Overview · 概览\n\n1. Imports\n2. Tables"),
        new_markdown_cell("## Prerequisites\n\n| Concepts | Importance | Notes |\n|---|---|---|\n| Python | Low | |"),
        new_markdown_cell("## Imports\n\n```python\n# a comment in a fence is not a heading\n```"),
        new_code_cell(
            "x = 1\nx",
            execution_count=1,
            outputs=[new_output("execute_result", data={"text/plain": "1"}, execution_count=1)],
        ),
        new_code_cell(""),  # the learner's empty cell: never executed, never flagged
    ]
    if contents:
        cells.append(new_markdown_cell("## Contents · 目录\n\n<!--CONTENTS-->\n<!--/CONTENTS-->"))
    if exercises:
        cells.append(new_markdown_cell("## Exercises · 练习\n\n### Exercise: count the roles"))
    cells.append(new_markdown_cell("## Summary · 小结\n\nDone.\n\n### What’s next?\n\nThe next notebook."))
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = dict(nbtools.KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    if summary:
        nb.metadata["office_roles"] = {"summary": summary}
    return nb


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    nb_dir = tmp_path / "notebooks"
    nb_dir.mkdir()
    for stem, (title, summary) in NOTEBOOKS.items():
        start = stem.startswith("00")
        nb = lesson(title, contents=start, exercises=not start, summary=summary)
        nbformat.write(nb, str(nb_dir / f"{stem}.ipynb"))
    (tmp_path / "README.md").write_text(
        "# Office roles\n\nStart with [the first notebook](notebooks/00_start_here.ipynb).\n\n"
        "## Contents\n\n<!--CONTENTS-->\nold table\n<!--/CONTENTS-->\n\nMore text.\n",
        encoding="utf-8",
    )
    return tmp_path


def read(path: Path):
    return nbformat.read(str(path), as_version=4)


def nb_path(root: Path, stem: str) -> Path:
    return root / "notebooks" / f"{stem}.ipynb"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def written(root: Path) -> Path:
    """The repo after ``--write``, which must then pass ``--check``."""
    nbtools.run(root, "write")
    return root


# ---------------------------------------------------------------------------------------------------------
# Finding notebooks


def test_finds_notebooks_in_order_and_ignores_other_names(repo: Path) -> None:
    for name in ("Untitled.ipynb", "3_bad.ipynb", "03_Bad-Name.ipynb"):
        nbformat.write(new_notebook(), str(repo / "notebooks" / name))
    found = nbtools.find_notebooks(repo / "notebooks")
    assert [p.stem for p in found] == list(NOTEBOOKS)
    assert [p.name for p in nbtools.stray_notebooks(repo / "notebooks")] == [
        "03_Bad-Name.ipynb",
        "3_bad.ipynb",
        "Untitled.ipynb",
    ]


def test_finding_no_notebook_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notebooks").mkdir()
    with pytest.raises(nbtools.NotebookSetError, match="no notebooks"):
        nbtools.find_notebooks(tmp_path / "notebooks")
    assert nbtools.main(["--check", "--root", str(tmp_path)]) == 2


# ---------------------------------------------------------------------------------------------------------
# --write: navigation and contents


def test_write_makes_the_set_pass_check(repo: Path) -> None:
    before = nbtools.run(repo, "check")
    assert any("would change" in p for p in before.problems)
    assert nbtools.main(["--check", "--root", str(repo)]) == 1

    report = nbtools.run(repo, "write")
    assert {p.name for p in report.changed} == {f"{s}.ipynb" for s in NOTEBOOKS} | {"README.md"}
    assert nbtools.run(repo, "check").problems == []
    assert nbtools.main(["--check", "--root", str(repo)]) == 0


def test_write_is_idempotent(repo: Path) -> None:
    nbtools.run(repo, "write")
    first = snapshot(repo)
    report = nbtools.run(repo, "write")
    assert report.changed == []
    assert snapshot(repo) == first
    for content in first.values():
        assert content.endswith(b"\n")


def test_navigation_cell_links_previous_contents_and_next(repo: Path) -> None:
    written(repo)
    sources = {stem: read(nb_path(repo, stem)).cells[-1].source for stem in NOTEBOOKS}
    assert sources["00_start_here"] == (
        "<!--NAVIGATION-->\n< [01 · The article as tables · 文章成表](01_article_as_tables.ipynb) >"
    )
    assert sources["01_article_as_tables"] == (
        "<!--NAVIGATION-->\n< [00 · Start here · 从这里开始](00_start_here.ipynb) | "
        "[Contents](00_start_here.ipynb) | [02 · Roles and tasks · 职能与任务](02_roles_and_tasks.ipynb) >"
    )
    assert sources["02_roles_and_tasks"] == (
        "<!--NAVIGATION-->\n< [01 · The article as tables · 文章成表](01_article_as_tables.ipynb) | "
        "[Contents](00_start_here.ipynb) >"
    )
    last = read(nb_path(repo, "01_article_as_tables")).cells[-1]
    assert last.cell_type == "markdown"
    assert last.id == "navigation"
    assert last.metadata["tags"] == ["navigation"]


def test_navigation_cell_is_replaced_not_duplicated(repo: Path) -> None:
    path = nb_path(repo, "01_article_as_tables")
    nb = read(path)
    stale = new_markdown_cell("<!--NAVIGATION-->\n< [old](gone.ipynb) >")
    stale.metadata["slideshow"] = {"slide_type": "skip"}
    nb.cells.insert(2, stale)
    nbformat.write(nb, str(path))

    written(repo)
    cells = read(path).cells
    nav = [c for c in cells if c.source.startswith("<!--NAVIGATION-->")]
    assert len(nav) == 1
    assert nav[0] is cells[-1]
    assert "gone.ipynb" not in nav[0].source
    assert nav[0].id == stale.id  # an existing nav cell keeps its id and metadata: no churn in diffs
    assert nav[0].metadata["slideshow"] == {"slide_type": "skip"}


def test_contents_table_in_start_notebook_and_readme(repo: Path) -> None:
    written(repo)
    start = read(nb_path(repo, "00_start_here"))
    contents = next(c.source for c in start.cells if "<!--CONTENTS-->" in c.source)
    rows = contents.split("<!--CONTENTS-->\n", 1)[1].splitlines()
    assert rows[:2] == ["| # | Notebook | Summary |", "|---|---|---|"]
    assert rows[-1] == "<!--/CONTENTS-->"
    assert rows[3] == (
        "| 01 | [The article as tables · 文章成表](01_article_as_tables.ipynb) | Turn the article into tidy tables. |"
    )
    # No summary in the metadata: the title stands in.
    assert rows[4] == "| 02 | [Roles and tasks · 职能与任务](02_roles_and_tasks.ipynb) | Roles and tasks · 职能与任务 |"

    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert "old table" not in readme
    assert "[Start here · 从这里开始](notebooks/00_start_here.ipynb)" in readme
    assert readme.endswith("<!--/CONTENTS-->\n\nMore text.\n")


def test_contents_table_escapes_pipes() -> None:
    info = nbtools.NotebookInfo(Path("05_x.ipynb"), "05", "x", "A | B [draft]", "one | two")
    table = nbtools.contents_table([info], "notebooks/")
    assert table.splitlines()[-1] == "| 05 | [A \\| B \\[draft\\]](notebooks/05_x.ipynb) | one \\| two |"


def test_readme_without_markers_is_reported(repo: Path) -> None:
    (repo / "README.md").write_text("# Office roles\n", encoding="utf-8")
    written(repo)
    assert any("README.md: no <!--CONTENTS-->" in p for p in nbtools.run(repo, "check").problems)


# ---------------------------------------------------------------------------------------------------------
# --check: structural problems


def _drop_heading(heading: str):
    def mutate(nb):
        nb.cells = [c for c in nb.cells if not c.source.startswith(heading)]

    return mutate


def _add_second_h1(nb):
    nb.cells.insert(3, new_markdown_cell("# Another title"))


def _unexecute(nb):
    nb.cells[4].execution_count = None
    nb.cells[4].outputs = []


def _break_link(nb):
    nb.cells[1].source += "\n\nSee [the data](../data/missing.csv) and ![chart](../figures/nope.png)."


def _save_error(nb):
    nb.cells[4].outputs = [new_output("error", ename="ValueError", evalue="boom", traceback=[])]


def _leak_solution(nb):
    nb.cells.insert(5, new_code_cell("# %load solutions/count_roles.py\nprint(42)", execution_count=2))


def _private_kernel(nb):
    nb.metadata["kernelspec"] = {"name": "office-roles-venv", "display_name": "My venv", "language": "python"}


def _colab_widgets(nb):
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"abc": {}}}


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (_drop_heading("## Prerequisites"), "missing section ## Prerequisites"),
        (_drop_heading("## Exercises"), "missing section ## Exercises"),
        (_drop_heading("## Summary"), "missing section ## Summary"),
        (_add_second_h1, "expected exactly one H1 ('# Title'), found 2"),
        (_drop_heading("# The article"), "first cell must be Markdown starting with '# Title'"),
        (_unexecute, "cell 5: code cell not executed ('x = 1')"),
        (_break_link, "broken link or image '../data/missing.csv'"),
        (_break_link, "broken link or image '../figures/nope.png'"),
        (_save_error, "cell 5: saved error output ValueError: boom"),
        (_leak_solution, "cell 6: '# %load' cell holds more than the %load line"),
        (_private_kernel, "not the generic python3 one"),
        (_colab_widgets, "lacks the 'state' key"),
    ],
)
def test_check_catches(repo: Path, mutate, expected: str) -> None:
    written(repo)
    path = nb_path(repo, "01_article_as_tables")
    nb = read(path)
    mutate(nb)
    nbformat.write(nb, str(path))
    problems = nbtools.run(repo, "check").problems
    prefix = "notebooks/01_article_as_tables.ipynb: "
    assert any(p.startswith(prefix) and expected in p for p in problems), problems
    assert nbtools.main(["--check", "--root", str(repo)]) == 1


def test_check_passes_what_the_skeleton_allows(repo: Path) -> None:
    """Links that exist, URLs, anchors; a tagged error; headings with Chinese after the English word."""
    (repo / "figures").mkdir()
    (repo / "figures" / "roles.png").write_bytes(b"png")
    path = nb_path(repo, "01_article_as_tables")
    nb = read(path)
    nb.cells[1].source += (
        "\n\n![roles](../figures/roles.png) [next](02_roles_and_tasks.ipynb#Exercises) "
        "[web](https://example.org/a_(b)) [top](#Overview) <img src=\"../figures/roles.png\">"
        "\n\n[^1]: a footnote, not a link\n\n`[code](not/a/link.md)`"
    )
    error = new_output("error", ename="ZeroDivisionError", evalue="", traceback=[])
    tagged = new_code_cell("1 / 0", execution_count=2, metadata={"tags": ["raises-exception"]}, outputs=[error])
    nb.cells.insert(5, tagged)
    nb.cells.insert(6, new_code_cell("# %load solutions/count_roles.py", execution_count=3))
    nbformat.write(nb, str(path))
    written(repo)
    assert nbtools.run(repo, "check").problems == []


def test_start_notebook_needs_no_exercises_but_an_instructor_guide_neither(repo: Path) -> None:
    nbformat.write(lesson("Instructor guide · 教师指南", exercises=False),
                   str(repo / "notebooks" / "05_instructor_guide.ipynb"))
    written(repo)
    assert nbtools.run(repo, "check").problems == []


def test_check_reports_stray_and_duplicate_notebooks(repo: Path) -> None:
    nbformat.write(new_notebook(), str(repo / "notebooks" / "Untitled.ipynb"))
    nbformat.write(lesson("Copy · 副本"), str(repo / "notebooks" / "02_copy.ipynb"))
    written(repo)
    problems = nbtools.run(repo, "check").problems
    assert "notebooks/Untitled.ipynb: notebook not named NN_snake_title.ipynb" in problems
    assert "notebooks share number 02: 02_copy.ipynb, 02_roles_and_tasks.ipynb" in problems


def test_check_writes_nothing(repo: Path) -> None:
    before = snapshot(repo)
    nbtools.run(repo, "check")
    assert snapshot(repo) == before


# ---------------------------------------------------------------------------------------------------------
# --normalize


def test_normalize_sets_kernelspec_strips_timing_and_keeps_outputs(repo: Path) -> None:
    written(repo)
    path = nb_path(repo, "01_article_as_tables")
    nb = read(path)
    nb.metadata["kernelspec"] = {"name": "venv", "display_name": "venv", "language": "python"}
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"version_major": 2}}
    nb.cells[4].metadata["execution"] = {"iopub.status.busy": "2025-01-01T00:00:00.000000Z"}
    nb.cells[4].metadata["ExecuteTime"] = {"end_time": "2025-01-01T00:00:00.000000Z"}
    widget_view = {"application/vnd.jupyter.widget-view+json": {"model_id": "abc", "version_major": 2},
                   "text/plain": "VBox()"}
    nb.cells[4].outputs.append(nbformat.v4.new_output("display_data", data=widget_view))
    nbformat.write(nb, str(path))

    assert path in nbtools.run(repo, "normalize").changed  # (all three: language_info.version goes too)
    out = read(path)
    assert dict(out.metadata.kernelspec) == nbtools.KERNELSPEC
    assert "version" not in out.metadata.language_info
    assert "widgets" not in out.metadata  # saved widget state changes every build and needs a kernel anyway
    assert "execution" not in out.cells[4].metadata
    assert "ExecuteTime" not in out.cells[4].metadata
    assert out.cells[4].outputs[0]["data"]["text/plain"] == "1"
    assert len(out.cells[4].outputs) == 1  # the widget view is gone, the result stays
    assert out.cells[4].execution_count == 1

    again = snapshot(repo)
    assert nbtools.run(repo, "normalize").changed == []
    assert snapshot(repo) == again
    assert nbtools.run(repo, "check").problems == []


# ---------------------------------------------------------------------------------------------------------
# Markdown helpers


def test_headings_ignore_fenced_code() -> None:
    text = "# Title\n\n```python\n# not a heading\n## nor this\n```\n\n## Overview · 概览\n~~~\n# no\n~~~\n"
    assert nbtools.headings(text) == [(1, "Title"), (2, "Overview · 概览")]


def test_link_targets_find_nested_images_and_reference_links() -> None:
    text = "[![alt](img/a.png)](b.ipynb)\n\n[ref]: <docs/with space.md>\n[^note]: not a link"
    assert sorted(nbtools.link_targets(text)) == ["b.ipynb", "docs/with space.md", "img/a.png"]
    assert nbtools.relative_path_of("a%20b.md#sec") == "a b.md"
    assert nbtools.relative_path_of("mailto:x@example.org") is None
    assert nbtools.relative_path_of("attachment:image.png") is None


# ---------------------------------------------------------------------------------------------------------
# Slides: slide types written by --write in lessons, verified by --check; offline assets


LONG_COMMENT = "**Reading.** " + "A long comment with a discussion prompt. " * 8


def _slide_lesson():
    """A lesson with every kind of cell the slide rules tell apart."""
    nb = lesson("The article as tables · 文章成表")
    body = [
        new_markdown_cell("## 1. Load · 载入\n\nText that introduces the code."),
        new_code_cell("art = 1\nart", execution_count=2,
                      outputs=[new_output("execute_result", data={"text/plain": "1"}, execution_count=2)]),
        new_code_cell("art + 1", execution_count=3,
                      outputs=[new_output("execute_result", data={"text/plain": "2"}, execution_count=3)]),
        new_markdown_cell("**Reading.** A short comment on the table."),
        new_markdown_cell("More text after a comment."),
        new_code_cell("print(art)", execution_count=4, outputs=[new_output("stream", name="stdout", text="1\n")]),
        new_markdown_cell(LONG_COMMENT),
        new_markdown_cell("### A step down"),
        new_code_cell("# NBVAL_IGNORE_OUTPUT\n\nquiz = widgets.Quiz(art)\nquiz.widget", execution_count=5),
        new_markdown_cell("Text after a widget."),
        new_markdown_cell("<details><summary>Solution · 参考答案</summary>\n\n```python\n1\n```\n\n</details>"),
        new_markdown_cell("**2.** The next question."),
        new_markdown_cell("A tagged solution.", metadata={"tags": ["solution"]}),
    ]
    summary = next(i for i, c in enumerate(nb.cells) if c.source.startswith("## Exercises"))
    nb.cells[summary:summary] = body
    return nb


def test_slide_types_follow_the_rules() -> None:
    nb = _slide_lesson()
    nbtools.set_navigation(nb, "<!--NAVIGATION-->\n< [Contents](00_start_here.ipynb) >")
    types = dict(zip((c.source.splitlines()[0] if c.source else "" for c in nb.cells), nbtools.slide_types(nb),
                     strict=False))
    assert types["# The article as tables · 文章成表"] == "slide"
    assert types["## Overview · 概览"] == "slide"
    assert types["x = 1"] == "-"  # code continues the slide whose text introduces it
    assert types[""] == "skip"  # the learner's empty code cell
    assert types["## 1. Load · 载入"] == "slide"
    assert types["art = 1"] == "-"
    assert types["art + 1"] == "subslide"  # a second output gets a step of its own
    assert types["**Reading.** A short comment on the table."] == "fragment"
    assert types["More text after a comment."] == "-"
    assert types["print(art)"] == "-"
    assert types[LONG_COMMENT] == "subslide"  # too long to share the output's slide
    assert types["### A step down"] == "subslide"
    assert types["# NBVAL_IGNORE_OUTPUT"] == "skip"  # a widget shows nothing on a slide
    assert types["Text after a widget."] == "subslide"
    assert types["<details><summary>Solution · 参考答案</summary>"] == "skip"
    assert types["**2.** The next question."] == "subslide"
    assert types["A tagged solution."] == "skip"
    assert types["<!--NAVIGATION-->"] == "skip"


def test_a_widget_cell_with_a_saved_result_is_shown() -> None:
    shown = new_code_cell("widgets.language_toggle([])", execution_count=1,
                          outputs=[new_output("display_data", data={"image/png": "iVBOR"})])
    hidden = new_code_cell("widgets.language_toggle([])", execution_count=1,
                           outputs=[new_output("display_data", data={
                               "application/vnd.jupyter.widget-view+json": {"model_id": "a"},
                               "text/plain": "ToggleButtons()"})])
    assert nbtools.slide_type(shown, "markdown") == "-"
    assert nbtools.slide_type(hidden, "markdown") == "skip"


def test_write_sets_slide_types_in_lessons_only(repo: Path) -> None:
    nbformat.write(_slide_lesson(), str(nb_path(repo, "01_article_as_tables")))
    written(repo)
    for stem in ("01_article_as_tables", "02_roles_and_tasks"):
        nb = read(nb_path(repo, stem))
        assert [c.metadata["slideshow"]["slide_type"] for c in nb.cells] == nbtools.slide_types(nb)
        assert nb.cells[-1].metadata["slideshow"] == {"slide_type": "skip"}  # the navigation cell
    start = read(nb_path(repo, "00_start_here"))
    assert not any("slideshow" in c.metadata for c in start.cells)  # not a lesson: no slides
    assert nbtools.run(repo, "check").problems == []
    assert nbtools.run(repo, "write").changed == []


def test_check_reports_stale_slide_types_and_write_fixes_them(repo: Path) -> None:
    written(repo)
    path = nb_path(repo, "02_roles_and_tasks")
    nb = read(path)
    nb.cells[1].metadata["slideshow"] = {"slide_type": "notes", "other": "kept"}
    del nb.cells[4].metadata["slideshow"]
    nbformat.write(nb, str(path))
    problems = nbtools.run(repo, "check").problems
    assert problems == ["notebooks/02_roles_and_tasks.ipynb: would change (slide metadata); "
                        "run tools/notebooks.py --write"]
    assert nbtools.main(["--check", "--root", str(repo)]) == 1
    assert nbtools.run(repo, "write").changed == [path]
    fixed = read(path)
    assert fixed.cells[1].metadata["slideshow"] == {"slide_type": "slide", "other": "kept"}
    assert fixed.cells[4].metadata["slideshow"] == {"slide_type": "-"}
    assert nbtools.run(repo, "check").problems == []


def test_slide_assets_come_from_installed_packages(tmp_path: Path) -> None:
    pytest.importorskip(nbtools.REVEAL_PACKAGE)
    written_files = nbtools.slide_assets(tmp_path / "slides")
    names = {p.relative_to(tmp_path / "slides").as_posix() for p in written_files}
    assert names == {f"reveal.js/{name}" for name in nbtools.REVEAL_FILES} | {
        "lib/require.min.js", f"lib/{nbtools.SLIDES_TEMPLATE_NAME}"}
    assert all(p.stat().st_size > 0 for p in written_files)
    reveal = (tmp_path / "slides" / "reveal.js" / "dist" / "reveal.js").read_text(encoding="utf-8")
    assert "define.amd" in reveal  # loadable by require.js, as nbconvert's template does
    template = (tmp_path / "slides" / "lib" / nbtools.SLIDES_TEMPLATE_NAME).read_text(encoding="utf-8")
    assert "extends 'index.html.j2'" in template
    assert "http" not in template
    for block in ("html_head_js_jquery", "html_head_js_mermaidjs", "jupyter_widgets", "html_head_js_mathjax"):
        assert f"block {block} " in template  # each of them would load something from a CDN
    assert nbtools.main(["--slide-assets", str(tmp_path / "again")]) == 0


def test_slide_assets_name_a_missing_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(nbtools, "REVEAL_PACKAGE", "no_such_reveal_package")
    with pytest.raises(nbtools.NotebookSetError, match="no_such_reveal_package"):
        nbtools.slide_assets(tmp_path)
    assert nbtools.main(["--slide-assets", str(tmp_path)]) == 2
    assert "no_such_reveal_package" in capsys.readouterr().err
