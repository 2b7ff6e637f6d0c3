"""pyproject.toml and environment.yml (Binder, conda users) must name the same packages.

pyproject's ``[project] dependencies`` plus the ``test`` extra against environment.yml's conda and pip lists.
environment.yml is read by a small parser for the subset of YAML it uses, so the test needs no PyYAML; where
PyYAML happens to be installed, a second test checks that the parser agrees with it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from Python 3.11")

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
ENVIRONMENT = ROOT / "environment.yml"

# conda-forge package name -> PyPI distribution name, where they differ.
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib"}
# Entries of the conda list that are tools, not project dependencies.
NOT_DEPENDENCIES = {"python", "pip"}

_NAME_RE = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_MIN_VERSION_RE = re.compile(r">=\s*([0-9][^,;\s]*)")


def normalize_name(name: str) -> str:
    """PEP 503 form: lowercase, runs of ``-``, ``_`` and ``.`` become one ``-``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(spec: str) -> str:
    """The package name of a PEP 508 or conda spec (``pandas>=2.2``, ``python=3.11``, ``conda-forge::x``)."""
    spec = spec.split("::", 1)[-1]
    m = _NAME_RE.match(spec)
    if not m:
        raise ValueError(f"no package name in {spec!r}")
    return normalize_name(m.group(1))


def minimum_version(spec: str) -> str | None:
    m = _MIN_VERSION_RE.search(spec)
    return m.group(1) if m else None


def _strip_comment(line: str) -> str:
    """Drop a YAML comment: ``#`` at the start or after whitespace, outside quotes."""
    quote = None
    for i, ch in enumerate(line):
        if ch in "\"'" and quote in (None, ch):
            quote = None if quote else ch
        elif ch == "#" and quote is None and (i == 0 or line[i - 1].isspace()):
            return line[:i].rstrip()
    return line.rstrip()


def _scalar(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def parse_environment(text: str) -> dict:
    """Parse the environment.yml subset: ``name:``, ``channels:`` list, ``dependencies:`` list with ``- pip:``.

    Returns ``{"name": str | None, "channels": [...], "conda": [...], "pip": [...]}``.
    """
    result: dict = {"name": None, "channels": [], "conda": [], "pip": []}
    key = None
    pip_indent = None  # indent of the "- pip:" dash while inside its sub-list
    for raw in text.splitlines():
        line = _strip_comment(raw)
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        stripped = line.strip()
        if indent == 0 and not stripped.startswith("-"):
            name, _, value = stripped.partition(":")
            key, pip_indent = name.strip(), None
            if key == "name":
                result["name"] = _scalar(value)
            continue
        if not stripped.startswith("- ") and stripped != "-":
            raise ValueError(f"unsupported YAML line in environment file: {raw!r}")
        item = _scalar(stripped[1:])
        if key == "channels":
            result["channels"].append(item)
        elif key == "dependencies":
            if pip_indent is not None and indent > pip_indent:
                result["pip"].append(item)
                continue
            pip_indent = None
            if item == "pip:":
                pip_indent = indent
            else:
                result["conda"].append(item)
    return result


def pyproject_requirements() -> list[str]:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]  # every extra (test, book …) is installed by environment.yml too
    return list(project["dependencies"]) + [spec for specs in extras.values() for spec in specs]


def environment() -> dict:
    return parse_environment(ENVIRONMENT.read_text(encoding="utf-8"))


def environment_requirements(env: dict) -> list[str]:
    """Project packages of environment.yml: conda list (less python/pip) and pip list (less ``-e .``)."""
    conda = [s for s in env["conda"] if requirement_name(s) not in NOT_DEPENDENCIES]
    pip = [s for s in env["pip"] if not s.startswith("-")]
    return conda + pip


def by_name(specs: list[str], mapping: dict[str, str] | None = None) -> dict[str, str]:
    mapping = mapping or {}
    out = {}
    for spec in specs:
        name = requirement_name(spec)
        out[mapping.get(name, name)] = spec
    return out


def test_environment_yml_lists_the_same_packages_as_pyproject() -> None:
    pyproject = by_name(pyproject_requirements())
    env = by_name(environment_requirements(environment()), CONDA_TO_PYPI)
    assert pyproject, "no dependencies read from pyproject.toml"
    only_pyproject = sorted(set(pyproject) - set(env))
    only_env = sorted(set(env) - set(pyproject))
    assert not only_pyproject and not only_env, (
        f"pyproject.toml only: {only_pyproject}; environment.yml only: {only_env}"
    )


def test_minimum_versions_agree() -> None:
    pyproject = by_name(pyproject_requirements())
    env = by_name(environment_requirements(environment()), CONDA_TO_PYPI)
    differ = {
        name: (pyproject[name], env[name])
        for name in sorted(set(pyproject) & set(env))
        if minimum_version(pyproject[name]) != minimum_version(env[name])
    }
    assert not differ, f"minimum versions differ (pyproject, environment.yml): {differ}"


def test_environment_is_conda_forge_only_and_installs_the_package() -> None:
    env = environment()
    assert env["name"] == "office-roles"
    assert [c for c in env["channels"] if c != "nodefaults"] == ["conda-forge"]
    assert "pip" in env["conda"], "pip must be listed for the pip: sub-list to install"
    assert "-e ." in env["pip"], "Binder installs the office_roles package through '-e .'"
    python = [s for s in env["conda"] if requirement_name(s) == "python"]
    assert len(python) == 1, "pin the Python version once"
    requires = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["requires-python"]
    pinned = tuple(int(x) for x in re.findall(r"\d+", python[0])[:2])
    floor = tuple(int(x) for x in re.findall(r"\d+", requires)[:2])
    assert ">=" in requires and pinned >= floor, f"{python[0]} does not satisfy requires-python {requires}"


def test_parser_reads_pip_sublist_comments_and_quotes() -> None:
    text = (
        "# comment\nname: demo  # trailing\nchannels:\n  - conda-forge\ndependencies:\n"
        "  - python=3.11\n  - \"pandas>=2.2\"  # quoted\n  - pip\n  - pip:\n      - some-pkg>=1  # pip only\n"
        "      - -e .\n  - ruff\n"
    )
    env = parse_environment(text)
    assert env == {
        "name": "demo",
        "channels": ["conda-forge"],
        "conda": ["python=3.11", "pandas>=2.2", "pip", "ruff"],
        "pip": ["some-pkg>=1", "-e ."],
    }
    assert [requirement_name(s) for s in env["conda"]] == ["python", "pandas", "pip", "ruff"]
    assert requirement_name("Python_Docx[extra]>=1.1 ; python_version>'3'") == "python-docx"
    assert minimum_version("jieba>=0.42.1") == "0.42.1"


def test_parser_agrees_with_pyyaml() -> None:
    yaml = pytest.importorskip("yaml")
    data = yaml.safe_load(ENVIRONMENT.read_text(encoding="utf-8"))
    conda = [d for d in data["dependencies"] if isinstance(d, str)]
    pip = [p for d in data["dependencies"] if isinstance(d, dict) for p in d.get("pip", [])]
    env = environment()
    assert (env["name"], env["channels"], env["conda"], env["pip"]) == (data["name"], data["channels"], conda, pip)
