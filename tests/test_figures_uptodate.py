"""The committed figures under figures/ are what the code draws today, byte for byte; drawing is stable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from office_roles import figures_cli
from office_roles.settings import settings

NAMES = {"roles_heatmap", "roles_network", "coverage", "outline_map", "sizes", "language_patterns"}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return figures_cli.render_all(tmp_path_factory.mktemp("figures"))


def test_figures_folder_has_png_and_svg_of_every_figure():
    assert set(figures_cli.FIGURES) == NAMES
    assert set(figures_cli.expected_files()) == {f"{n}.{ext}" for n in NAMES for ext in ("png", "svg")}
    missing = [f for f in figures_cli.expected_files() if not (settings.figures_dir / f).is_file()]
    assert not missing, f"run `python -m office_roles.figures_cli` to write {missing}"


def test_committed_figures_are_up_to_date(rendered):
    """The same comparison as `python -m office_roles.figures_cli --check`, in-process."""
    assert [p.name for p in rendered] == figures_cli.expected_files()
    problems = figures_cli.compare(rendered, settings.figures_dir)
    assert not problems, "\n".join(problems) + "\nrun `python -m office_roles.figures_cli`"


def test_rendering_twice_gives_identical_bytes(rendered, tmp_path: Path):
    again = figures_cli.render_all(tmp_path)
    assert figures_cli.compare(again, rendered[0].parent) == []
    for path in again:
        data = path.read_bytes()
        assert b"Matplotlib" not in data and b"<dc:date>" not in data  # no version, no clock


def test_check_lists_missing_and_changed_files(rendered, tmp_path: Path):
    for path in rendered:
        shutil.copy(path, tmp_path / path.name)
    assert figures_cli.compare(rendered, tmp_path) == []
    (tmp_path / "sizes.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "coverage.png").unlink()
    assert figures_cli.compare(rendered, tmp_path) == [
        f"missing: {tmp_path / 'coverage.png'}",
        f"differs: {tmp_path / 'sizes.svg'}",
    ]
