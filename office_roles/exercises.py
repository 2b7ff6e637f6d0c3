"""The logic behind the discussion exercises, kept apart from the widgets so it can be tested directly:
exercise data (quiz, scenarios, prompts) as a validated data package, scoring, and mapping agreement."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .article import Article
from .curated import read_package
from .errors import CuratedDataError
from .settings import settings
from .tables import role_task_matrix

OPTION_SEP = " | "
_IGNORED = re.compile(r"[\s,.;:!?，。；：！？、“”\"'‘’()（）]")


@dataclass(frozen=True)
class ExerciseData:
    quiz: pd.DataFrame
    scenarios: pd.DataFrame
    prompts: pd.DataFrame
    session_plans: pd.DataFrame


def load_exercises(folder: Path | None = None, art: Article | None = None) -> ExerciseData:
    """Validate the exercise package, then check every quote against the article when one is given."""
    folder = folder or settings.data_dir / "exercises"
    frames, _ = read_package(folder)
    if art is not None:
        for name, frame in frames.items():
            if "evidence_zh" not in frame:
                continue
            for row, quote in enumerate(frame["evidence_zh"], start=2):
                if quote and quote not in art.text:
                    raise CuratedDataError(folder / f"{name}.csv", row, "evidence_zh",
                                           f"quote not found verbatim in the article: {quote!r}")
    plans = frames["session_plans"].astype({"step": "int64", "minutes": "int64"})
    return ExerciseData(quiz=frames["quiz"], scenarios=frames["scenarios"], prompts=frames["prompts"],
                        session_plans=plans)


def session_plan(data: ExerciseData, plan: str) -> pd.DataFrame:
    """One plan's steps with a running clock, so the guide never states a time the steps do not add up to."""
    steps = data.session_plans[data.session_plans["plan"] == plan].sort_values("step").copy()
    if steps.empty:
        raise ValueError(f"no session plan {plan!r}; plans are {sorted(set(data.session_plans['plan']))}")
    steps["starts_at"] = steps["minutes"].cumsum() - steps["minutes"]
    return steps[["step", "starts_at", "minutes", "notebook", "activity_en", "activity_zh"]].set_index("step")


def options(question: pd.Series, language: str = "zh") -> list[str]:
    raw = question[f"options_{language}"]
    return raw.split(OPTION_SEP) if raw else []


def _normalise(text: str) -> str:
    return _IGNORED.sub("", text).lower()


def check_answer(question: pd.Series, answer: object) -> bool:
    """Score one quiz answer. choice: option number; multi: set of numbers; fill: text; order: list of numbers."""
    qtype, key = question["qtype"], question["answer"]
    if qtype == "choice":
        return str(answer).strip() == key.strip()
    if qtype == "multi":
        chosen = {int(x) for x in (answer or [])}
        return chosen == {int(x) for x in key.split(",")}
    if qtype == "order":
        return [int(x) for x in (answer or [])] == [int(x) for x in key.split(",")]
    if qtype == "fill":
        given = _normalise(str(answer or ""))
        return bool(given) and given in {_normalise(a) for a in key.split(OPTION_SEP)}
    raise ValueError(f"unknown question type {qtype!r}")


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


def disagreements(art: Article, mine: pd.DataFrame) -> pd.DataFrame:
    """Every cell where the learner and the article differ, with the article's evidence to discuss."""
    theirs = mapping_matrix(art)
    names = dict(zip(art.items["item_id"], art.items["label_zh"], strict=True))
    links = {(r.function_id, r.task_id): r for r in art.links.itertuples()}
    rows = []
    differ = mine.to_numpy() != theirs.to_numpy()
    for r, c in zip(*differ.nonzero(), strict=True):
        function_id, task_id = theirs.index[r], theirs.columns[c]
        link = links.get((function_id, task_id))
        rows.append({
            "function_id": function_id, "task_id": task_id,
            "function": names[function_id], "task": names[task_id],
            "yours": "linked" if mine.iat[r, c] else "not linked",
            "article": f"{link.strength}, {link.basis}" if link else "not linked",
            "evidence_zh": link.evidence_zh if link else "",
            "rationale_en": link.rationale_en if link else "",
        })
    columns = ["function_id", "task_id", "function", "task", "yours", "article", "evidence_zh", "rationale_en"]
    return pd.DataFrame(rows, columns=columns)


