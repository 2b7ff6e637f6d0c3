"""The one size limit for every way a text comes in (files, uploads, pasted text), shared by every reader.

An article is a few thousand characters; 2 M characters (about 6 MB of UTF-8 Chinese, 8 MB as UTF-32) is far more
than any text of the genre, and at the limit one parse takes one to two seconds (benchmarks/README.md).
"""

from __future__ import annotations

MAX_TEXT_CHARS = 2_000_000
MAX_SOURCE_BYTES = 8_000_000
