"""Unit tests of tools/notebooks.py on small synthetic notebook sets written to tmp_path."""

from __future__ import annotations

import importlib.util
import json
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

NOTEBOOKS = {  # stem: (Chinese title, English title, English summary)
    "00_start_here": ("从这里开始", "Start here", None),
    "01_article_as_tables": ("把文章变成表格", "The article as tables", "Turn the article into tidy tables."),
    "02_roles_and_tasks": ("职能与重点工作", "Roles and tasks", None),
}


def pair(zh: str, en: str, cell_id: str):
    """A source's zh + en Markdown pair."""
    z = new_markdown_cell(zh, metadata={"tags": ["lang-zh"]})
    e = new_markdown_cell(en, metadata={"tags": ["lang-en"]})
    z["id"], e["id"] = f"{cell_id}-zh", cell_id
    return [z, e]


def lesson(title_zh: str, title_en: str, *, contents: bool = False, exercises: bool = True,
           summary: str | None = None):
    """A source notebook: paired Markdown, shared code cells without outputs."""
    cells = [
        *pair(f"# {title_zh}\n\n简短的介绍。", f"# {title_en}\n\nA short introduction.", "m0"),
        *pair("## 问题\n\n- 文章分几部分?", "## Questions\n\n- What are the parts?", "m1"),
        *pair("## 学习目标\n\n1. 说出三个部分", "## Objectives\n\n1. Name the three parts", "m2"),
        *pair("## 预备知识\n\n```python\n# 代码块里的井号不是标题\n```",
              "## Prerequisites\n\n```python\n# a comment in a fence is not a heading\n```", "m3"),
        new_code_cell("x = 1\nx"),
        new_code_cell(""),  # the learner's empty cell: never executed, never flagged
    ]
    cells[-2]["id"], cells[-1]["id"] = "k1", "k2"
    if contents:
        block = "\n\n<!--CONTENTS-->\n<!--/CONTENTS-->"
        cells += pair("## 目录" + block, "## Contents" + block, "m4")
    cells += pair("## 要点\n\n- 完成。", "## Key points\n\n- Done.", "m5")
    if exercises:
        cells += pair("## 练习\n\n**1.** 数一数职能", "## Exercises · 练习\n\n**1.** Count the roles", "m6")
    cells += pair("### 下一步\n\n下一课。", "### What’s next?\n\nThe next notebook.", "m7")
    if not exercises:  # 00 and an instructor guide have no Questions or Objectives either
        cells = [c for c in cells if c.get("id") not in ("m1", "m1-zh", "m2", "m2-zh")]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = dict(nbtools.KERNELSPEC)
    nb.metadata["office_roles"] = {"summary_zh": summary or f"{title_zh}的内容", "summary_en": summary or title_en}
    return nb


def execute(root: Path) -> None:
    """Stand in for `make build`: give every non-empty code cell of every edition an execution result."""
    for lang in nbtools.EDITIONS:
        for path in sorted((root / "notebooks" / lang).glob("*.ipynb")):
            nb = read(path)
            for n, cell in enumerate(c for c in nb.cells if c.cell_type == "code" and c.source.strip()):
                cell.execution_count = n + 1
                if cell.source.endswith("x"):
                    cell.outputs = [new_output("execute_result", data={"text/plain": "1"}, execution_count=n + 1)]
            nb.metadata["language_info"] = {"name": "python"}
            nbformat.write(nb, str(path))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    src_dir = tmp_path / "notebooks" / "source"
    src_dir.mkdir(parents=True)
    for stem, (title_zh, title_en, summary) in NOTEBOOKS.items():
        start = stem.startswith("00")
        nb = lesson(title_zh, title_en, contents=start, exercises=not start, summary=summary)
        nbformat.write(nb, str(src_dir / f"{stem}.ipynb"))
    (tmp_path / "data" / "curated").mkdir(parents=True)  # the glossary every navigation cell links to
    (tmp_path / "data" / "curated" / "glossary.csv").write_text("zh,en\n参谋,advising\n", encoding="utf-8")
    (tmp_path / "README.md").write_text(
        "# Office roles\n\nStart with [the start page](notebooks/index.ipynb).\n\n"
        "## Contents\n\n<!--CONTENTS-->\nold table\n<!--/CONTENTS-->\n\nMore text.\n",
        encoding="utf-8",
    )
    return tmp_path