def scenario_feedback(scenario: pd.Series, chosen: set[str]) -> dict[str, list[str]]:
    """Compare the ids a learner picked with the scenario's key: scored against what the text gives, with the
    editors' reading reported apart (see ``scenario_layers_feedback``)."""
    return scenario_layers_feedback(scenario, chosen)


SELF_ASSESSMENT_SKILLS = ["会写", "会说", "会做", "会谋"]


def self_assessment_dimensions(art: Article) -> pd.DataFrame:
    """The eight scales: the four abilities (会写、会说、会做、会谋) and the four requirements, taken from the
    article's own tables so that the labels are the article's."""
    abilities = art.lists[art.lists["element_zh"].isin(SELF_ASSESSMENT_SKILLS)].drop_duplicates("element_zh")
    rows = [{"dimension": r.element_zh, "label_en": r.element_en} for r in abilities.itertuples()]
    requirements = art.items[art.items["kind"] == "requirement"]
    rows += [{"dimension": r.label_zh, "label_en": r.label_en} for r in requirements.itertuples()]
    return pd.DataFrame(rows, columns=["dimension", "label_en"])


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


def quiz_scores(responses: pd.DataFrame) -> pd.DataFrame:
    """Per participant: questions answered and answered correctly (latest attempt per question).

    This trusts the stored ``correct`` flag and counts the attempt made after the answer was shown; for anything
    shown to a group use ``quiz_group_view`` or, for the facilitator, ``quiz_facilitator_table`` (first attempt,
    correctness recomputed from the key)."""
    latest = latest_per_participant(responses)
    if latest.empty:
        return pd.DataFrame(columns=["participant", "group", "answered", "correct", "score"])
    latest = latest.assign(correct=[bool(a.get("correct")) for a in latest["answer"]])
    table = latest.groupby(["participant", "group"], as_index=False).agg(
        answered=("item", "count"), correct=("correct", "sum")
    )
    table["score"] = (table["correct"] / table["answered"]).round(2)
    return table.sort_values(["group", "participant"]).reset_index(drop=True)


def assessment_averages(responses: pd.DataFrame) -> pd.Series:
    """Mean rating per dimension over participants (latest self-assessment each)."""
    latest = latest_per_participant(responses)
    if latest.empty:
        return pd.Series(dtype="float64")
    ratings = pd.DataFrame([a.get("ratings", {}) for a in latest["answer"]])
    return ratings.mean().round(2)


# ---------------------------------------------------------------- the article's links and the editors' reading

LAYERS = ("article", "reading")


def _ids(cell: object) -> list[str]:
    return [x.strip() for x in str(cell or "").split(",") if x.strip()]


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


# ---------------------------------------------------------------- the group's own agreement


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


# ---------------------------------------------------------------- scenario keys: the text and a reading


