"""Bad input is refused in the reader's language, and the refusal still names the file, the row and the field.

Real bad inputs (an empty file, binary junk, an oversize upload, a broken .docx, an unknown file type, an empty
paste, a CSV of answers with bad rows and files that are no CSV, a missing or overlong name, a server that cannot
be reached) are shown through the widgets a learner or facilitator uses, in each language. In ``zh`` no Latin
word is left once the data the message quotes (file names, the CSV's own column names, a server's address, a
cell's value) is taken out, apart from the allow-list of ``test_zh_no_latin`` and the few names below; in ``en``
no Chinese is left once that data is taken out.
"""

from __future__ import annotations

import io
import re
import string
import zipfile
from datetime import datetime, timezone
from pathlib import PurePath

import pytest
from test_zh_no_latin import ALLOWED_WORDS, html_texts, latin_words, widget_texts

import office_roles as orl
from office_roles import i18n
from office_roles import widgets as W
from office_roles.catalogue_messages import MESSAGES
from office_roles.errors import ArticleError, Phrase, StoreError, StoreUnavailableError
from office_roles.sources import MAX_SOURCE_BYTES
from office_roles.store import ResponseStore

STAMP = datetime(2026, 5, 1, tzinfo=timezone.utc)
# Names a Chinese message keeps in Latin letters, each for a reason:
NAMES = {
    "UTF-8": "an encoding, named as the Save As menus of Notepad, WPS and Excel name it, so the reader can pick it",
    "UTF-16": "as UTF-8",
    "GBK": "as UTF-8",
    "GBK/GB18030": "as UTF-8",
    "Word": "a program's name, with no Chinese name of its own on the reader's screen",
    "WPS": "as Word",
    ".csv": "a file type the import takes, named so the reader saves the right kind of file",
    ".doc": "the old Word file type, named so the reader knows which file to save again as .docx",
    "SQLite": "the kind of file the answers are kept in, named in the file's own header and in the folder listing",
}
# The CSV's own column names: a message about a row of the file points at its column as the file spells it.
CSV_COLUMNS = ("participant", "group", "exercise", "item", "answer", "submitted_at")
NAMING = {"label", "name", "file", "row", "column", "field", "path", "target", "folder", "where", "server"}
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def foreign_in_zh(texts: list[str], data: tuple[str, ...]) -> dict[str, str]:
    """Latin words a Chinese reader would meet, once the quoted data is taken out."""
    kept = [_without(text, data) for text in texts]
    return {word: text for word, text in latin_words(kept).items() if word.rstrip("’'") not in NAMES}


def chinese_in_en(texts: list[str], data: tuple[str, ...]) -> list[str]:
    return [text for text in texts if CJK.search(_without(text, data))]


def _without(text: str, data: tuple[str, ...]) -> str:
    for value in sorted(data, key=len, reverse=True):  # whole names only: ".doc" is not taken out of ".docx"
        text = re.sub(re.escape(value) + r"(?![A-Za-z0-9])", " ", text)
    return text


def test_the_names_allowed_here_are_not_already_allowed_everywhere():
    assert not set(NAMES) & set(ALLOWED_WORDS)


# ---------------------------------------------------------------- the catalogue itself


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_says_where_in_both_languages(key):
    """The Chinese names every file, row and field the English names, and is written in Chinese."""
    zh, en = MESSAGES[key]
    assert _fields(en) & NAMING <= _fields(zh), f"{key}: the Chinese leaves out where"
    own = {name for name in _fields(zh) if not name.endswith("_zh")}  # a list joined the Chinese way
    assert own <= _fields(en), f"{key}: the Chinese has a parameter the English lacks"
    bare = re.sub(r"\{[^}]*\}", " ", zh)
    assert not foreign_in_zh([bare], ("_rels/.rels", "[Content_Types].xml", *CSV_COLUMNS, "U+")), key
    assert not CJK.search(en.replace("(一、 / 一是 / 第一，…)", "")), key