def read(path: Path):
    return nbformat.read(str(path), as_version=4)


def nb_path(root: Path, stem: str, lang: str = "en") -> Path:
    return root / "notebooks" / lang / f"{stem}.ipynb"


def src_path(root: Path, stem: str) -> Path:
    return root / "notebooks" / "source" / f"{stem}.ipynb"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def written(root: Path) -> Path:
    """The repo after ``--write`` and an execution, which must then pass ``--check``."""
    nbtools.run(root, "write")
    execute(root)
    nbtools.run(root, "write")  # slide types follow the outputs
    return root


# ---------------------------------------------------------------------------------------------------------
# Finding notebooks


def test_finds_notebooks_in_order_and_ignores_other_names(repo: Path) -> None:
    src = repo / "notebooks" / "source"
    for name in ("Untitled.ipynb", "3_bad.ipynb", "03_Bad-Name.ipynb"):
        nbformat.write(new_notebook(), str(src / name))
    found = nbtools.find_notebooks(src)
    assert [p.stem for p in found] == list(NOTEBOOKS)
    assert [p.name for p in nbtools.stray_notebooks(src)] == [
        "03_Bad-Name.ipynb",
        "3_bad.ipynb",
        "Untitled.ipynb",
    ]


def test_finding_no_notebook_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notebooks" / "source").mkdir(parents=True)
    with pytest.raises(nbtools.NotebookSetError, match="no notebooks"):
        nbtools.find_notebooks(tmp_path / "notebooks" / "source")
    assert nbtools.main(["--check", "--root", str(tmp_path)]) == 2


# ---------------------------------------------------------------------------------------------------------
# --write: navigation and contents


def test_write_makes_the_set_pass_check(repo: Path) -> None:
    before = nbtools.run(repo, "check")
    assert any("would change" in p for p in before.problems)
    assert nbtools.main(["--check", "--root", str(repo)]) == 1

    report = nbtools.run(repo, "write")
    assert {p.relative_to(repo).as_posix() for p in report.changed} == {
        f"notebooks/{lang}/{s}.ipynb" for s in NOTEBOOKS for lang in ("zh", "en")} | {
        "README.md", "notebooks/index.ipynb"}
    assert all("not executed" in p for p in nbtools.run(repo, "check").problems)  # until make build runs them
    written(repo)
    assert nbtools.run(repo, "check").problems == []
    assert nbtools.main(["--check", "--root", str(repo)]) == 0


def test_write_is_idempotent(repo: Path) -> None:
    written(repo)
    first = snapshot(repo)
    report = nbtools.run(repo, "write")
    assert report.changed == []
    assert snapshot(repo) == first
    for content in first.values():
        assert content.endswith(b"\n")


def test_navigation_cell_links_previous_contents_next_and_the_other_edition(repo: Path) -> None:
    written(repo)
    sources = {stem: read(nb_path(repo, stem)).cells[-1].source for stem in NOTEBOOKS}
    glossary_en = ("\n\nThe glossary: [the table (opens in JupyterLab)](../../data/curated/glossary.csv) · "
                   "[the page in the study book](../../build/book/en/glossary.html)")
    assert sources["00_start_here"] == (
        "<!--NAVIGATION-->\n< [01 · The article as tables](01_article_as_tables.ipynb) | "
        "[中文版](../zh/00_start_here.ipynb) >" + glossary_en
    )
    assert sources["01_article_as_tables"] == (
        "<!--NAVIGATION-->\n< [00 · Start here](00_start_here.ipynb) | "
        "[Contents](00_start_here.ipynb) | [02 · Roles and tasks](02_roles_and_tasks.ipynb) | "
        "[中文版](../zh/01_article_as_tables.ipynb) >" + glossary_en
    )
    assert read(nb_path(repo, "02_roles_and_tasks", "zh")).cells[-1].source == (
        "<!--NAVIGATION-->\n< [01 · 把文章变成表格](01_article_as_tables.ipynb) | "
        "[目录](00_start_here.ipynb) | [English edition](../en/02_roles_and_tasks.ipynb) >\n\n"
        "术语表：[数据表（在 JupyterLab 中打开）](../../data/curated/glossary.csv) · "
        "[学习读本中的术语表页](../../build/book/zh/glossary.html)"
    )
    last = read(nb_path(repo, "01_article_as_tables")).cells[-1]
    assert last.cell_type == "markdown"
    assert last.id == "navigation"
    assert last.metadata["tags"] == ["navigation"]


