"""The logic behind the discussion exercises, kept apart from the widgets so it can be tested directly:
exercise data (quiz, scenarios, prompts) as a validated data package, scoring, scenario keys and what a learner
may see of the group. Agreement on the mapping lives in :mod:`office_roles.agreement`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .agreement import (  # noqa: F401 (part of this module's API since the first release)
    LAYERS,
    cohens_kappa,
    compare_mapping,
    fleiss_kappa,
    group_agreement,
    latest_per_participant,
    layered_disagreements,
    mapping_distribution,
    mapping_layers,
    mapping_matrix,
)
from .article import Article
from .curated import read_package
from .errors import CuratedDataError
from .settings import settings

OPTION_SEP = " | "
# A leading English article is not part of the answer: "the external brain" is "external brain".
_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
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


def pick_questions(quiz: pd.DataFrame, n: int | None = None, part: str | None = None) -> pd.DataFrame:
    """The questions a facilitator chose for a session: those of one part (P1, P2, P3) and/or the first ``n``, in
    the quiz's order (so every group of the class gets the same questions)."""
    chosen = quiz
    if part is not None:
        parts = sorted(set(quiz["part_id"]))
        if part not in parts:
            raise ValueError(f"no quiz questions for part {part!r}; parts are {parts}")
        chosen = chosen[chosen["part_id"] == part]
    if n is not None:
        if n < 1:
            raise ValueError(f"choose at least one question, not {n}")
        chosen = chosen.head(n)
    return chosen.reset_index(drop=True)


def _normalise(text: str) -> str:
    return _IGNORED.sub("", _ARTICLE.sub("", text.strip())).lower()


def fill_answers(question: pd.Series, language: str = "both") -> list[str]:
    """The accepted fill-ins of a question: the Chinese (``answer``) for ``zh``, the English (``answer_en``: the
    translation's words, a glossary term's English and variants) for ``en``, both for ``both``."""
    def split(column: str) -> list[str]:
        value = question.get(column)
        return [] if value is None or pd.isna(value) else [a.strip() for a in str(value).split("|") if a.strip()]

    chinese, english = split("answer"), split("answer_en")
    return {"zh": chinese, "en": english or chinese}.get(language, chinese + english)


def fill_key(question: pd.Series, language: str) -> str:
    """A fill-in's expected answer as the reader of ``language`` is shown it: the Chinese in ``zh``; in ``en``
    the English with the Chinese after it, since the English reader may have typed either."""
    chinese = " / ".join(fill_answers(question, "zh"))
    english = " / ".join(a for a in fill_answers(question, "en") if a not in fill_answers(question, "zh"))
    if language == "zh" or not english:
        return chinese
    return f"{english} ({chinese})" if language == "en" else f"{chinese} · {english}"


def check_answer(question: pd.Series, answer: object) -> bool:
    """Score one quiz answer. choice: option number; multi: set of numbers; fill: text (Chinese or English, see
    ``fill_answers``); order: list of numbers."""
    qtype, key = question["qtype"], question["answer"]
    if qtype == "choice":
        return str(answer).strip() == key.strip()
    if qtype == "multi":
        chosen = {int(x) for x in (answer or [])}
        return chosen == {int(x) for x in key.split(",")}
    if qtype == "order":
        return [int(x) for x in (answer or [])] == [int(x) for x in key.split(",")]
    if qtype == "fill":
        # Chinese and English are accepted in every edition, so a score means the same whichever a learner used.
        given = _normalise(str(answer or ""))
        return bool(given) and given in {_normalise(a) for a in fill_answers(question, "both")}
    raise ValueError(f"unknown question type {qtype!r}")


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


def assessment_averages(responses: pd.DataFrame) -> pd.Series:
    """Mean rating per dimension over participants (latest self-assessment each)."""
    latest = latest_per_participant(responses)
    if latest.empty:
        return pd.Series(dtype="float64")
    ratings = pd.DataFrame([a.get("ratings", {}) for a in latest["answer"]])
    return ratings.mean().round(2)


# ---------------------------------------------------------------- scenario keys: the text and a reading


def _ids(cell: object) -> list[str]:
    return [x.strip() for x in str(cell or "").split(",") if x.strip()]


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
