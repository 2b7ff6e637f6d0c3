"""Agreement on the function × task mapping: a learner against the article's stated links and, apart, against
the editors' reading (Cohen's kappa), and a group against itself (Fleiss' kappa, per-cell agreement) — the
cells a group splits on are the next discussion prompts. Pure functions of the article and stored answers."""

from __future__ import annotations

import pandas as pd

from .article import Article
from .tables import role_task_matrix


def mapping_matrix(art: Article) -> pd.DataFrame:
    """The article's function × task mapping as 0/1 (linked or not), rows F1…, columns T1…."""
    return (role_task_matrix(art) > 0).astype("int64")


def cohens_kappa(a: pd.DataFrame, b: pd.DataFrame) -> float:
    """Cohen's kappa between two 0/1 matrices of the same shape: agreement beyond chance.

    1 means identical, 0 what chance would give; NaN when both raters put every cell in one class.
    """
    x, y = a.to_numpy().ravel(), b.to_numpy().ravel()
    if x.shape != y.shape:
        raise ValueError(f"matrices differ in shape: {a.shape} vs {b.shape}")
    observed = float((x == y).mean())
    p_x, p_y = float(x.mean()), float(y.mean())
    expected = p_x * p_y + (1 - p_x) * (1 - p_y)
    if expected == 1:
        return float("nan")
    return (observed - expected) / (1 - expected)


def latest_per_participant(responses: pd.DataFrame) -> pd.DataFrame:
    """A participant may submit several times; the group views count their latest answer only."""
    if responses.empty:
        return responses
    return responses.sort_values("id").groupby(["participant", "item"], sort=False).tail(1)


def mapping_distribution(art: Article, responses: pd.DataFrame) -> pd.DataFrame:
    """Share of participants who linked each function to each task (latest mapping per participant)."""
    shares = pd.DataFrame(0.0, index=art.function_ids(), columns=art.task_ids())
    latest = latest_per_participant(responses)
    for answer in latest["answer"] if not latest.empty else []:
        for function_id, task_id in answer.get("links", []):
            if function_id in shares.index and task_id in shares.columns:
                shares.loc[function_id, task_id] += 1
    if len(latest):
        shares /= len(latest)
    return shares.round(2)


LAYERS = ("article", "reading")


def mapping_layers(art: Article) -> dict[str, pd.DataFrame]:
    """Two 0/1 function × task matrices: ``article`` holds the links the text states (basis explicit),
    ``reading`` the editors' whole mapping (stated links plus their interpretive ones). Kept apart so that a
    learner is scored against what the article says and only compared with what the editors read into it."""
    reading = mapping_matrix(art)
    article = reading * 0
    for link in art.links[art.links["basis"] == "explicit"].itertuples():
        article.loc[link.function_id, link.task_id] = 1
    return {"article": article, "reading": reading}


def compare_mapping(art: Article, mine: pd.DataFrame) -> pd.DataFrame:
    """A learner's 0/1 mapping against each layer separately, one row per layer.

    ``links``: cells the layer links; ``yours``: cells the learner links; ``shared``: both; ``missed`` and
    ``extra``: the layer's links the learner left out, and the learner's links the layer lacks (as
    ``F1-T3`` strings); ``agreement``: share of all cells where the two agree; ``kappa``: Cohen's kappa."""
    rows = []
    for layer, theirs in mapping_layers(art).items():
        if mine.shape != theirs.shape:
            raise ValueError(f"the mapping has shape {mine.shape}; the article's is {theirs.shape}")
        yours = mine.reindex(index=theirs.index, columns=theirs.columns)
        if yours.isna().any().any():
            raise ValueError(f"the mapping must have rows {list(theirs.index)} and columns {list(theirs.columns)}")
        a, b = theirs.to_numpy().astype(bool), yours.to_numpy().astype(bool)
        cells = [f"{f}-{t}" for f in theirs.index for t in theirs.columns]
        flat_a, flat_b = a.ravel(), b.ravel()
        rows.append({
            "layer": layer,
            "links": int(flat_a.sum()),
            "yours": int(flat_b.sum()),
            "shared": int((flat_a & flat_b).sum()),
            "missed": [c for c, x, y in zip(cells, flat_a, flat_b, strict=True) if x and not y],
            "extra": [c for c, x, y in zip(cells, flat_a, flat_b, strict=True) if y and not x],
            "agreement": float((flat_a == flat_b).mean()),
            "kappa": cohens_kappa(theirs.astype("int64"), yours.astype("int64")),
        })
    return pd.DataFrame(rows).set_index("layer")


