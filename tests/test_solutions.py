"""Exercise solutions sit hidden in <details> blocks; they must run and must not leak into outputs."""

import json
import re
from pathlib import Path

import matplotlib
import pytest

import office_roles as orl
from office_roles import tables

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
EDITIONS = ("zh", "en")
# A solution is a <details> block ("Solution" in English, "参考答案" in Chinese) that may hold a model answer in
# prose and one or more Python fences.
SOLUTION = re.compile(r"<details><summary>(?:Solution|参考答案)[^<]*</summary>(.*?)</details>", re.S)
FENCE = re.compile(r"```python\n(.*?)```", re.S)


def edition_notebooks():
    found = sorted(p for lang in EDITIONS for p in (NOTEBOOKS / lang).glob("[0-9][0-9]_*.ipynb"))
    assert found, "no edition notebooks found"
    return found


def solutions():
    found = []
    for path in edition_notebooks():
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for index, cell in enumerate(cells):
            if cell["cell_type"] == "markdown":
                for block in SOLUTION.findall("".join(cell["source"])):
                    for code in FENCE.findall(block):
                        found.append(pytest.param(code, id=f"{path.parent.name}-{path.stem}-cell{index}"))
    return found


def test_solutions_exist():
    assert len(solutions()) >= 3


@pytest.mark.parametrize("code", solutions())
def test_solution_runs(code):
    matplotlib.use("Agg")
    namespace = {"orl": orl, "tables": tables, "art": orl.load_article()}
    exec(compile(code, "<solution>", "exec"), namespace)


def test_no_solution_in_outputs():
    for path in edition_notebooks():
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        outputs = json.dumps([c.get("outputs", []) for c in cells], ensure_ascii=False)
        assert "<details><summary>" not in outputs, path.name