def test_navigation_cell_is_replaced_not_duplicated(repo: Path) -> None:
    nb = lesson("x", "X")
    stale = new_markdown_cell("<!--NAVIGATION-->\n< [old](gone.ipynb) >")
    stale.metadata["slideshow"] = {"slide_type": "skip"}
    stale["id"] = "old-nav"
    nb.cells.insert(2, stale)
    nb.cells.append(new_markdown_cell("<!--NAVIGATION-->\n< [older](gone2.ipynb) >", metadata={"tags": ["x"]}))
    nbtools.set_navigation(nb, "<!--NAVIGATION-->\n< [Contents](00_start_here.ipynb) >")
    cells = nb.cells
    nav = [c for c in cells if c.source.startswith("<!--NAVIGATION-->")]
    assert len(nav) == 1
    assert nav[0] is cells[-1]
    assert "gone" not in nav[0].source
    assert nav[0].metadata["tags"] == ["x", "navigation"]  # the last nav cell keeps its id and metadata


def test_contents_tables_in_each_edition_the_start_page_and_readme(repo: Path) -> None:
    written(repo)
    for lang, header, row in (
        ("en", "| # | Notebook | Summary |",
         "| 01 | [The article as tables](01_article_as_tables.ipynb) | Turn the article into tidy tables. |"),
        ("zh", "| 序号 | 课 | 内容 |",
         "| 01 | [把文章变成表格](01_article_as_tables.ipynb) | Turn the article into tidy tables. |"),
    ):
        start = read(nb_path(repo, "00_start_here", lang))
        contents = next(c.source for c in start.cells if "<!--CONTENTS-->" in c.source)
        rows = contents.split("<!--CONTENTS-->\n", 1)[1].splitlines()
        assert rows[:2] == [header, "|---|---|---|"]
        assert rows[-1] == "<!--/CONTENTS-->"
        assert rows[3] == row
    # No summary given: the summary_en of the source stands in (the title here).
    en_rows = next(c.source for c in read(nb_path(repo, "00_start_here")).cells if "<!--CONTENTS-->" in c.source)
    assert "| 02 | [Roles and tasks](02_roles_and_tasks.ipynb) | Roles and tasks |" in en_rows

    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert "old table" not in readme
    assert ("| 00 | [Start here](notebooks/en/00_start_here.ipynb) | Start here | "
            "[从这里开始](notebooks/zh/00_start_here.ipynb) | 从这里开始的内容 |") in readme
    assert readme.endswith("<!--/CONTENTS-->\n\nMore text.\n")
    index = read(repo / "notebooks" / "index.ipynb")
    assert [c.cell_type for c in index.cells] == ["markdown"]
    assert "(zh/00_start_here.ipynb)" in index.cells[0].source and "(en/00_start_here.ipynb)" in index.cells[0].source


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


def _code(nb, source: str):
    return next(c for c in nb.cells if c.cell_type == "code" and c.source == source)


def _add_second_h1(nb):
    nb.cells.insert(3, new_markdown_cell("# Another title"))


def _unexecute(nb):
    _code(nb, "x = 1\nx").execution_count = None
    _code(nb, "x = 1\nx").outputs = []


def _break_link(nb):
    nb.cells[1].source += "\n\nSee [the data](../data/missing.csv) and ![chart](../figures/nope.png)."


