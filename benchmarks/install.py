"""How long a cold install takes: today's pip recipe against the lock installed with uv, side by side in one run.

Run: ``python benchmarks/install.py`` (about 5 minutes; prints a Markdown table for the README). Needs network
access to PyPI; ``--skip NAME`` leaves a variant out.

Every variant starts cold: a new venv in an empty temporary folder, and empty cache folders for both installers
(``PIP_CACHE_DIR``, ``UV_CACHE_DIR``), so every wheel is downloaded again. Both installers read PyPI only: pip's
configuration files and ``PIP_*`` index settings are switched off (uv does not read them), and no ``uv`` on PATH
is visible, so the locked install has to bootstrap uv into the venv as on a bare machine (CI).

* **before**: the recipe of the Makefile before the lock: ``python -m venv``, ``pip install --upgrade pip``,
  ``pip install -e '.[test]'`` (pip resolves the ranges of pyproject.toml).
* **make install (uv)**: ``make install``: the venv, uv bootstrapped from PyPI, then ``requirements/test.txt``
  and the package (what CI and authors run).
* **make install (pip)**: the same with ``INSTALLER=pip``: the fallback where uv cannot be installed.
* **make lab (uv)**: the learners' set, ``requirements/lab.txt``, which ``make lab`` installs.

Seconds are wall-clock time of the whole command; "× faster" is the before time over the variant's time.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = shutil.which("python3") or sys.executable
BEFORE = "before: pip, no lock"
VARIANTS = [BEFORE, "make install (uv)", "make install (pip)", "make lab (uv)"]
TIMEOUT_S = 1200


def clean_env(tmp: Path) -> dict[str, str]:
    """Environment of a cold install: empty caches, PyPI only, no uv on PATH, no venv active."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PIP_", "UV_", "VIRTUAL_ENV", "CONDA")) or k == "PIP_CERT"}
    path = [d for d in env.get("PATH", "").split(os.pathsep) if d and not (Path(d) / "uv").exists()]
    (tmp / "pip-cache").mkdir()
    (tmp / "uv-cache").mkdir()
    env.update(PATH=os.pathsep.join(path), PIP_CACHE_DIR=str(tmp / "pip-cache"), UV_CACHE_DIR=str(tmp / "uv-cache"),
               PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHON=PYTHON)
    return env


def commands(variant: str, venv: Path) -> list[list[str]]:
    python = str(venv / "bin" / "python")
    make = ["make", "--no-print-directory", f"VENV={venv}", f"PYTHON={PYTHON}"]
    if variant == BEFORE:
        return [[PYTHON, "-m", "venv", str(venv)],
                [python, "-m", "pip", "install", "--upgrade", "pip"],
                [python, "-m", "pip", "install", "-e", ".[test]"]]
    if variant == "make install (uv)":
        return [[*make, "install"]]
    if variant == "make install (pip)":
        return [[*make, "install", "INSTALLER=pip"]]
    if variant == "make lab (uv)":
        return [[*make, f"{venv}/.installed-lab"]]
    raise ValueError(variant)


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


def packages(venv: Path) -> int:
    out = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "list", "--format=freeze"], check=True,
                         capture_output=True, text=True, env={**os.environ, "PIP_CONFIG_FILE": os.devnull}).stdout
    return sum(1 for line in out.splitlines() if "==" in line and not line.lower().startswith(("pip==", "uv==")))


def run_variant(variant: str) -> tuple[float, float, int]:
    """Seconds for one cold install, the venv's size in MB and its number of packages (pip and uv not counted)."""
    with tempfile.TemporaryDirectory(prefix="office-roles-install-") as tmp_name:
        tmp = Path(tmp_name)
        env, venv = clean_env(tmp), tmp / "venv"
        log = tmp / "log.txt"
        start = time.perf_counter()
        with log.open("w") as out:
            for cmd in commands(variant, venv):
                done = subprocess.run(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                      timeout=TIMEOUT_S, check=False)
                if done.returncode:
                    raise SystemExit(f"{variant}: {' '.join(cmd)} failed ({done.returncode}):\n"
                                     f"{log.read_text()[-4000:]}")
        seconds = time.perf_counter() - start
        return seconds, folder_mb(venv), packages(venv)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip", action="append", default=[], choices=VARIANTS[1:], help="leave a variant out")
    args = parser.parse_args(argv)
    rows = []
    for variant in VARIANTS:
        if variant in args.skip:
            continue
        seconds, mb, count = run_variant(variant)
        print(f"{variant}: {seconds:.1f} s", file=sys.stderr)
        rows.append((variant, seconds, mb, count))
    before = rows[0][1]
    print(f"Cold installs, one run (Python {platform.python_version()}, {os.cpu_count()} CPUs; new venv, empty pip "
          "and uv caches, PyPI only, uv bootstrapped into the venv):\n")
    print("| install | seconds | × faster than before | venv MB | packages |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for variant, seconds, mb, count in rows:
        print(f"| {variant} | {seconds:.1f} | {before / seconds:.1f}× | {mb:.0f} | {count} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
