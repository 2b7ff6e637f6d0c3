"""deploy/z2jh: the values file's memory numbers and the sizing table follow from the figures measured in README.md
(per learner, server, kernel) and deploy/z2jh/README.md (what the PostgreSQL driver adds), by the arithmetic the
deploy README shows; and the hub's spawner hook gives each learner the login `grant-learner` made for them."""

from __future__ import annotations

import math
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from office_roles.store_cli import learner_password, login_url

yaml = pytest.importorskip("yaml", reason="PyYAML reads the chart's values file")

ROOT = Path(__file__).resolve().parent.parent
VALUES = ROOT / "deploy" / "z2jh" / "values.yaml"
DEPLOY_README = ROOT / "deploy" / "z2jh" / "README.md"
HEADROOM = 1.25  # README.md: "25 % headroom for peaks"


def number(pattern: str, text: str) -> float:
    found = re.search(pattern, text)
    assert found, f"not found: {pattern}"
    return float(found.group(1).replace(",", ""))


def megabytes(value: str) -> int:
    """KubeSpawner's byte specification: M = 2**20 bytes (the MB of the benchmarks)."""
    found = re.fullmatch(r"(\d+)M", str(value))
    assert found, f"{value!r}: write memory as a whole number of M"
    return int(found.group(1))


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load(VALUES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def measured() -> dict[str, float]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    deploy = DEPLOY_README.read_text(encoding="utf-8")
    figures = {
        "learner": number(r"Per learner about (\d+) MB", readme),
        "server": number(r"\| the same server after rendering the app \| (\d+) \|", readme),
        "kernel": number(r"\| the app's kernel, started by that server \| (\d+) \|", readme),
        "driver": number(r"the PostgreSQL driver and pool add (\d+) MB to a kernel", deploy),
        "headroom": number(r"(\d+) % headroom for peaks", readme),
    }
    assert figures["headroom"] == (HEADROOM - 1) * 100
    assert abs(figures["server"] + figures["kernel"] - figures["learner"]) <= 2, figures  # the README adds up
    return figures


def test_memory_guarantee_and_limit_follow_from_the_measured_figures(values, measured) -> None:
    memory = values["singleuser"]["memory"]
    guarantee = round((measured["learner"] + measured["driver"]) * HEADROOM)
    limit = round((measured["server"] + 2 * (measured["kernel"] + measured["driver"])) * HEADROOM)
    assert megabytes(memory["guarantee"]) == guarantee, f"guarantee: ({measured}) gives {guarantee}M"
    assert megabytes(memory["limit"]) == limit, f"limit: ({measured}) gives {limit}M"
    deploy = DEPLOY_README.read_text(encoding="utf-8")
    assert f"**{guarantee} MB**" in deploy and f"**{limit} MB**" in deploy


def test_the_sizing_table_follows_from_the_guarantee(values) -> None:
    deploy = DEPLOY_README.read_text(encoding="utf-8")
    guarantee = megabytes(values["singleuser"]["memory"]["guarantee"])
    allocatable = number(r"about 13 GB \(([\d,]+) MB\) allocatable", deploy)
    per_node = math.floor(allocatable / guarantee)
    assert f"**{per_node} learners per node**" in deploy
    placeholders = values["scheduling"]["userPlaceholder"]["replicas"]
    per_connection = number(r"connection costs the server about ([\d.]+) MB", deploy)
    rows = re.findall(r"^\| (\d+) \| (\d+) \| \d+ × (\d+) MB = ([\d.]+) GB \| (\d+) \| \(128 \+ \d+ × [\d.]+\) × 2 = "
                      r"(\d+) MB", deploy, re.MULTILINE)
    assert [int(r[0]) for r in rows] == [30, 100, 300], "the table must size 30, 100 and 300 learners"
    for learners, nodes, row_guarantee, reserved, connections, db_memory in rows:
        n = int(learners)
        assert int(nodes) == math.ceil((n + placeholders) / per_node), f"nodes for {n}"
        assert int(row_guarantee) == guarantee
        assert float(reserved) == round(n * guarantee / 1024, 1), f"memory for {n}"
        assert int(connections) == math.ceil((n + 8) / 50) * 50, f"connections for {n}"
        assert int(db_memory) == round((128 + int(connections) * per_connection) * 2), f"database memory for {n}"


def test_culling_and_the_image_are_configured(values) -> None:
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] > 0
    single = values["singleuser"]
    copy = " ".join(single["lifecycleHooks"]["postStart"]["exec"]["command"])
    source = re.search(r"cp -Rn (/\S+) /home/jovyan/", copy)
    assert source, "the notebooks are copied into the home folder without overwriting (-n)"
    folder = Path(source.group(1)).name
    notebook = Path(single["defaultUrl"].removeprefix("/voila/render/"))
    assert notebook.parts[0] == folder and (ROOT / Path(*notebook.parts[1:])).is_file(), single["defaultUrl"]
    env = values["hub"]["extraEnv"]
    assert env["OFFICE_ROLES_DATABASE"]["valueFrom"]["secretKeyRef"]["name"] == "office-roles-store"
    shared = values["singleuser"].get("extraEnv", {})
    assert "OFFICE_ROLES_STORE" not in shared, "one login per learner, never one for all"


def test_the_hub_serves_the_app_with_its_own_template(values) -> None:
    """The image holds the repository at /srv/office-roles (the postStart copy's source): JUPYTER_PATH must name
    its share/jupyter, and the server's Voilà configuration the template found there (the one `make app` uses)."""
    single = values["singleuser"]
    source = re.search(r"cp -Rn (/\S+) ", " ".join(single["lifecycleHooks"]["postStart"]["exec"]["command"]))
    jupyter_path = Path(single["extraEnv"]["JUPYTER_PATH"])
    assert jupyter_path.parent.parent == Path(source.group(1)), jupyter_path
    config = single["extraFiles"]["voila-template"]
    assert config["mountPath"] == "/etc/jupyter/voila.json"  # where Voilà's server extension looks (a config path)
    template = config["data"]["VoilaConfiguration"]["template"]
    in_repository = ROOT / jupyter_path.relative_to(source.group(1))
    assert (in_repository / "voila" / "templates" / template / "index.html.j2").is_file()
    assert f"--template={template}" in (ROOT / "Makefile").read_text(encoding="utf-8")


@pytest.mark.parametrize(("admin", "query"), [(False, ""), (True, ""), (False, "?sslmode=require")])
def test_the_spawner_hook_hands_each_learner_their_own_login(values, monkeypatch, admin, query) -> None:
    # a managed database's options (sslmode=require) reach the learner's URL too
    monkeypatch.setenv("OFFICE_ROLES_DATABASE", "postgresql://class-db-postgresql:5432/postgres" + query)
    monkeypatch.setenv("OFFICE_ROLES_LEARNER_SECRET", "s3cret")
    monkeypatch.setenv("OFFICE_ROLES_FACILITATOR_CODE", "open-sesame")
    config = SimpleNamespace(KubeSpawner=SimpleNamespace())
    exec(values["hub"]["extraConfig"]["office-roles-store"], {"c": config})  # noqa: S102 (our own file)
    spawner = SimpleNamespace(user=SimpleNamespace(name="李雷@class", admin=admin), environment={})
    config.KubeSpawner.pre_spawn_hook(spawner)
    expected = login_url("postgresql://class-db-postgresql:5432/postgres" + query, "李雷@class",
                         learner_password("s3cret", "李雷@class"))
    assert spawner.environment["OFFICE_ROLES_STORE"] == expected
    assert ("OFFICE_ROLES_FACILITATOR_CODE" in spawner.environment) is admin
