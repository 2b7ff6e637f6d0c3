"""Every Chinese quotation in the notebooks' prose, in both editions, occurs verbatim in the article.

In either edition, “…” (or "…", 「…」) around Chinese means a quotation of the article; a term that is named rather
than quoted goes without quotation marks.
"""

import json
import re
from pathlib import Path

import pytest

import office_roles as orl

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
QUOTE = re.compile(r'[“"「]([^”"」\n]*[\u4e00-\u9fff][^”"」\n]*)[”"」]')
FENCE = re.compile(r"```.*?```|`[^`\n]*`", re.S)  # code, fenced or inline, is not a quotation


def quotes():
    found = []
    paths = sorted(p for lang in ("zh", "en") for p in (NOTEBOOKS / lang).glob("[0-9][0-9]_*.ipynb"))
    assert paths, "no edition notebooks found"
    for path in paths:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                prose = FENCE.sub("", "".join(cell["source"]))  # code (hidden solutions, `x = "y"`) is not a quotation
                found += [pytest.param(q, id=f"{path.parent.name}/{path.stem}:{q[:12]}") for q in QUOTE.findall(prose)]
    return found


def test_the_notebooks_quote_the_article():
    assert len(quotes()) >= 3


@pytest.mark.parametrize("quote", quotes())
def test_quote_is_verbatim(quote):
    assert quote in orl.load_article().text
