"""pyproject.toml, the lock files and environment.yml (Binder, conda users) must describe the same packages.

* environment.yml is the learners' set: pyproject's ``[project] dependencies`` (not the ``test`` extra) against its
  conda and pip lists. It is read by a small parser for the subset of YAML it uses, so the test needs no PyYAML;
  where PyYAML happens to be installed, a second test checks that the parser agrees with it.
* requirements/test.txt and requirements/lab.txt (``make lock``) pin exactly the direct requirements of ``.[test,book]``
  and of the base set, within pyproject's ranges; the learners' pins are the test pins less the test tools; and a
  venv that ``make install`` filled holds exactly the pinned versions.
"""

from __future__ import annotations

import importlib.metadata
import re
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

tomllib = pytest.importorskip("tomllib", reason="tomllib is in the standard library from Python 3.11")

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
ENVIRONMENT = ROOT / "environment.yml"
MAKEFILE = ROOT / "Makefile"
LOCK_TEST = ROOT / "requirements" / "test.txt"
LOCK_LAB = ROOT / "requirements" / "lab.txt"
# How uv marks a direct requirement in a lock compiled from pyproject.toml (--annotation-style line).
DIRECT = "office-roles (pyproject.toml)"

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


# The extras the test set installs (make install / make test): the test tools and the book's build tools.
TEST_EXTRAS = ("test", "book")


def pyproject_requirements(extra: str | tuple[str, ...] | None = None) -> list[str]:
    """The base dependencies, plus those of ``extra`` (one extra or several) if given."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    extras = (extra,) if isinstance(extra, str) else (extra or ())
    return list(project["dependencies"]) + [s for e in extras for s in project["optional-dependencies"][e]]


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
    test_tools = sorted(set(env) & set(by_name(pyproject_requirements("test"))) - set(pyproject))
    assert not test_tools, f"environment.yml is the learners' set; drop the test tools {test_tools}"
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


# ---------------------------------------------------------------------------------------------------------
# The lock files


def read_lock(path: Path) -> list[tuple[Requirement, str]]:
    """Each pin of a ``uv pip compile`` file with its ``# via`` annotation; a line that is not ``name==version``
    is refused with its line number."""
    pins = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        spec, _, via = line.partition("#")
        if not spec.strip():
            continue
        req = Requirement(spec.strip())
        if len(req.specifier) != 1 or next(iter(req.specifier)).operator != "==":
            raise ValueError(f"{path.name}:{number}: not an exact pin: {line!r}")
        pins.append((req, via))
    return pins


def pinned_version(req: Requirement) -> str:
    return next(iter(req.specifier)).version


@pytest.mark.parametrize(("lock", "extra"), [(LOCK_LAB, None), (LOCK_TEST, TEST_EXTRAS)], ids=["lab", "test"])
def test_lock_pins_exactly_the_direct_requirements_within_their_ranges(lock: Path, extra: str | None) -> None:
    wanted = {requirement_name(s): Requirement(s) for s in pyproject_requirements(extra)}
    pins = read_lock(lock)
    direct = {canonicalize_name(req.name) for req, via in pins if DIRECT in via}
    assert direct == set(wanted), (
        f"{lock.name} is stale, run `make lock`: pyproject only {sorted(set(wanted) - direct)}, "
        f"lock only {sorted(direct - set(wanted))}"
    )
    outside = [f"{req} (pyproject: {wanted[canonicalize_name(req.name)]})" for req, _ in pins
               if canonicalize_name(req.name) in wanted
               and not wanted[canonicalize_name(req.name)].specifier.contains(pinned_version(req), prereleases=True)]
    assert not outside, f"{lock.name} pins outside pyproject's ranges, run `make lock`: {outside}"


def test_learners_get_the_test_pins_without_the_test_tools() -> None:
    lab = {(canonicalize_name(r.name), pinned_version(r), str(r.marker)) for r, _ in read_lock(LOCK_LAB)}
    test = {(canonicalize_name(r.name), pinned_version(r), str(r.marker)) for r, _ in read_lock(LOCK_TEST)}
    assert lab, "no pins read from requirements/lab.txt"
    assert lab < test, f"learners' pins that CI does not test, run `make lock`: {sorted(lab - test)}"
    tools = {requirement_name(s) for s in pyproject_requirements("test")} - {
        requirement_name(s) for s in pyproject_requirements()}
    assert tools and not tools & {name for name, _, _ in lab}, "test tools in the learners' lock"


def test_lock_covers_every_python_the_project_supports() -> None:
    requires = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["requires-python"]
    floor = re.fullmatch(r">=\s*(\d+\.\d+)", requires.strip())
    assert floor, f"requires-python {requires!r}: the lock floor is read from a plain '>=X.Y'"
    lock_python = re.search(r"^LOCK_PYTHON = (\S+)$", MAKEFILE.read_text(encoding="utf-8"), re.MULTILINE)
    assert lock_python and lock_python.group(1) == floor.group(1), (
        f"Makefile LOCK_PYTHON must be requires-python's floor {floor.group(1)}"
    )
    for lock in (LOCK_LAB, LOCK_TEST):
        for python in ("3.10.0", "3.11.0", "3.13.0"):
            env = {"python_version": python.rsplit(".", 1)[0], "python_full_version": python, "sys_platform": "linux",
                   "platform_system": "Linux", "implementation_name": "cpython",
                   "platform_python_implementation": "CPython", "os_name": "posix", "platform_machine": "x86_64"}
            names = [canonicalize_name(r.name) for r, _ in read_lock(lock)
                     if r.marker is None or r.marker.evaluate(env)]
            twice = sorted({n for n in names if names.count(n) > 1})
            assert not twice, f"{lock.name}: two pins apply on Python {python}: {twice}"
            assert set(by_name(pyproject_requirements(None if lock is LOCK_LAB else TEST_EXTRAS))) <= set(names), (
                f"{lock.name}: a direct requirement has no pin on Python {python}"
            )


def test_parser_refuses_a_range_in_a_lock(tmp_path: Path) -> None:
    lock = tmp_path / "lock.txt"
    lock.write_text("# header\npandas==3.1.1 ; python_full_version >= '3.11'  # via office-roles\nnumpy>=2\n")
    with pytest.raises(ValueError, match=r"lock.txt:3: not an exact pin"):
        read_lock(lock)


def test_this_venv_holds_the_locked_versions() -> None:
    """`make install` leaves a stamp in the venv; such a venv must hold exactly what requirements/test.txt pins."""
    if not (Path(sys.prefix) / ".installed-test").is_file():
        pytest.skip(f"{sys.prefix} was not filled by `make install` (no .installed-test stamp)")
    differ = {}
    for req, _ in read_lock(LOCK_TEST):
        if req.marker is not None and not req.marker.evaluate():
            continue
        try:
            installed = importlib.metadata.version(req.name)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != pinned_version(req):
            differ[req.name] = (pinned_version(req), installed)
    assert not differ, f"installed versions differ from requirements/test.txt (locked, installed): {differ}"