def _save_error(nb):
    _code(nb, "x = 1\nx").outputs = [new_output("error", ename="ValueError", evalue="boom", traceback=[])]


def _leak_solution(nb):
    nb.cells.insert(7, new_code_cell("# %load solutions/count_roles.py\nprint(42)", execution_count=2))


def _private_kernel(nb):
    nb.metadata["kernelspec"] = {"name": "office-roles-venv", "display_name": "My venv", "language": "python"}


def _colab_widgets(nb):
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"abc": {}}}


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (_drop_heading("## Questions"), "missing section ## Questions / 问题"),
        (_drop_heading("## Objectives"), "missing section ## Objectives / 学习目标"),
        (_drop_heading("## Exercises"), "missing section ## Exercises / 练习"),
        (_drop_heading("## Key points"), "missing section ## Key points / 要点"),
        (_add_second_h1, "expected exactly one H1 ('# Title'), found 2"),
        (_drop_heading("# The article"), "first cell must be Markdown starting with '# Title'"),
        (_unexecute, "cell 6: code cell not executed ('x = 1')"),
        (_break_link, "broken link or image '../data/missing.csv'"),
        (_break_link, "broken link or image '../figures/nope.png'"),
        (_save_error, "cell 6: saved error output ValueError: boom"),
        (_leak_solution, "cell 8: '# %load' cell holds more than the %load line"),
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
    prefix = "notebooks/en/01_article_as_tables.ipynb: "
    assert any(p.startswith(prefix) and expected in p for p in problems), problems
    assert nbtools.main(["--check", "--root", str(repo)]) == 1


def test_check_reports_an_edition_stale_relative_to_its_source(repo: Path) -> None:
    written(repo)
    path = src_path(repo, "02_roles_and_tasks")
    nb = read(path)
    nb.cells[3].source = "## Questions\n\n- What are the parts, revised?"
    nbformat.write(nb, str(path))
    problems = nbtools.run(repo, "check").problems
    assert problems == ["notebooks/en/02_roles_and_tasks.ipynb: would change (out of date with its source); "
                        "run tools/notebooks.py --write"]
    nbtools.run(repo, "write")
    assert read(nb_path(repo, "02_roles_and_tasks")).cells[1].source.endswith("revised?")
    assert nbtools.run(repo, "check").problems == []  # the outputs were carried over: the code did not change


def test_changed_code_drops_its_outputs_in_both_editions(repo: Path) -> None:
    written(repo)
    path = src_path(repo, "01_article_as_tables")
    nb = read(path)
    _code(nb, "x = 1\nx").source = "x = 2\nx"
    nbformat.write(nb, str(path))
    nbtools.run(repo, "write")
    problems = nbtools.run(repo, "check").problems
    for lang in ("zh", "en"):
        assert f"notebooks/{lang}/01_article_as_tables.ipynb: cell 6: code cell not executed ('x = 2')" in problems


@pytest.mark.parametrize(("mutate", "expected"), [
    (lambda nb: nb.cells[0].metadata.update(tags=[]), "cell 1: Markdown cell without exactly one tag"),
    (lambda nb: nb.cells.pop(1), "cell 1: lang-zh cell is not in a lang-zh + lang-en pair"),
    (lambda nb: _code(nb, "x = 1\nx").update(execution_count=1), "a source holds no outputs"),
    (lambda nb: nb.metadata["office_roles"].pop("summary_zh"), "office_roles.summary_zh is missing"),
])
def test_check_catches_problems_in_a_source(repo: Path, mutate, expected: str) -> None:
    written(repo)
    path = src_path(repo, "01_article_as_tables")
    nb = read(path)
    mutate(nb)
    nbformat.write(nb, str(path))
    problems = nbtools.run(repo, "check").problems
    assert any(p.startswith("notebooks/source/01_article_as_tables.ipynb: ") and expected in p for p in problems), \
        problems