def test_str_stays_the_full_english_message_and_message_says_it_in_any_language():
    error = ArticleError.keyed("err_upload_too_big", label="报告.txt", size=9_000_000, limit=8_000_000)
    assert str(error) == ("报告.txt: the file is too big: 9,000,000 bytes; the limit is 8,000,000 bytes "
                          "(upload one article at a time)")
    assert i18n.message(error, "zh") == ("报告.txt：文件太大（9,000,000 字节），上限是 8,000,000 字节"
                                         "（请一次上传一篇文章）")
    assert i18n.message(error, "en") == str(error)
    assert i18n.message(error, "both") == f"{i18n.message(error, 'zh')} / {str(error)}"
    nested = StoreError.keyed("err_csv_batch", name="a.csv", row=3, added=0,
                              reason=StoreError.keyed("err_too_long", field=Phrase("field_item"), length=300,
                                                      limit=200))
    assert i18n.message(nested, "zh").startswith("a.csv 第 3 行：题目太长（300 字，上限是 200 字）。")
    assert "item is too long (300 characters; the limit is 200)" in str(nested)
    assert i18n.message(ValueError("plain"), "zh") == "plain"  # an error without a key is said as it is


# ---------------------------------------------------------------- reading an article, through the loader


def _docx_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    return buffer.getvalue()


