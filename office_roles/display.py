"""Display settings for the notebooks, so tables look the same on every machine (nbval compares them)."""

from __future__ import annotations

import pandas as pd


def setup_notebook(max_colwidth: int = 48, width: int = 160) -> None:
    """Align Chinese in text tables (east-asian width) and cap wide cells; call once per notebook."""
    pd.set_option("display.unicode.east_asian_width", True)
    pd.set_option("display.max_colwidth", max_colwidth)
    pd.set_option("display.width", width)
    pd.set_option("display.max_columns", 12)
    pd.set_option("display.max_rows", 40)