def test_the_language_cell_is_the_one_code_difference(repo: Path) -> None:
    written(repo)
    zh, en = (read(nb_path(repo, "01_article_as_tables", lang)) for lang in ("zh", "en"))
    zh_code = [c.source for c in zh.cells if c.cell_type == "code"]
    en_code = [c.source for c in en.cells if c.cell_type == "code"]
    assert zh_code[1:] == en_code[1:]
    assert zh_code[0] == 'import office_roles as orl\n\norl.settings.language = "zh"'
    assert en_code[0] == 'import office_roles as orl\n\norl.settings.language = "en"'
    assert all("lang-en" not in c.metadata.get("tags", []) for c in zh.cells)


def test_lab_settings_pick_the_interface_language(tmp_path: Path) -> None:
    path = nbtools.lab_settings(tmp_path / "lab", "zh_CN")
    assert path == tmp_path / "lab" / "@jupyterlab" / "translation-extension" / "plugin.jupyterlab-settings"
    assert json.loads(path.read_text(encoding="utf-8")) == {"locale": "zh_CN"}


def test_check_passes_what_the_skeleton_allows(repo: Path) -> None:
    """Links that exist, URLs, anchors; a tagged error; headings with Chinese after the English word."""
    (repo / "figures").mkdir()
    (repo / "figures" / "roles.png").write_bytes(b"png")
    path = src_path(repo, "01_article_as_tables")
    nb = read(path)
    nb.cells[1].source += (
        "\n\n![roles](../../figures/roles.png) [next](02_roles_and_tasks.ipynb#Exercises) "
        "[web](https://example.org/a_(b)) [top](#Overview) <img src=\"../../figures/roles.png\">"
        "\n\n[^1]: a footnote, not a link\n\n`[code](not/a/link.md)`"
    )
    tagged = new_code_cell("1 / 0", metadata={"tags": ["raises-exception"]})
    tagged["id"] = "raises"
    nb.cells.insert(9, tagged)
    load = new_code_cell("# %load solutions/count_roles.py")
    load["id"] = "load"
    nb.cells.insert(10, load)
    nbformat.write(nb, str(path))
    written(repo)
    edition = nb_path(repo, "01_article_as_tables")
    saved = read(edition)
    error = new_output("error", ename="ZeroDivisionError", evalue="", traceback=[])
    _code(saved, "1 / 0").outputs = [error]
    nbformat.write(saved, str(edition))
    nbtools.run(repo, "write")  # the output gets a slide step of its own
    assert nbtools.run(repo, "check").problems == []


def test_start_notebook_needs_no_exercises_but_an_instructor_guide_neither(repo: Path) -> None:
    nbformat.write(lesson("教师指南", "Instructor guide", exercises=False),
                   str(src_path(repo, "05_instructor_guide")))
    written(repo)
    assert nbtools.run(repo, "check").problems == []