BAD_FILES = {  # what the learner uploads -> what the message must name
    "empty": ("空白.txt", b""),
    "binary": ("photo-scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50),
    "junk": ("控制字符.txt", bytes(range(1, 9)) * 200),
    "undecodable": ("old-notes.txt", b"\xff\xfe\xfd" * 3 + b"\x81\x30"),
    "oversize": ("大文件.txt", "字".encode() * (MAX_SOURCE_BYTES // 3 + 1)),
    "not a zip": ("讲话稿.docx", b"PK\x03\x04 this is no archive"),
    "no document": ("report-2009.docx", _docx_without_document()),
    "unknown type": ("slides.pdf", b"%PDF-1.4"),
    "old word": ("旧文件.doc", b"\xd0\xcf\x11\xe0"),
}


def _upload(loader: W.ArticleLoader, name: str, content: bytes) -> str:
    loader.upload.value = ({"name": name, "type": "", "size": len(content), "last_modified": STAMP,
                            "content": memoryview(content)},)
    return loader.status.value


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_upload_is_refused_in_the_readers_language_naming_the_file(case):
    name, content = BAD_FILES[case]
    said = {}
    for language in ("zh", "en", "both"):
        loader = W.ArticleLoader(language=language)
        said[language] = _upload(loader, name, content)
        assert "⚠" in said[language] and name in said[language] and loader.article is None
    data = (name, PurePath(name).suffix, "_rels/.rels")  # the file's name and type, a member of the archive
    assert not foreign_in_zh(html_texts(said["zh"]), data), said["zh"]
    assert not chinese_in_en(html_texts(said["en"]), data), said["en"]
    zh, en, both = ("".join(html_texts(said[lang])).removeprefix("⚠ ") for lang in ("zh", "en", "both"))
    assert both == f"{zh} / {en}"


def test_an_empty_paste_is_refused_in_each_language_and_the_box_keeps_it():
    for language, words in (("zh", "文本是空的"), ("en", "the text is empty")):
        loader = W.ArticleLoader(language=language)
        assert loader.load_text("  \n ") is None
        assert words in loader.status.value and loader.text.value == "  \n "
        assert not foreign_in_zh(widget_texts(loader.widget), ()) if language == "zh" else True


# ---------------------------------------------------------------- saving an answer, through an exercise


@pytest.fixture
def store(tmp_path):
    with ResponseStore(tmp_path / "responses.sqlite") as opened:
        yield opened


@pytest.mark.parametrize(("name", "zh_words", "en_words"), [
    ("", "请先填写姓名", "Please type your name"),
    ("张" * 81, "姓名太长（81 字，上限是 80 字）", "participant is too long (81 characters; the limit is 80)"),
    ("张\x07三", "姓名的第 2 个字符是看不见的控制字符", "participant contains an invisible control character (U+0007)"),
], ids=["missing", "too-long", "control-character"])
def test_a_bad_name_is_refused_in_the_readers_language_naming_the_field(art, store, name, zh_words, en_words):
    for language, words in (("zh", zh_words), ("en", en_words)):
        session = W.Session(store=store, language=language)
        session.name.value, session.group.value = name, "一组"
        editor = W.MappingEditor(art, session, language)
        editor.set_mapping([("F1", "T8")])
        editor.submit_mapping()
        assert words in editor.status.value, editor.status.value
        assert editor.mine().to_numpy().any() and store.responses().empty  # nothing typed is lost, none saved
        texts = html_texts(editor.status.value)
        assert not (foreign_in_zh(texts, ()) if language == "zh" else chinese_in_en(texts, ()))


class DownStore:
    """A store whose server is down: ``submit`` raises what the PostgreSQL store raises then."""

    def __init__(self, store: ResponseStore) -> None:
        self.store = store

    def submit(self, *args: object, **kwargs: object) -> int:
        raise StoreUnavailableError.keyed("err_pg_unreachable", action=Phrase("pg_not_saved"),
                                          server="答案服务器甲", detail="connection refused")

    def __getattr__(self, name: str) -> object:
        return getattr(self.store, name)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_an_unreachable_store_is_said_in_the_readers_language_on_hover_too(art, store, language):
    session = W.Session(store=DownStore(store), language=language)  # type: ignore[arg-type]
    session.name.value = "王芳"
    editor = W.MappingEditor(art, session, language)
    editor.set_mapping([("F1", "T8")])
    editor.submit_mapping()
    texts = html_texts(editor.status.value)  # the visible words and the hover
    if language == "zh":
        assert not foreign_in_zh(texts, ()), texts
        assert any("答案服务器甲 暂时无法连接" in text for text in texts)
    else:
        assert not chinese_in_en(texts, ("答案服务器甲",)), texts
        assert any("connection refused" in text for text in texts)  # the server's reason, for whoever helps


# ---------------------------------------------------------------- importing a CSV of answers, row by row

HEADER = "participant,group,exercise,item,answer,submitted_at"
NOTES = '"{""notes"": ""督查也是服务""}"'
GOOD = f"张三,一组,discussion,D01,{NOTES},2024-05-01T09:30:00+00:00"
BAD_ROWS = {  # a bad row -> (its column, what the Chinese says, what the English says)
    f",一组,discussion,D01,{NOTES},": ("participant", "姓名是空的", "the participant name is empty"),
    f"李四,一组,discussion,D01,{NOTES},yesterday": ("submitted_at", "不是有效的时间", "is not an ISO 8601 time"),
    f'王五,一组,discussion,{"题" * 201},{NOTES},': ("item", "题目太长", "item is too long"),
    f"赵六,一组,discussion,D01,{NOTES},,extra": (None, "个单元格，但表头只有", "cells but the header has only"),
    f"钱七,一组,discussion,D01,{NOTES},3000-01-01T00:00:00": ("submitted_at", "不可能是提交时间",
                                                            "is not a possible submission time"),
    "孙八,一组,discussion,D01,督查,": ("answer", "答案的格式不符合这个练习的要求", "not a valid discussion answer"),
}


@pytest.fixture
def facilitator(store, monkeypatch):
    monkeypatch.setattr(orl.settings, "facilitator_code", "口令")
    session = W.Session(store=store, language="zh")
    assert session.unlock("口令")
    return session


def _import(view: W.GroupView, name: str, content: bytes) -> str:
    view.upload.value = ()
    view.upload.value = ({"name": name, "type": "text/csv", "size": len(content), "last_modified": STAMP,
                          "content": memoryview(content)},)
    return view.status.value


@pytest.mark.parametrize("language", ["zh", "en", "both"])
def test_a_csv_import_reports_each_bad_row_in_the_readers_language(art, store, facilitator, language):
    rows = [GOOD, *BAD_ROWS]
    content = "\n".join([HEADER, *rows]).encode("utf-8")
    view = W.GroupView(art, facilitator, language)
    said = "".join(html_texts(_import(view, "class-2b.csv", content)))
    assert len(store.responses()) == 1  # the good row is in, every bad one skipped and reported
    for number, (column, zh, en) in enumerate(BAD_ROWS.values(), start=3):
        where = {"zh": f"class-2b.csv 第 {number} 行" + (f"，‘{column}’列" if column else ""),
                 "en": f"class-2b.csv, row {number}" + (f", field '{column}'" if column else "")}
        for lang in (("zh", "en") if language == "both" else (language,)):
            assert where[lang] in said, (where[lang], said)
            assert {"zh": zh, "en": en}[lang] in said
    values = ("class-2b.csv", "yesterday", "3000-01-01T00:00:00", "督查", *CSV_COLUMNS)  # quoted from the file
    if language == "zh":
        assert not foreign_in_zh(widget_texts(view.widget), values), said
        assert "新增 1 行，已有 0 行，跳过 6 行" in said
    if language == "en":
        assert not chinese_in_en([said], values), said


FILES = {  # a file that is no CSV of answers -> what the Chinese says
    ("answers.xlsx", b"PK\x03\x04"): "只能导入 .csv 文件",
    ("scan.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64): "这是二进制文件",
    ("latin1.csv", HEADER.encode() + b"\n\xe9\xff\xfe,x,y"): "既不是 UTF-8 也不是 GBK",
    ("no-answer.csv", b"participant,exercise\n\xe5\xbc\xa0,discussion\n"): "缺少 answer 列",
    ("empty.csv", b""): "文件是空的",
}


@pytest.mark.parametrize("upload", sorted(FILES), ids=[name for name, _ in sorted(FILES)])
def test_a_file_that_is_no_csv_of_answers_is_refused_in_chinese(art, store, facilitator, upload):
    name, content = upload
    view = W.GroupView(art, facilitator, "zh")
    said = _import(view, name, content)
    assert FILES[upload] in said and name in said, said
    assert not foreign_in_zh(widget_texts(view.widget), (name, *CSV_COLUMNS)), said
    view.set_language("en")
    said = _import(view, name, content)
    assert name in said and not chinese_in_en(html_texts(said), (name,)), said


def test_every_key_the_package_raises_with_is_in_the_catalogue():
    """A misspelt key would turn a clear refusal into a KeyError, so every literal key is looked up here."""
    from pathlib import Path

    from office_roles.catalogue import STRINGS
    from office_roles.store_fields import LIMITS

    package = Path(orl.__file__).parent
    used = {key for path in package.rglob("*.py")
            for key in re.findall(r"""(?:\.keyed|Phrase|_Unreadable)\(\s*["']([a-z_0-9]+)["']""",
                                  path.read_text(encoding="utf-8"))}
    assert len(used) > 60 and used <= set(STRINGS), used - set(STRINGS)
    assert {f"field_{name}" for name in LIMITS} <= set(STRINGS)  # Phrase(f"field_{field}") in store_fields


@pytest.mark.parametrize(("kind", "zh_words"), [
    ("a-folder", "是一个文件夹，不是答案库文件"),
    ("not-sqlite", "不是 SQLite 数据库，不能作为答案库"),
])
def test_a_store_that_cannot_be_opened_is_said_in_chinese_naming_the_file(art, tmp_path, monkeypatch, kind,
                                                                          zh_words):
    target = tmp_path / "答案.sqlite"
    if kind == "a-folder":
        target.mkdir()
    else:
        target.write_text("这是一份笔记，不是数据库", encoding="utf-8")
    monkeypatch.setattr(orl.settings, "store_path", target)
    session = W.Session(language="zh")  # the store opens on the first submission
    session.name.value = "王芳"
    editor = W.MappingEditor(art, session, "zh")
    editor.set_mapping([("F1", "T8")])
    editor.submit_mapping()
    said = html_texts(editor.status.value)
    assert any(zh_words in text and str(target) in text for text in said), said
    assert not foreign_in_zh(said, (str(target),)), said
    assert editor.mine().to_numpy().any()  # nothing the learner did is lost
