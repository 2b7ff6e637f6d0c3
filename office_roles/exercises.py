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
    """Compare the ids a learner picked with the scenario's expected ones."""
    expected = {x.strip() for x in (scenario["functions"] + "," + scenario["tasks"]).split(",") if x.strip()}
    return {
        "matched": sorted(chosen & expected),
        "missed": sorted(expected - chosen),
        "extra": sorted(chosen - expected),
    }


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
    """Per participant: questions answered and answered correctly (latest attempt per question)."""
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
