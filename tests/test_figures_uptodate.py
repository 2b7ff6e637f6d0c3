"""The committed figures under figures/ are what the code draws today, byte for byte; drawing is stable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from office_roles.plots import files as figure_files
from office_roles.settings import settings

NAMES = {"roles_heatmap", "roles_network", "coverage", "outline_map", "sizes", "language_patterns", "stated_links"}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return figure_files.render_all(tmp_path_factory.mktemp("figures"))


def test_figures_folder_has_png_and_svg_of_every_figure():
    assert set(figure_files.FIGURES) == NAMES
    assert set(figure_files.expected_files()) == {f"{n}.{ext}" for n in NAMES for ext in ("png", "svg")}
    missing = [f for f in figure_files.expected_files() if not (settings.figures_dir / f).is_file()]
    assert not missing, f"run `python -m office_roles.plots` to write {missing}"


def test_committed_figures_are_up_to_date(rendered):
    """The same comparison as `python -m office_roles.plots --check`, in-process."""
    assert [p.name for p in rendered] == figure_files.expected_files()
    problems = figure_files.compare(rendered, settings.figures_dir)
    assert not problems, "\n".join(problems) + "\nrun `python -m office_roles.plots`"


def test_rendering_twice_gives_identical_bytes(rendered, tmp_path: Path):
    again = figure_files.render_all(tmp_path)
    assert figure_files.compare(again, rendered[0].parent) == []
    for path in again:
        data = path.read_bytes()
        assert b"Matplotlib" not in data and b"<dc:date>" not in data  # no version, no clock


def test_check_lists_missing_and_changed_files(rendered, tmp_path: Path):
    for path in rendered:
        shutil.copy(path, tmp_path / path.name)
    assert sorted(figure_files.compare(rendered, tmp_path)) == []
    (tmp_path / "sizes.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "coverage.png").unlink()
    assert sorted(figure_files.compare(rendered, tmp_path)) == [
        f"differs: {tmp_path / 'sizes.svg'}",
        f"missing: {tmp_path / 'coverage.png'}",
    ]