def scenario_key_basis(art: Article, scenario: pd.Series) -> pd.DataFrame:
    """Why each function of a scenario's key is there, and where the key falls short of the article.

    A function in ``functions`` (scored as the text) needs an explicit link to one of the scenario's key tasks,
    or a quote of at least four characters from the function's own paragraph in ``feedback_zh``. A function in
    ``functions_reading`` needs an interpretive link to one of the key tasks. One row per function: its
    ``layer`` (text / reading / omitted), its ``basis`` (e.g. ``explicit T3``, ``own paragraph``,
    ``interpretive T5``) and a ``problem`` ("" when none)."""
    tasks = [t for t in _ids(scenario["tasks"]) if t in set(art.task_ids())]
    text_key, reading_key = _ids(scenario["functions"]), _ids(scenario.get("functions_reading", ""))
    links = art.links[art.links["task_id"].isin(tasks)]
    explicit = {f: sorted(set(g["task_id"])) for f, g in links[links["basis"] == "explicit"].groupby("function_id")}
    interpretive = {f: sorted(set(g["task_id"]))
                    for f, g in links[links["basis"] == "interpretive"].groupby("function_id")}
    spans = {r.item_id: art.text[r.start:r.end] for r in art.items.itertuples()}
    quotes = [q for q in re.findall(r"“([^“”]*)”", str(scenario.get("feedback_zh", ""))) if len(q) >= 4]
    rows = []
    for f in text_key:
        if f in explicit:
            rows.append((f, "text", "explicit " + ",".join(explicit[f]), ""))
        elif any(q in spans.get(f, "") for q in quotes):
            rows.append((f, "text", "own paragraph", ""))
        elif f in interpretive:
            rows.append((f, "text", "interpretive " + ",".join(interpretive[f]),
                         "scored as the text, but only the editors' reading links it: move it to functions_reading"))
        else:
            rows.append((f, "text", "", "scored as the text, but no explicit link and no quote of its paragraph"))
    for f in reading_key:
        if f in explicit:
            rows.append((f, "reading", "explicit " + ",".join(explicit[f]),
                         "the article states this link: it belongs in functions, not functions_reading"))
        elif f in interpretive:
            rows.append((f, "reading", "interpretive " + ",".join(interpretive[f]), ""))
        else:
            rows.append((f, "reading", "", "no link of the curated layer gives it to the scenario's tasks"))
    for f in sorted(set(explicit) - set(text_key) - set(reading_key)):
        rows.append((f, "omitted", "explicit " + ",".join(explicit[f]),
                     "the article links it to a key task, but the key omits it"))
    return pd.DataFrame(rows, columns=["function_id", "layer", "basis", "problem"])


def scenario_key_problems(art: Article, scenario: pd.Series) -> list[str]:
    """Every way a scenario's key contradicts the article's explicit links, as messages naming the scenario."""
    table = scenario_key_basis(art, scenario)
    sid = scenario.get("scenario_id", "?")
    problems = [f"{sid}: {r.function_id}: {r.problem}" for r in table.itertuples() if r.problem]
    overlap = set(_ids(scenario["functions"])) & set(_ids(scenario.get("functions_reading", "")))
    problems += [f"{sid}: {f}: listed both as the text and as a reading" for f in sorted(overlap)]
    return problems


def scenario_layers_feedback(scenario: pd.Series, chosen: set[str]) -> dict[str, list[str]]:
    """Like ``scenario_feedback``, told apart by layer: ``matched``/``missed``/``extra`` score against what the
    text gives (functions and tasks); ``reading_shared``/``reading_not_chosen`` compare, unscored, with the
    editors' reading. A function of the reading is never counted as extra."""
    expected = set(_ids(scenario["functions"])) | set(_ids(scenario["tasks"]))
    reading = set(_ids(scenario.get("functions_reading", "")))
    return {
        "matched": sorted(chosen & expected),
        "missed": sorted(expected - chosen),
        "extra": sorted(chosen - expected - reading),
        "reading_shared": sorted(chosen & reading),
        "reading_not_chosen": sorted(reading - chosen),
    }


# ---------------------------------------------------------------- quiz: first attempts, recomputed


def first_per_participant(responses: pd.DataFrame) -> pd.DataFrame:
    """The first answer of each participant to each item: by submission time, then row id. Later attempts,
    made after the answer was shown, do not count."""
    if responses.empty:
        return responses
    order = [c for c in ("submitted_at", "id") if c in responses]
    return responses.sort_values(order, kind="stable").groupby(["participant", "item"], sort=False).head(1)


def _recomputed(question: pd.Series, answer: object) -> bool:
    """Correctness from the given answer and the key; whatever ``correct`` the stored answer claims is ignored.
    An answer that cannot be read (a gap in an order, a non-number) is not correct."""
    given = answer.get("given") if isinstance(answer, dict) else None
    if given is None or (isinstance(given, list) and None in given):
        return False
    try:
        return check_answer(question, given)
    except (TypeError, ValueError):
        return False


