"""The one place that picks Chinese, English or both: which parts of a (zh, en) pair to show, the separators that
join them, the pinyin stand-in for missing English, and the catalogue of every word the package adds around the
article's own text (figure terms, widget labels).

Rules, the same everywhere: ``zh`` shows Chinese (English if there is no Chinese); ``en`` shows English, or a
stand-in when there is none (tone-marked pinyin in figures, so no hanzi reaches an English figure; the Chinese in
tables and widgets, where the learner can still read it); ``both`` shows Chinese then English, joined by the
separator of the medium.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import pandas as pd

from .romanize import CJK as _CJK
from .romanize import romanize
from .settings import LANGUAGES, settings

# The separators, one per medium: labels in figures and UI strings; text stacked on lines in figures; inline
# text in tables and widgets; a figure title or note set side by side on one line.
SLASH = " / "
LINES = "\n"
DOT = " · "
GAP = "  "

Fallback = Literal["pinyin", "zh"]

def resolve(language: str | None) -> str:
    """``language`` checked, or ``settings.language`` when None (read at call time, so a notebook switches once)."""
    language = settings.language if language is None else language
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    return language


def missing(value: object) -> bool:
    """None, NaN/NA or blank text: no text in this language."""
    if value is None:
        return True
    try:
        if pd.isna(value):  # type: ignore[arg-type]
            return True
    except (TypeError, ValueError):
        return False
    return not str(value).strip()


def has_cjk(text: str) -> bool:
    """Chinese characters or CJK punctuation (the test for "no Chinese in an English figure")."""
    return bool(_CJK.search(text))


def parts(zh: object, en: object, language: str | None = None, *, fallback: Fallback = "pinyin") -> list[str]:
    """The texts to show, in order: one (zh or en) or two (zh, en). Missing English in ``en`` mode becomes
    pinyin (``fallback="pinyin"``) or the Chinese itself (``"zh"``)."""
    language = resolve(language)
    zh_text = "" if missing(zh) else str(zh)
    en_text = "" if missing(en) else str(en)
    if language == "zh":
        return [zh_text or en_text]
    if language == "en":
        if en_text:
            return [en_text]
        return [romanize(zh_text) if fallback == "pinyin" else zh_text]
    return [text for text in (zh_text, en_text) if text] or [""]


def pick(zh: object, en: object, language: str | None = None, sep: str = SLASH, *,
         fallback: Fallback = "pinyin") -> str:
    """One text in the chosen language: ``pick("参谋", "advising", "both") == "参谋 / advising"``."""
    return sep.join(parts(zh, en, language, fallback=fallback))


def label(row_or_zh: object, en: object = None, language: str | None = None, *, sep: str = SLASH) -> str:
    """``pick`` for a string pair or a row with ``label_zh``/``label_en`` (a Series, a dict or a tuple row)."""
    zh: object = row_or_zh
    if isinstance(row_or_zh, Mapping | pd.Series):
        zh = row_or_zh.get("label_zh")
        en = row_or_zh.get("label_en") if en is None else en
    elif hasattr(row_or_zh, "label_zh"):
        zh = row_or_zh.label_zh
        en = getattr(row_or_zh, "label_en", None) if en is None else en
    return pick(zh, en, language, sep)


def column(zh: pd.Series, en: pd.Series, language: str | None = None, sep: str = DOT) -> pd.Series:
    """``pick`` over two table columns at once (missing English falls back to the Chinese)."""
    language = resolve(language)
    zh, en = zh.astype("string"), en.astype("string")
    if language == "zh":
        return zh
    if language == "en":
        return en.fillna(zh)
    return (zh + sep + en).fillna(zh)


def options(zh: Sequence[str], en: Sequence[str], language: str | None = None, sep: str = DOT) -> list[str]:
    """Parallel option lists (quiz choices, slider names) as one list in the chosen language."""
    return [pick(a, b, language, sep, fallback="zh") for a, b in zip(zh, en, strict=True)]


def term(key: str, language: str | None = None, sep: str = SLASH) -> str:
    """A word from the catalogue below in the chosen language; 'both' gives "中文 / English"."""
    try:
        zh, en = STRINGS[key]
    except KeyError:
        raise KeyError(f"no string {key!r} in office_roles.i18n.STRINGS") from None
    return pick(zh, en, language, sep)


# (zh, en) for every word the package adds around the article's own text. Figures and widgets share it.
STRINGS: dict[str, tuple[str, str]] = {
    # links and their basis
    "primary": ("主要", "primary"),
    "secondary": ("次要", "secondary"),
    "none": ("无关联", "no link"),
    "explicit": ("原文明示", "explicit (stated in the text)"),
    "interpretive": ("解读", "interpretive (our reading)"),
    "link_explicit": ("原文明示", "stated in the text"),
    "link_interpretive": ("解读", "interpretation"),
    # figures: titles, panels, axes, empty states
    "no_links": (
        "这篇文章没有职能—工作关联数据\n(只有种子文章带人工整理的关联)",
        "No function–task links for this article\n(only the seed article has curated links)",
    ),
    "no_roles": ("没有找到职能或重点工作条目", "No function or task items were found"),
    "no_functions": ("没有找到职能条目", "No function items were found"),
    "no_tasks": ("没有找到重点工作条目", "No task items were found"),
    "no_parts": ("没有找到“一、”式的部分标题", "No numbered part headings were found"),
    "no_items": ("没有找到条目", "No items were found"),
    "heatmap_title": ("四个职能落在哪些重点工作上", "How the four functions map onto the key tasks"),
    "network_title": ("职能与重点工作的关系网", "Functions and the tasks that carry them"),
    "shared": ("与职能同名或同题", "task named after a function"),
    "coverage_title": ("关联有多广", "How widely the links spread"),
    "per_task": ("每项工作关联几个职能", "Functions per task"),
    "per_function": ("每个职能由几项工作承担", "Tasks per function"),
    "n_functions": ("职能数", "number of functions"),
    "n_tasks": ("工作数", "number of tasks"),
    "sizes_title": ("各部分、各条目的篇幅", "Length of each part and item"),
    "parts": ("部分", "parts"),
    "items": ("条目", "items"),
    "chars": ("字数", "characters"),
    "count": ("次数", "count"),
    "lists_title": ("文中的并列结构", "Inline lists in the text"),
    "n_lists": ("个数", "number of lists"),
    "all": ("全文", "whole text"),
    "language_title": ("语言特点", "Language patterns"),
    "outline_title": ("全文结构图", "Outline of the article"),
    "stated_title": ("原文明言的职能—工作联系", "The function–task ties the article states"),
    # the one question each figure answers, shown under its title
    "heatmap_question": (
        "原文把哪项工作明确系于哪个职能?哪些只是编者的解读?",
        "Which tasks does the article tie to each function, and which ties are the editors' reading?",
    ),
    "network_question": (
        "同样的联系画成线:粗实线是原文所说,细虚线是编者解读",
        "The same ties as lines: thick solid lines are what the text says, thin dashed ones a reading",
    ),
    "coverage_question": (
        "每项工作、每个职能的联系,有多少出自原文,多少出自解读?",
        "How many of each task's and function's ties come from the text, and how many from a reading?",
    ),
    "sizes_question": ("文章在各部分、各条目上用了多少字?(篇幅不等于分量)",
                       "How many characters does the article spend on each part and item? (Length is not weight.)"),
    "language_question": ("各部分最常用的实词是什么?文中用了哪些并列结构?",
                          "Which content words does each part use most, and which inline lists does the text use?"),
    "outline_question": ("全文怎样展开:各部分、各条目和每一处列举,一字不删",
                         "How the article unfolds: its parts, its items and every inline list, uncut"),
    "stated_question": (
        "原文哪几句话把工作和职能直接联系起来?",
        "Which sentences tie a task to a function in so many words?",
    ),
    "showing_parts": ("仅显示前 {shown} 个部分(共 {total} 个)", "showing the first {shown} of {total} parts"),
    "showing_items": ("仅显示前 {shown} 个条目(共 {total} 个)", "showing the first {shown} of {total} items"),
    "showing_lists": ("仅显示前 {shown} 处列举(共 {total} 处)", "showing the first {shown} of {total} inline lists"),
    # inline list types (the parser's LIST_TYPES)
    "list_series": ("顿号并列 A、B、C", "series (A, B, C)"),
    "list_four_char": ("四字格", "four-character phrases"),
    "list_checkpoints": ("“…关”", "checkpoints (… guan)"),
    "list_counted": ("一是/一要…", "counted (yi shi …)"),
    "list_ordinal": ("第一、第二…", "ordinal (first, second …)"),
    # printed handouts (office_roles.handouts)
    "ho_article": ("学习材料:原文与中英对照", "Study material: the article and its parallel translation"),
    "ho_original": ("原文", "The article in Chinese"),
    "ho_parallel": ("中英对照", "Parallel text: Chinese and English"),
    "ho_zh": ("中文原文", "Chinese original"),
    "ho_en": ("英文译文", "English translation"),
    "ho_no_translation": (
        "本文没有整理过的英文译文,以下只印中文原文,不作机器翻译。",
        "No curated English translation exists for this article: the Chinese is printed alone, with no machine "
        "translation.",
    ),
    "ho_no_sentence_en": ("〔此句暂无英文译文〕", "(no English translation of this sentence yet)"),
    "ho_parallel_intro": (
        "左栏为原文,右栏为逐句英译(翻译,不是摘要);句首数字为句子编号,讨论时可按编号引用。",
        "Left: the original; right: a sentence-by-sentence English translation (a translation, not a summary). "
        "The small numbers are sentence numbers to cite in the discussion.",
    ),
    "ho_outline": ("全文提纲", "Outline of the article"),
    "ho_outline_sub": ("{parts}个部分,{items}个条目", "{parts} parts, {items} items"),
    "ho_glossary": ("术语表", "Glossary"),
    "ho_glossary_intro": (
        "全套材料中每个术语只用一种英文译法;没有一一对应英文的词,附译注。",
        "Each term keeps one English rendering across the set; where English has no one-to-one word, a "
        "translator's note says so.",
    ),
    "ho_questions": ("讨论题", "Discussion questions"),
    "ho_questions_intro": (
        "先独立思考,把要点写在横线上,再在小组内交流。引号中的文字均为原文。",
        "Think on your own first and note your points on the lines, then share them in your group. Words in "
        "Chinese quotation marks are the article's own.",
    ),
    "ho_in_chinese": ("中文原题", "In Chinese"),
    "ho_date": ("日期", "Date"),
    "ho_answer_key": ("答案与主持人提示", "Answer key and facilitator notes"),
    "ho_instructor_only": ("仅供主持人使用 · 请勿发给学员", "Instructor only · not for learners"),
    "ho_quiz": ("测验题答案", "Quiz answers"),
    "ho_fill": ("填空", "fill in the blank"),
    "ho_choice": ("单选", "single choice"),
    "ho_multi": ("多选", "multiple choice"),
    "ho_order": ("排序", "put in order"),
    "ho_explanation": ("解析", "Explanation"),
    "ho_evidence": ("原文依据", "Evidence in the text"),
    "ho_scenarios": ("情景练习要点", "Scenario keys"),
    "ho_situation": ("情景", "Situation"),
    "ho_feedback": ("讲评", "Feedback"),
    "ho_prompt_notes": ("讨论题主持人提示", "Facilitator notes on the discussion questions"),
    "ho_model_answer": ("参考答案", "Model answer"),
    "ho_functions_text": ("职能(原文明示,计分)", "Functions the text states (scored)"),
    "ho_functions_reading": ("职能(编者解读,不计分)", "Functions in the editors' reading (not scored)"),
    "ho_record": ("学习记录", "Study-session record"),
    "ho_time": ("时间", "Time"),
    "ho_place": ("地点", "Place"),
    "ho_facilitator": ("主持人", "Facilitator"),
    "ho_recorder": ("记录人", "Recorder"),
    "ho_expected": ("应到人数", "Members expected"),
    "ho_present": ("实到人数", "Members present"),
    "ho_absent": ("缺席人员及原因", "Absent, and why"),
    "ho_topic": ("学习主题", "Topic"),
    "ho_questions_discussed": ("讨论题目", "Questions discussed"),
    "ho_key_points": ("讨论要点", "Key points of the discussion"),
    "ho_follow_ups": ("后续事项", "Follow-ups"),
    "ho_action": ("事项", "Action"),
    "ho_owner": ("负责人", "Who"),
    "ho_due": ("完成时限", "By when"),
    "ho_sign_recorder": ("记录人签字", "Recorder's signature"),
    "ho_sign_facilitator": ("主持人签字", "Facilitator's signature"),
    # widgets
    "name": ("姓名", "Name"),
    "group": ("小组", "Group"),
    "submit": ("提交", "Submit"),
    "check": ("核对", "Check"),
    "saved": ("已保存", "Saved"),
    "compare": ("与文章对照", "Compare with the article"),
    "agreement": ("一致率", "Agreement"),
    "kappa": ("科恩 κ 系数", "Cohen's κ"),
    "differences": ("不一致之处", "Differences"),
    "functions": ("职能", "Functions"),
    "tasks": ("工作与要求", "Tasks and requirements"),
    "matched": ("选对", "Matched"),
    "missed": ("漏选", "Missed"),
    "extra": ("多选", "Extra"),
    "article_says": ("文章原文", "The article"),
    "score": ("得分", "Score"),
    "previous": ("上一题", "Previous"),
    "next": ("下一题", "Next"),
    "correct": ("正确", "Correct"),
    "wrong": ("不对", "Not quite"),
    "answer_is": ("答案", "Answer"),
    "position": ("第{n}位", "Position {n}"),
    "type_answer": ("输入答案", "Type your answer, in English or Chinese"),
    "you": ("你", "you"),
    "group_average": ("小组平均", "group average"),
    "show_group": ("显示小组平均", "Show group average"),
    "start": ("开始计时", "Start"),
    "stop": ("暂停", "Pause"),
    "reset": ("重置", "Reset"),
    "notes": ("讨论记录", "Notes"),
    "save_notes": ("保存记录", "Save notes"),
    "minutes": ("分钟", "minutes"),
    "time_up": ("时间到!", "Time is up!"),
    "refresh": ("刷新", "Refresh"),
    "export": ("导出 CSV", "Export CSV"),
    "import": ("导入 CSV", "Import CSV"),
    "exported": ("已导出到", "Exported to"),
    "imported": ("已导入行数", "Rows imported"),
    "no_responses": ("还没有提交。", "No responses yet."),
    "participants": ("参与者", "participants"),
    "lists": ("文中列举", "Inline lists"),
    "links": ("与职能/工作的对应", "Links"),
    "sample": ("示例文本", "Sample text"),
    "paste": ("粘贴文本", "Paste text"),
    "load_text": ("分析粘贴的文本", "Analyse pasted text"),
    "upload": ("上传 {formats}", "Upload {formats}"),
    "loaded": ("已载入", "Loaded"),
    "accept": ("采纳", "accept"),
    "reject": ("不采纳", "reject"),
    "undecided": ("待定", "undecided"),
    "accepted": ("已采纳", "Accepted"),
    # facilitator mode, the two layers, privacy
    "facilitator_code": ("主持人口令", "Facilitator code"),
    "unlock": ("进入主持人模式", "Facilitator mode"),
    "lock": ("退出主持人模式", "Leave facilitator mode"),
    "facilitator_on": ("已进入主持人模式", "Facilitator mode is on"),
    "wrong_code": ("口令不对", "That code is not right"),
    "no_facilitator_code": (
        "没有设置主持人口令:请主持人在启动前设置环境变量 OFFICE_ROLES_FACILITATOR_CODE",
        "No facilitator code is set: the facilitator sets OFFICE_ROLES_FACILITATOR_CODE before starting",
    ),
    "facilitator_only": ("仅主持人可用:请先进入主持人模式", "For the facilitator only: unlock facilitator mode first"),
    "compare_stated": ("与原文明示的对应比较", "Compare with what the article states"),
    "layer_article": ("原文明示", "the article states"),
    "layer_reading": ("编者解读", "the editors' reading"),
    "stated": ("原文明示", "stated"),
    "not_stated": ("原文未明示", "not stated"),
    "not_read": ("编者未解读", "not in the reading"),
    "linked": ("已连", "linked"),
    "not_linked": ("未连", "not linked"),
    "no_differences_stated": ("与原文明示的对应完全一致。", "Identical to the links the article states."),
    "cell": ("职能—工作", "function–task"),
    "evidence": ("原文依据", "evidence"),
    "why": ("理由", "why"),
    "reading_shared": ("与编者解读相同(不计分)", "also in the editors' reading (not scored)"),
    "reading_not_chosen": ("编者解读还有(不计分)", "the editors' reading also has (not scored)"),
    "first_attempt": ("第一次作答计分", "first attempts count"),
    "first_was": ("第一次作答", "first attempt"),
    "group_agreement": ("小组内部一致度", "How far the group agrees"),
    "split_cells": ("小组分歧最大的对应(下一轮讨论)", "Where the group splits most (discuss next)"),
    "quiz_by_question": ("各题答对比例(第一次作答)", "Share correct per question (first attempts)"),
    "quiz_by_group": ("各组平均分(不足 3 人不显示)", "Mean score per group (hidden under 3 people)"),
    "assessment_by_group": ("各组自评平均(不足 3 人不显示)", "Mean self-ratings per group (hidden under 3 people)"),
    "named_quiz": ("记名成绩(仅主持人)", "Named scores (facilitator only)"),
    "facilitator_note": ("主持人提示", "Facilitator note"),
    "model_answer": ("参考答案", "Model answer"),
    "mean": ("平均", "mean"),
    # the book's own words (office_roles.book: page titles, table headers, notes), read with book.words.say
    "book_book": ("学习读本", "study book"),
    "book_edition": ("中文版", "English edition"),
    "book_other_edition": ("English edition", "中文版"),
    "book_choose": ("请选择版本", "Choose an edition"),
    "book_intro": (
        "这本读本围绕一篇文章:读原文及其英文对照,看文章的结构表和图,做测验、情景题和讨论题。本页面是静态网页,无需安装"
        "任何软件;要使用交互练习,请在 JupyterLab 或课堂应用中打开。",
        "This book is built around one article: read it in Chinese with an English translation sentence by "
        "sentence, see its structure as tables and figures, and work through the quiz, the scenarios and the "
        "discussion prompts. These pages are static and need nothing installed; the interactive exercises run in "
        "JupyterLab or the classroom app."),
    "book_mixed_note": (
        "中文版课程正在准备中。下面的课程暂为现有的中英混排笔记本(英文说明,附中文)。原文对照、术语表和练习各页已是完"
        "整的中文。",
        "The lessons below are the current notebooks, written in English with the Chinese alongside; a separate "
        "Chinese edition of the lessons is in preparation. The article, glossary and exercise pages are complete in "
        "each language already."),
    "book_lessons": ("课程", "Lessons"),
    "book_reading": ("原文与练习", "The article and its exercises"),
    "book_instructor": ("教师专区", "For instructors"),
    "book_article": ("全文中英对照", "The article in Chinese and English"),
    "book_article_intro": (
        "文章全文,逐句对照:左栏为原文(与课程使用的文本一致),右栏为本教学集整理的英文译文。译文统一采用术语表中的英文"
        "译名。",
        "The whole article, sentence by sentence: the Chinese as the lessons read it on the left, the teaching "
        "set's curated English translation on the right. Every glossary term is translated as the glossary gives it."),
    "book_source": ("出处", "Source"),
    "book_title": ("标题", "Title"),
    "book_author": ("作者", "Author"),
    "book_author_note": ("作者简介", "Author's note"),
    "book_poster": ("发帖人", "Posted by"),
    "book_posted": ("发布时间", "Posted"),
    "book_front": ("标题与作者", "Title and author"),
    "book_lead": ("导语", "Lead paragraph"),
    "book_note": ("作者附注", "Author's note"),
    "book_zh": ("中文", "Chinese"),
    "book_en": ("英文", "English"),
    "book_glossary": ("术语表", "Glossary"),
    "book_glossary_intro": ("本教学集使用的全部术语:原文、拼音、英文译名和说明。",
        "Every term the teaching set uses: the Chinese, its pinyin, the English used throughout the set, and a note."),
    "book_term": ("术语", "Term"),
    "book_pinyin": ("拼音", "Pinyin"),
    "book_english": ("英文", "English"),
    "book_note_col": ("说明", "Note"),
    "book_note_col_other": ("说明(暂为英文)", "Note (in Chinese for now)"),
    "book_about_lessons": ("关于课程", "About the lessons"),
    "book_figures": ("图", "Figures"),
    "book_figures_intro": ("课程中的每一幅图,都由 office_roles.plots 中的函数根据文章的数据画出。",
        "Every figure of the lessons, drawn from the article's tables by a function of office_roles.plots."),
    "book_exercises": ("练习", "Exercises"),
    "book_exercises_intro": (
        "练习的静态版:先自己作答,再点开查看答案和解析。交互版(记分、小组汇总)请在 JupyterLab 或课堂应用中使用。",
        "The exercises as static pages: answer first, then open the answer and its explanation. The interactive "
        "versions (scoring, group results) run in JupyterLab or the classroom app."),
    "book_quiz": ("测验", "Quiz"),
    "book_scenarios": ("情景题", "Scenarios"),
    "book_discussion": ("讨论题", "Discussion prompts"),
    "book_mapping": ("职能与工作对应", "Mapping functions to tasks"),
    "book_self_assessment": ("自我评估", "Self-assessment"),
    "book_facilitator": ("主持人提示", "Facilitator notes"),
    "book_facilitator_intro": ("每道讨论题的主持提示,供主持人或教师使用,不必给学员看。",
        "The facilitator's notes for each discussion prompt, for whoever leads the session; not for the learners' "
        "handout."),
    "book_plans": ("课程安排", "Session plans"),
    "book_plan_45": ("45 分钟", "45 minutes"),
    "book_plan_90": ("90 分钟", "90 minutes"),
    "book_plan_self": ("自学", "Self-study"),
    "book_step": ("步骤", "Step"),
    "book_starts_at": ("开始(分钟)", "Starts at (min)"),
    "book_minutes": ("分钟", "Minutes"),
    "book_notebook": ("笔记本", "Notebook"),
    "book_activity": ("活动", "Activity"),
    "book_show_answer": ("查看答案", "Show the answer"),
    "book_show_article": ("查看文章的对应", "Show the article's mapping"),
    "book_answer": ("答案", "Answer"),
    "book_explanation": ("解析", "Explanation"),
    "book_evidence": ("原文依据", "Evidence in the article"),
    "book_evidence_en": ("所在句的英文", "English of the sentence"),
    "book_order_hint": ("请排出正确顺序。", "Put them in the right order."),
    "book_multi_hint": ("可多选。", "More than one may be right."),
    "book_fill_hint": ("请填空。", "Fill in the blank."),
    "book_accepted": ("可接受的答案", "Accepted answers"),
    "book_scenario_question": ("这个情景主要涉及哪些职能和哪项重点工作?先自己判断,再点开查看。",
        "Which functions and which task does this situation call on? Decide first, then open the answer."),
    "book_functions": ("职能", "Functions"),
    "book_functions_stated": ("职能(原文明示)", "Functions the text states"),
    "book_functions_reading": ("职能(解读)", "Functions (a reading)"),
    "book_model_answer": ("参考答案", "Model answer"),
    "book_tasks": ("重点工作", "Tasks"),
    "book_feedback": ("解析", "Feedback"),
    "book_part": ("部分", "Part"),
    "book_whole": ("全文", "The whole article"),
    "book_part_heading": ("{marker}{heading}", "Part {number}: {heading}"),
    "book_minutes_n": ("约 {n} 分钟", "about {n} minutes"),
    "book_mapping_intro": ("四个职能分别落在十项重点工作中的哪几项上?先在纸上画出你自己的对应表,再点开与文章对照。",
        "Which of the ten tasks carries each of the four functions? Draw your own table on paper first, then open "
        "the article's mapping to compare."),
    "book_strength": ("强度", "Strength"),
    "book_basis": ("依据", "Basis"),
    "book_rationale": ("理由", "Rationale"),
    "book_self_intro": ("用 1(很弱)到 5(很强)给自己在以下八个方面打分。文章提出的四种能力和四项要求即评估的维度。",
        "Rate yourself from 1 (weak) to 5 (strong) on each of these eight scales: the four abilities and the four "
        "requirements the article names."),
    "book_dimension": ("维度", "Scale"),
    "book_rating": ("自评(1–5)", "Your rating (1–5)"),
    "book_untranslated": ("(暂无中文,以下为英文)", "(no English yet; the Chinese follows)"),
    "book_run_live": ("交互练习:请在 JupyterLab 或课堂应用中运行", "Interactive: run this in JupyterLab or the app"),
    "book_run_live_body": (
        "这一格显示的是交互控件,需要运行中的 Python 内核,静态网页无法显示。请在 JupyterLab 中打开本笔记本(make lab),"
        "或打开课堂应用(make app)。",
        "This cell shows an interactive widget, which needs a running Python kernel and cannot work in a static "
        "page. Open this notebook in JupyterLab (make lab) or open the classroom app (make app)."),
    "book_static_version": ("静态版本", "Static version"),
    "book_live_versions": ("在线交互版本", "Where the live versions are"),
    "book_live_versions_body": (
        "在本仓库目录中运行 make lab 打开 JupyterLab(全部课程,可运行代码和练习),或运行 make app "
        "打开课堂应用(只有练习,没有代码,适合小组使用)。",
        "From the repository folder, make lab opens JupyterLab (every lesson, with runnable code and the exercises) "
        "and make app opens the classroom app (the exercises only, without code, for a group)."),
    # the book's note under each live widget of a lesson: what it does (book.words.WIDGET_PAGES)
    "book_widget_Session": ("填写姓名和小组;之后每个练习的作答都以此保存。",
        "Name and group: every answer below is saved under them."),
    "book_widget_Explorer": ("逐条阅读职能、工作和要求的原文及其依据。静态版:全文中英对照。",
        "Read any function, task or requirement with its evidence. Static version: the whole article in Chinese and "
        "English."),
    "book_widget_MappingEditor": ("自己画出职能与工作的对应表,再与文章对照。",
        "Map the functions onto the tasks, then compare with the article."),
    "book_widget_Scenarios": ("工作情景:判断涉及哪些职能和工作,再看解析。",
        "Workplace scenarios: pick the functions and task, then read the feedback."),
    "book_widget_Quiz": ("测验:作答后查看答案、解析和原文依据。",
        "The quiz: answer, then see the answer, its explanation and the evidence."),
    "book_widget_SelfAssessment": ("八个维度的自我评估。", "Self-assessment on eight scales."),
    "book_widget_DiscussionDeck": ("讨论题,逐题计时。", "The discussion prompts, one at a time, with a timer."),
    "book_widget_GroupView": ("小组汇总:显示全组提交的答案,需要运行中的内核和答案数据库。",
        "The group's pooled answers: needs a running kernel and the answers database."),
    "book_widget_ArticleLoader": ("粘贴文本或上传 .txt / .docx 文件,换一篇文章来分析。",
        "Paste a text or upload a .txt or .docx file to analyse another article."),
    "book_widget_SuggestionReview": ("逐条采纳或不采纳上表中的关联建议。",
        "Accept or reject each suggested link of the table above."),
    "book_widget_language_toggle": ("切换上面所有练习的显示语言。", "Switch the language of every exercise above."),
    # the editions (issue 11): the group view's column headers, the loader's summary, the parallel reader
    "col_item": ("题号", "question"),
    "col_answered": ("作答人数", "answered"),
    "col_share_correct": ("答对比例", "share correct"),
    "col_mean_score": ("平均得分", "mean score"),
    "col_retries": ("重答次数", "retries"),
    "loaded_summary": ("{title}:{chars} 字,{parts} 个部分,{items} 个条目",
                       "{title}: {chars} characters, {parts} parts, {items} items"),
    "no_curated_note": ("这篇文本没有整理好的英文、术语表和对应表。", "No curated layer for this text: English labels, "
                        "glossary and links are empty."),
    "flat_note": ("没有找到部分或条目的序号(一、/一是/第一,……),文本未分层。", "No part or item markers (一、 / 一是 / "
                  "第一，…) were found: the outline is flat."),
    "parallel": ("中英对照", "Chinese and English"),
    "translator_note": ("译注", "Translator's note"),
    "fleiss_kappa": ("弗莱斯 κ 系数", "Fleiss' κ"),
    "missing_name": ("请先填写姓名,再提交。", "Please type your name before submitting."),
}
