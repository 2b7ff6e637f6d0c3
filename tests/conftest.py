"""Shared pytest set-up. Keep it small: nbval collects the notebooks in this same pytest session."""

from __future__ import annotations

import matplotlib
import pytest

# Draw off-screen in the pytest process (unit tests that make figures). This uses matplotlib.use() and not
# os.environ["MPLBACKEND"] = "Agg" on purpose: nbval starts every notebook kernel with this process's
# environment, and an inherited MPLBACKEND=Agg stops ipykernel from choosing its inline backend, so every
# plt.show() would print nothing and each figure cell would differ from the outputs saved by `make build`.
matplotlib.use("Agg", force=True)

# Notebooks under tests/ (fixtures) are data for unit tests: `make test` passes --nbval, and nbval would
# otherwise collect and run them. The pattern is relative to this folder and matches at any depth.
collect_ignore_glob = ["*.ipynb"]


@pytest.fixture(scope="session")
def art():
    """The seed article, parsed once for the whole run. Tests read it; a test that changes a table copies it."""
    import office_roles as orl

    return orl.load_article()


@pytest.fixture(scope="module")
def data(art):
    """The exercises' data (quiz, scenarios, prompts, plans) for the seed; once per test module."""
    from office_roles import exercises

    return exercises.load_exercises(art=art)


@pytest.fixture
def store(tmp_path):
    """A fresh SQLite response store in the test's own folder."""
    from office_roles.store import ResponseStore

    with ResponseStore(tmp_path / "responses.sqlite") as opened:
        yield opened
