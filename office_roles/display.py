"""Display settings for the notebooks, so tables look the same on every machine (nbval compares them) and no
cell is ever cut: pandas' default display shortens long text with "...", which would cut the article's quotes."""

from __future__ import annotations

import pandas as pd


def setup_notebook(width: int = 160, max_rows: int = 60) -> None:
    """Align Chinese in text tables (east-asian width) and show every cell whole; call once per notebook."""
    pd.set_option("display.unicode.east_asian_width", True)
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.width", width)
    pd.set_option("display.max_columns", 12)
    pd.set_option("display.max_rows", max_rows)