def test_check_reports_stray_and_duplicate_notebooks(repo: Path) -> None:
    nbformat.write(new_notebook(), str(repo / "notebooks" / "source" / "Untitled.ipynb"))
    nbformat.write(lesson("副本", "Copy"), str(src_path(repo, "02_copy")))
    written(repo)
    nbformat.write(lesson("孤儿", "Orphan"), str(nb_path(repo, "03_orphan", "zh")))
    problems = nbtools.run(repo, "check").problems
    assert "notebooks/source/Untitled.ipynb: notebook not named NN_snake_title.ipynb" in problems
    assert "notebooks share number 02: 02_copy.ipynb, 02_roles_and_tasks.ipynb" in problems
    assert any(p.startswith("notebooks/zh/03_orphan.ipynb: no source notebooks/source/03_orphan.ipynb")
               for p in problems)


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
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"version_major": 2}}
    cell = _code(nb, "x = 1\nx")
    cell.metadata["execution"] = {"iopub.status.busy": "2025-01-01T00:00:00.000000Z"}
    cell.metadata["ExecuteTime"] = {"end_time": "2025-01-01T00:00:00.000000Z"}
    widget_view = {"application/vnd.jupyter.widget-view+json": {"model_id": "abc", "version_major": 2},
                   "text/plain": "VBox()"}
    cell.outputs.append(nbformat.v4.new_output("display_data", data=widget_view))
    nbformat.write(nb, str(path))

    assert path in nbtools.run(repo, "normalize").changed  # (all three: language_info.version goes too)
    out = read(path)
    assert dict(out.metadata.kernelspec) == nbtools.KERNELSPEC
    assert "version" not in out.metadata.language_info
    assert "widgets" not in out.metadata  # saved widget state changes every build and needs a kernel anyway
    cell = _code(out, "x = 1\nx")
    assert "execution" not in cell.metadata
    assert "ExecuteTime" not in cell.metadata
    assert cell.outputs[0]["data"]["text/plain"] == "1"
    assert len(cell.outputs) == 1  # the widget view is gone, the result stays
    assert cell.execution_count == 2

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
    nb = lesson("把文章变成表格", "The article as tables")
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
    assert types["# 把文章变成表格"] == "slide"
    assert types["## Questions"] == "slide"
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
    assert types["<details><summary>Solution · 参考答案</summary>"] == "notes"  # the presenter's, not the room's
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
    nbformat.write(_slide_lesson(), str(src_path(repo, "01_article_as_tables")))
    written(repo)
    for stem in ("01_article_as_tables", "02_roles_and_tasks"):
        nb = read(nb_path(repo, stem))
        assert [c.metadata["slideshow"]["slide_type"] for c in nb.cells] == nbtools.slide_types(nb)
        assert nb.cells[-1].metadata["slideshow"] == {"slide_type": "skip"}  # the navigation cell
    start = read(nb_path(repo, "00_start_here"))
    assert not any("slideshow" in c.metadata for c in start.cells)  # not a lesson: no slides
    assert not [p for p in nbtools.run(repo, "check").problems if "slide" in p or "would change" in p]
    assert nbtools.run(repo, "write").changed == []


def test_check_reports_stale_slide_types_and_write_fixes_them(repo: Path) -> None:
    written(repo)
    path = nb_path(repo, "02_roles_and_tasks")
    nb = read(path)
    nb.cells[1].metadata["slideshow"] = {"slide_type": "notes", "other": "kept"}
    del nb.cells[4].metadata["slideshow"]
    nbformat.write(nb, str(path))
    problems = nbtools.run(repo, "check").problems
    assert problems == ["notebooks/en/02_roles_and_tasks.ipynb: would change (slide metadata); "
                        "run tools/notebooks.py --write"]
    assert nbtools.main(["--check", "--root", str(repo)]) == 1
    assert nbtools.run(repo, "write").changed == [path]
    fixed = read(path)
    assert fixed.cells[1].metadata["slideshow"] == {"slide_type": "slide"}
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


def test_a_link_into_the_book_must_name_a_page_the_book_writes(tmp_path: Path) -> None:
    base = tmp_path / "notebooks" / "zh"
    base.mkdir(parents=True)
    text = ("[a](../../build/book/zh/glossary.html) [b](../../build/book/en/exercises/quiz.html) "
            "[c](../../build/book/zh/glosary.html) [d](../../build/book/fr/glossary.html) [e](../../build/book/zh/)")
    assert nbtools.broken_links(text, base) == ["../../build/book/zh/glosary.html",
                                                "../../build/book/fr/glossary.html", "../../build/book/zh/"]
    assert "glossary" in nbtools.book_pages()


def test_every_edition_notebook_links_the_glossary_table_and_the_books_page() -> None:
    root = Path(nbtools.ROOT)
    found = 0
    for language in nbtools.EDITIONS:
        for path in sorted((root / "notebooks" / language).glob("[0-9][0-9]_*.ipynb")):
            last = read(path).cells[-1]
            assert last.source.startswith(nbtools.NAV_MARKER), path.name
            targets = nbtools.link_targets(last.source)
            assert nbtools.GLOSSARY_TABLE in targets, path.name
            assert nbtools.BOOK_GLOSSARY.format(language=language) in targets, path.name
            assert not nbtools.broken_links(last.source, path.parent), path.name
            found += 1
    assert found >= 12
    assert (root / "data" / "curated" / "glossary.csv").is_file()
