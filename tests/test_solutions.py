"""Exercise solutions sit hidden in <details> blocks; they must run and must not leak into outputs."""

import json
import re
from pathlib import Path

import matplotlib
import pytest

import office_roles as orl
from office_roles import tables

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
SOLUTION = re.compile(r"<details><summary>Solution[^<]*</summary>\s*```python\n(.*?)```\s*</details>", re.S)


def solutions():
    found = []
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for index, cell in enumerate(cells):
            if cell["cell_type"] == "markdown":
                for code in SOLUTION.findall("".join(cell["source"])):
                    found.append(pytest.param(code, id=f"{path.stem}-cell{index}"))
    return found


def test_solutions_exist():
    assert len(solutions()) >= 3


@pytest.mark.parametrize("code", solutions())
def test_solution_runs(code):
    matplotlib.use("Agg")
    namespace = {"orl": orl, "tables": tables, "art": orl.load_article()}
    exec(compile(code, "<solution>", "exec"), namespace)


def test_no_solution_in_outputs():
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        outputs = json.dumps([c.get("outputs", []) for c in cells], ensure_ascii=False)
        assert "<details><summary>Solution" not in outputs, path.name