def quiz_first_attempts(responses: pd.DataFrame, quiz: pd.DataFrame) -> pd.DataFrame:
    """One row per participant and question: the first attempt, its recomputed correctness and how many
    attempts there were. Responses to questions not in ``quiz`` cannot be scored and are left out."""
    columns = ["participant", "group", "item", "attempts", "correct"]
    if responses.empty:
        return pd.DataFrame(columns=columns)
    questions = quiz.set_index("question_id")
    known = responses[responses["item"].isin(questions.index)]
    if known.empty:
        return pd.DataFrame(columns=columns)
    attempts = known.groupby(["participant", "item"]).size().rename("attempts")
    first = first_per_participant(known).join(attempts, on=["participant", "item"])
    rows = {question_id: questions.loc[question_id] for question_id in first["item"].unique()}
    first = first.assign(correct=[_recomputed(rows[i], a) for i, a in zip(first["item"], first["answer"], strict=True)])
    return first[columns].sort_values(["group", "participant", "item"]).reset_index(drop=True)


def quiz_facilitator_table(responses: pd.DataFrame, quiz: pd.DataFrame) -> pd.DataFrame:
    """For the facilitator only: per participant, questions answered, first attempts correct, score and the
    number of second tries. Names appear here, so never show it on a learner's screen."""
    first = quiz_first_attempts(responses, quiz)
    columns = ["participant", "group", "answered", "correct", "score", "retries"]
    if first.empty:
        return pd.DataFrame(columns=columns)
    table = first.groupby(["participant", "group"], as_index=False).agg(
        answered=("item", "count"), correct=("correct", "sum"), retries=("attempts", lambda s: int((s - 1).sum())))
    table["score"] = (table["correct"] / table["answered"]).round(2)
    return table[columns].sort_values(["group", "participant"]).reset_index(drop=True)


def quiz_group_view(responses: pd.DataFrame, quiz: pd.DataFrame, min_group: int = 3) -> dict[str, pd.DataFrame]:
    """What a learner may see of the others: aggregates without names, from first attempts.

    ``questions``: per question, participants who answered and the share correct. ``groups``: per group, the
    number of participants and their mean score, withheld (NaN) when fewer than ``min_group`` took part,
    because a mean over one or two people gives their scores away."""
    first = quiz_first_attempts(responses, quiz)
    if first.empty:
        return {"questions": pd.DataFrame(columns=["item", "answered", "share_correct"]),
                "groups": pd.DataFrame(columns=["group", "participants", "mean_score"])}
    questions = first.groupby("item", as_index=False).agg(answered=("participant", "nunique"),
                                                          share_correct=("correct", "mean"))
    questions["share_correct"] = questions["share_correct"].round(2)
    scores = first.groupby(["group", "participant"])["correct"].mean()
    groups = scores.groupby(level="group").agg(participants="size", mean_score="mean").reset_index()
    groups["mean_score"] = groups["mean_score"].round(2).where(groups["participants"] >= min_group)
    return {"questions": questions, "groups": groups}


def assessment_group_view(responses: pd.DataFrame, min_group: int = 3) -> pd.DataFrame:
    """What a learner may see of the group's self-ratings: per group, how many took part and the mean rating
    per dimension (latest self-assessment each), no names. A group with fewer than ``min_group`` participants
    gets no means, because a mean over one or two people gives their ratings on 自律 or 团结 away."""
    latest = latest_per_participant(responses)
    if latest.empty:
        return pd.DataFrame(columns=["group", "participants"])
    ratings = pd.DataFrame([a.get("ratings", {}) if isinstance(a, dict) else {} for a in latest["answer"]],
                           index=latest.index).apply(pd.to_numeric, errors="coerce")
    ratings["group"] = latest["group"].to_numpy()
    means = ratings.groupby("group").mean().round(2)
    counts = latest.groupby("group")["participant"].nunique().rename("participants")
    table = means.join(counts)
    table.loc[table["participants"] < min_group, means.columns] = float("nan")
    return table.reset_index()[["group", "participants", *means.columns]]
