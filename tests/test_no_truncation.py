"""No saved output cuts a quote (issue 12): pandas shortens long cells with "..." unless told not to, and a cut
Chinese sentence changes its meaning. The article itself holds no "...", so a word followed by "..." in an output
is a cut."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*/[0-9][0-9]_*.ipynb"))
CUT = re.compile(r"[\w\u4e00-\u9fff，。、“”]\.\.\.(?=[\s<|]|$)")


def outputs(path: Path) -> list[str]:
    texts = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for mime in ("text/plain", "text/html"):
                if mime in data:
                    texts.append("".join(data[mime]))
            if "text" in output:
                texts.append("".join(output["text"]))
    return texts


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_saved_output_cuts_text(path: Path):
    assert NOTEBOOKS, "no notebooks found"
    cuts = [m.group() for text in outputs(path) for m in CUT.finditer(text)]
    assert not cuts, f"{path.name}: cut text in saved outputs: {cuts[:5]}"


def test_the_check_finds_a_cut():
    assert CUT.search("<td>党委办公厅(室)无论是当参谋、搞服务,还是...</td>")
    assert not CUT.search("<td>...</td>")  # pandas' row ellipsis: rows left out, no text cut