def layered_disagreements(art: Article, mine: pd.DataFrame) -> pd.DataFrame:
    """Every cell where the learner differs from the article's stated links or from the editors' reading, with
    both layers named so that feedback can say which is the text and which a reading.

    ``article`` is "stated" or "not stated"; ``reading`` is the editors' strength ("primary"/"secondary") or
    "not read"; the evidence and both rationales come with each link."""
    layers = mapping_layers(art)
    names = dict(zip(art.items["item_id"], art.items["label_zh"], strict=True))
    links = {(r.function_id, r.task_id): r for r in art.links.itertuples()}
    rows = []
    for function_id in layers["reading"].index:
        for task_id in layers["reading"].columns:
            yours = bool(mine.loc[function_id, task_id])
            stated = bool(layers["article"].loc[function_id, task_id])
            read = bool(layers["reading"].loc[function_id, task_id])
            if yours == stated and yours == read:
                continue
            link = links.get((function_id, task_id))
            rows.append({
                "function_id": function_id, "task_id": task_id,
                "function": names[function_id], "task": names[task_id],
                "yours": "linked" if yours else "not linked",
                "article": "stated" if stated else "not stated",
                "reading": link.strength if read else "not read",
                "evidence_zh": link.evidence_zh if link else "",
                "rationale_en": link.rationale_en if link else "",
                "rationale_zh": getattr(link, "rationale_zh", "") if link else "",
            })
    columns = ["function_id", "task_id", "function", "task", "yours", "article", "reading", "evidence_zh",
               "rationale_en", "rationale_zh"]
    return pd.DataFrame(rows, columns=columns)


def fleiss_kappa(counts: pd.DataFrame | list[list[int]]) -> float:
    """Fleiss' kappa for subjects (rows) rated by the same number of raters into categories (columns).

    ``counts[i][j]`` is how many raters put subject i in category j. NaN when chance agreement is already
    perfect (every rating in one category), where kappa is undefined."""
    import numpy as np

    table = np.asarray(counts, dtype=float)
    if table.ndim != 2 or table.shape[0] == 0:
        raise ValueError("counts must be a non-empty table: one row per subject, one column per category")
    raters = table.sum(axis=1)
    if not np.allclose(raters, raters[0]) or raters[0] < 2:
        raise ValueError(f"every subject needs the same number (at least 2) of ratings; got {sorted(set(raters))}")
    n = raters[0]
    per_subject = ((table * (table - 1)).sum(axis=1)) / (n * (n - 1))
    shares = table.sum(axis=0) / table.sum()
    observed, expected = float(per_subject.mean()), float((shares**2).sum())
    if expected == 1:
        return float("nan")
    return (observed - expected) / (1 - expected)


def _latest_mappings(art: Article, responses: pd.DataFrame) -> list[pd.DataFrame]:
    """Each participant's latest mapping as a 0/1 grid; pairs naming no function or task of the article drop."""
    import numpy as np

    latest = latest_per_participant(responses)
    functions, tasks = art.function_ids(), art.task_ids()
    row, col = {f: i for i, f in enumerate(functions)}, {t: j for j, t in enumerate(tasks)}
    mappings = []
    for answer in latest["answer"] if not latest.empty else []:
        grid = np.zeros((len(functions), len(tasks)), dtype="int64")
        for pair in answer.get("links", []) if isinstance(answer, dict) else []:
            if len(pair) == 2 and pair[0] in row and pair[1] in col:
                grid[row[pair[0]], col[pair[1]]] = 1
        mappings.append(pd.DataFrame(grid, index=functions, columns=tasks))
    return mappings


def group_agreement(art: Article, responses: pd.DataFrame) -> tuple[float, pd.DataFrame]:
    """How far the group agrees with itself on the mapping (latest mapping per participant, no names).

    Returns Fleiss' kappa over all function × task cells, and one row per cell: ``linked`` (how many linked
    it), ``share_linked``, ``agreement`` (the share of pairs of participants who agree on the cell, Fleiss'
    P_i) and the cell's ``basis`` in the curated links (explicit, interpretive or "" when not linked), sorted
    so that the cells the group splits on most come first: the next discussion prompts."""
    mappings = _latest_mappings(art, responses)
    n = len(mappings)
    if n < 2:
        raise ValueError(f"group agreement needs at least 2 participants' mappings; there are {n}")
    linked = sum(mappings)
    basis = {(r.function_id, r.task_id): r.basis for r in art.links.itertuples()}
    rows = []
    for function_id in linked.index:
        for task_id in linked.columns:
            k = int(linked.loc[function_id, task_id])
            rows.append({
                "function_id": function_id, "task_id": task_id, "linked": k, "participants": n,
                "share_linked": k / n,
                "agreement": (k * (k - 1) + (n - k) * (n - k - 1)) / (n * (n - 1)),
                "basis": basis.get((function_id, task_id), ""),
            })
    cells = pd.DataFrame(rows)
    kappa = fleiss_kappa(cells[["linked"]].assign(not_linked=n - cells["linked"]).to_numpy())
    cells = cells.sort_values(["agreement", "function_id", "task_id"], kind="stable").reset_index(drop=True)
    return kappa, cells
