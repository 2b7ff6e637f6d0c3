"""Chinese in figures: register Noto Sans SC (shipped by the `pylopdf-fonts-zh-cn` wheel) as a fallback.

Why this font package: it is a 17 MB wheel holding only the OFL-licensed Noto Sans SC / Noto Serif SC, whereas
`mplfonts` is an 85 MB wheel that also bundles a SimHei.ttf of unclear licence. Fonts added with
``fontManager.addfont`` are not cached by matplotlib, so this runs at every import; nothing is written into
matplotlib's install directory and nothing is downloaded.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager

LATIN_FAMILY = "DejaVu Sans"


def cjk_font_path() -> Path:
    import pylopdf_fonts_zh_cn

    return Path(pylopdf_fonts_zh_cn.sans_path())


def register_cjk_font() -> str:
    """Add the CJK font and put it after the Latin font in ``font.family``; return its family name.

    Keeping DejaVu Sans first keeps Latin text and the minus sign as before; matplotlib (≥3.6) falls back per
    glyph to the next family in the list.
    """
    path = cjk_font_path()
    if not path.is_file():
        raise FileNotFoundError(
            f"The CJK font {path} is missing: reinstall the dependency with `pip install pylopdf-fonts-zh-cn`."
        )
    font_manager.fontManager.addfont(str(path))
    family = font_manager.FontProperties(fname=str(path)).get_name()
    mpl.rcParams["font.family"] = [LATIN_FAMILY, family]
    mpl.rcParams["svg.hashsalt"] = "office-roles"
    mpl.rcParams["svg.fonttype"] = "path"
    return family
