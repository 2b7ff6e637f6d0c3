"""From a saved forum page (or pasted text) to the article's clean text.

The rules describe Discuz forum pages such as 老秘网's, not one page: the post header
(``<poster> 发表于 <date>``), the thread title repeated at the top of the post, the reply box and footer that
close the first post, and Discuz's anti-scraping "jammer" strings. Text without a post header is treated as
plain text copied from a web page: the jammers, HTML tags left in it and the lines of web-page chrome (a
breadcrumb, the page's metadata line, a download site's notice, an editor's credit) are removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .textnorm import fold_width, strip_invisible

# The poster's name ends on a non-space character, so the spaces before 发表于 are tried once, not once for every
# position inside a long run of spaces: the match stays linear.
POST_HEADER = re.compile(
    r"^\s*(?P<poster>\S(?:.*?\S)?)\s+发表于\s+(?P<posted>\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?)"
)
# Lines of forum chrome around a post body (Discuz templates), matched anywhere in the line.
CHROME_LINE = re.compile(
    r"复制链接|显示全部楼层|阅读模式|点击了解详情|上一主题|下一主题|只看该作者|使用道具|举报"
)
# The first post ends where the reply box or the page footer begins.
FOOTER_LINE = re.compile(
    r"^\s*(您需要登录后才可以回帖|本版积分规则|发表回复|返回列表|回复\s*举报|Powered by|Copyright)"
)
# Chrome of other web pages a text is copied from (reading sites, document-sharing sites): a breadcrumb of short
# names joined by >, » or › (学习啦>实用范文>致辞讲话>), the page's metadata line (更新时间:2024-04-11 … 阅读量),
# a download site's notice (文章内容仅供预览 … 下载之前请确认…), and an editor's credit under the title (佩珊分享).
BREADCRUMB_LINE = re.compile(r"^[^。,;!?>»›]{1,16}(?:\s*[>»›]\s*[^。,;!?>»›]{1,16}){2,}\s*[>»›]?$")
METADATA_LINE = re.compile(r"(?:更新时间|发布时间|发布日期|阅读量|浏览次数|点击数|点击量)\s*[:：]?\s*\d")
DOWNLOAD_NOTICE = re.compile(r"(?=.*下载)(?=.*(?:预览|仅供|文档))")
CREDIT_LINE = re.compile(r"^[\u4e00-\u9fff]{2,6}(?:分享|整理|推荐)$")
# An HTML tag left in a copied text (</p>, <br/>): markup, never the article's.
HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
AUTHOR_LINE = re.compile(r"^[\u4e00-\u9fff·•]{2,5}$|^[\u4e00-\u9fff]{1,4}(?:\s+[\u4e00-\u9fff]{1,4})$")
AUTHOR_NOTE = re.compile(r"^[(（]\s*(?:作者|本文作者)[^)）]*[)）]$")

# A Discuz jammer: three or more space-separated tokens of one to three printable ASCII characters, between
# non-ASCII text or line edges, mixing at least two character classes (so "1 2 3" or "A B C" survive).
# A half-width mark stuck to a Chinese character ("吧? * ^$ n7 …") is the author's punctuation: the run starts
# after it.
_JAMMER_RUN = re.compile(
    r"(?:(?<=[\u4e00-\u9fff])(?![!,.:;?])|(?<=[^\x00-\x7f\u4e00-\u9fff])|(?<=[\u4e00-\u9fff][!,.:;?])|(?<=^))"
    r"[ \t]*(?:[\x21-\x7e]{1,3}[ \t]+){2,}[\x21-\x7e]{1,3}[ \t]*(?=[^\x00-\x7f]|$)",
    re.MULTILINE,
)
# What every jammer run contains: three space-separated groups of printable ASCII.
_JAMMER_HINT = re.compile(r"[\x21-\x7e][ \t]+[\x21-\x7e]{1,3}[ \t]+[\x21-\x7e]")
_JAMMER_WORD = re.compile(r"^[ \t]*[\x21-\x7e]{3,16}[ \t]*$")


def _char_classes(run: str) -> int:
    return sum(
        bool(re.search(pattern, run))
        for pattern in (r"[a-z]", r"[A-Z]", r"[0-9]", r"[!-/:-@\[-`{-~]")
    )


def strip_jammers(text: str) -> str:
    """Remove jammer runs inside lines and lines made only of a jammer."""

    def drop_run(match: re.Match[str]) -> str:
        return "" if _char_classes(match.group()) >= 2 else match.group()

    if _JAMMER_HINT.search(text):  # most texts have none: the full pattern is tried only where one may be
        text = _JAMMER_RUN.sub(drop_run, text)
    lines = []
    for line in text.split("\n"):
        if _JAMMER_WORD.match(line) and _char_classes(line) >= 3:
            continue
        lines.append(line)
    return "\n".join(lines)


@dataclass(frozen=True)
class CleanArticle:
    """The article cut out of its page; ``text`` is what every offset in the package refers to."""

    text: str
    title: str | None
    author: str | None
    note: str | None
    poster: str | None
    posted: str | None
    from_forum_page: bool


def _strip(line: str) -> str:
    return line.strip(" \t\r\u3000\xa0\ufeff")


def clean_page(raw: str) -> CleanArticle:
    """Extract title, author line, body and author note; drop navigation, chrome and footer.

    Chrome is recognised on a width-folded copy of each line (skins print ``发表于 2009-3-17 19：37：21``), so
    full-width forms do not hide it; the kept lines are the page's own.
    """
    raw = strip_jammers(strip_invisible(raw.replace("\r\n", "\n").replace("\r", "\n")))
    if "<" in raw:
        raw = HTML_TAG.sub("", raw)
    lines = [_strip(line) for line in raw.split("\n")]
    # Folding keeps every character's place and folds the spaces _strip removes into spaces it removes too, so the
    # folded lines line up with the kept ones (one pass over the page, not one call per line).
    folded = [_strip(line) for line in fold_width(raw).split("\n")]
    header_at = next((i for i, line in enumerate(folded) if POST_HEADER.match(line)), None)

    poster = posted = thread_title = None
    if header_at is None:
        body = [line for line, line_folded in zip(lines, folded, strict=True) if line and not _web_chrome(line_folded)]
    else:
        header = POST_HEADER.match(folded[header_at])
        assert header is not None
        poster, posted = header["poster"], header["posted"]
        before = [i for i in range(header_at) if lines[i] and not CHROME_LINE.search(folded[i])]
        thread_title = lines[before[-1]] if before else None
        rest, rest_folded = lines[header_at + 1 :], folded[header_at + 1 :]
        start = next((i for i, line in enumerate(rest) if line == thread_title), None)
        if start is None:
            start = next(
                (i for i, line in enumerate(rest) if line and not CHROME_LINE.search(rest_folded[i])), len(rest)
            )
            if start < len(rest) and _is_ad_slot(rest_folded[start], thread_title):
                start += 1
        body = []
        for line, line_folded in zip(rest[start:], rest_folded[start:], strict=True):
            if FOOTER_LINE.match(line_folded):
                break
            if line:
                body.append(line)

    title = author = note = None
    if body and (body[0] == thread_title or (thread_title is None and _looks_like_title(body[0]))):
        title = body[0]
    if title is not None and len(body) > 1 and AUTHOR_LINE.match(body[1]):
        author = body[1]
    if body and AUTHOR_NOTE.match(fold_width(body[-1])):
        note = body[-1]
    return CleanArticle(
        text="\n".join(body),
        title=title,
        author=author,
        note=note,
        poster=poster,
        posted=posted,
        from_forum_page=header_at is not None,
    )


# What every line of web-page chrome holds (one search per line; the patterns above only where it is found).
_WEB_CHROME_HINT = re.compile(r"[>»›]|时间|日期|阅读|浏览|点击|下载|分享$|整理$|推荐$")


def _web_chrome(line: str) -> bool:
    """Whether a (width-folded) line is the chrome of a web page a plain text was copied from (see above)."""
    if not _WEB_CHROME_HINT.search(line):
        return False
    return bool(BREADCRUMB_LINE.match(line) or METADATA_LINE.search(line) or DOWNLOAD_NOTICE.match(line)
                or CREDIT_LINE.match(line))


def _is_ad_slot(line: str, thread_title: str | None) -> bool:
    """The line a Discuz skin prints right under the post header when the post does not repeat its title (an
    advertisement such as 公文写作培训班): short, no punctuation, not an author line, and sharing no two-character
    word with the thread title (so the article's own title, however shortened, is kept)."""
    if len(line) > 16 or re.search(r"[^\w\s]", line) or AUTHOR_LINE.match(line):
        return False
    title = thread_title or ""
    return not any(line[i : i + 2] in title for i in range(len(line) - 1))


def _looks_like_title(line: str) -> bool:
    # a line that ends with a colon addresses someone (各地级以上市人民政府,省政府各部门、各直属机构:): no title does
    ends_like_sentence = re.search(r"[。；;!！?？:：]$", line)
    return len(line) <= 40 and not ends_like_sentence and not re.match(r"^[一二三四五六七八九十]+、", line)
