"""The words the book adds around the data (page titles, buttons, notes), each as a (Chinese, English) pair.

Kept beside the book rather than in ``i18n.STRINGS`` because they are words of the static site only (no figure
or widget uses them); ``say`` picks one language, as ``i18n.term`` does for the package's own catalogue.
"""

from __future__ import annotations

from ..i18n import pick

WORDS: dict[str, tuple[str, str]] = {
    "book": ("学习读本", "study book"),
    "edition": ("中文版", "English edition"),
    "other_edition": ("English edition", "中文版"),
    "choose": ("请选择版本", "Choose an edition"),
    "intro": (
        "这本读本围绕一篇文章:读原文及其英文对照,看文章的结构表和图,做测验、情景题和讨论题。"
        "本页面是静态网页,无需安装任何软件;要使用交互练习,请在 JupyterLab 或课堂应用中打开。",
        "This book is built around one article: read it in Chinese with an English translation sentence by "
        "sentence, see its structure as tables and figures, and work through the quiz, the scenarios and the "
        "discussion prompts. These pages are static and need nothing installed; the interactive exercises run in "
        "JupyterLab or the classroom app.",
    ),
    "mixed_note": (
        "中文版课程正在准备中。下面的课程暂为现有的中英混排笔记本(英文说明,附中文)。"
        "原文对照、术语表和练习各页已是完整的中文。",
        "The lessons below are the current notebooks, written in English with the Chinese alongside; a separate "
        "Chinese edition of the lessons is in preparation. The article, glossary and exercise pages are complete "
        "in each language already.",
    ),
    "lessons": ("课程", "Lessons"),
    "reading": ("原文与练习", "The article and its exercises"),
    "instructor": ("教师专区", "For instructors"),
    "article": ("全文中英对照", "The article in Chinese and English"),
    "article_intro": (
        "文章全文,逐句对照:左栏为原文(与课程使用的文本一致),右栏为本教学集整理的英文译文。"
        "译文统一采用术语表中的英文译名。",
        "The whole article, sentence by sentence: the Chinese as the lessons read it on the left, the teaching "
        "set's curated English translation on the right. Every glossary term is translated as the glossary gives "
        "it.",
    ),
    "source": ("出处", "Source"),
    "title": ("标题", "Title"),
    "author": ("作者", "Author"),
    "author_note": ("作者简介", "Author's note"),
    "poster": ("发帖人", "Posted by"),
    "posted": ("发布时间", "Posted"),
    "front": ("标题与作者", "Title and author"),
    "lead": ("导语", "Lead paragraph"),
    "note": ("作者附注", "Author's note"),
    "zh": ("中文", "Chinese"),
    "en": ("英文", "English"),
    "glossary": ("术语表", "Glossary"),
    "glossary_intro": (
        "本教学集使用的全部术语:原文、拼音、英文译名和说明。说明为英文时,表示尚未有中文说明。",
        "Every term the teaching set uses: the Chinese, its pinyin, the English used throughout the set, and a note.",
    ),
    "term": ("术语", "Term"),
    "pinyin": ("拼音", "Pinyin"),
    "english": ("英文", "English"),
    "note_col": ("说明", "Note"),
    "note_col_other": ("说明(暂为英文)", "Note (in Chinese for now)"),
    "about_lessons": ("关于课程", "About the lessons"),
    "figures": ("图", "Figures"),
    "figures_intro": (
        "课程中的每一幅图,都由 office_roles.plots 中的函数根据文章的数据画出。",
        "Every figure of the lessons, drawn from the article's tables by a function of office_roles.plots.",
    ),
    "exercises": ("练习", "Exercises"),
    "exercises_intro": (
        "练习的静态版:先自己作答,再点开查看答案和解析。交互版(记分、小组汇总)请在 JupyterLab 或课堂应用中使用。",
        "The exercises as static pages: answer first, then open the answer and its explanation. The interactive "
        "versions (scoring, group results) run in JupyterLab or the classroom app.",
    ),
    "quiz": ("测验", "Quiz"),
    "scenarios": ("情景题", "Scenarios"),
    "discussion": ("讨论题", "Discussion prompts"),
    "mapping": ("职能与工作对应", "Mapping functions to tasks"),
    "self_assessment": ("自我评估", "Self-assessment"),
    "facilitator": ("主持人提示", "Facilitator notes"),
    "facilitator_intro": (
        "每道讨论题的主持提示,供主持人或教师使用,不必给学员看。",
        "The facilitator's notes for each discussion prompt, for whoever leads the session; not for the learners' "
        "handout.",
    ),
    "plans": ("课程安排", "Session plans"),
    "plan_45": ("45 分钟", "45 minutes"),
    "plan_90": ("90 分钟", "90 minutes"),
    "plan_self": ("自学", "Self-study"),
    "step": ("步骤", "Step"),
    "starts_at": ("开始(分钟)", "Starts at (min)"),
    "minutes": ("分钟", "Minutes"),
    "notebook": ("笔记本", "Notebook"),
    "activity": ("活动", "Activity"),
    "show_answer": ("查看答案", "Show the answer"),
    "show_article": ("查看文章的对应", "Show the article's mapping"),
    "answer": ("答案", "Answer"),
    "explanation": ("解析", "Explanation"),
    "evidence": ("原文依据", "Evidence in the article"),
    "evidence_en": ("所在句的英文", "English of the sentence"),
    "order_hint": ("请排出正确顺序。", "Put them in the right order."),
    "multi_hint": ("可多选。", "More than one may be right."),
    "fill_hint": ("请填空。", "Fill in the blank."),
    "accepted": ("可接受的答案", "Accepted answers"),
    "scenario_question": (
        "这个情景主要涉及哪些职能和哪项重点工作?先自己判断,再点开查看。",
        "Which functions and which task does this situation call on? Decide first, then open the answer.",
    ),
    "functions": ("职能", "Functions"),
    "functions_stated": ("职能(原文明示)", "Functions the text states"),
    "functions_reading": ("职能(解读)", "Functions (a reading)"),
    "model_answer": ("参考答案", "Model answer"),
    "tasks": ("重点工作", "Tasks"),
    "feedback": ("解析", "Feedback"),
    "part": ("部分", "Part"),
    "whole": ("全文", "The whole article"),
    "part_heading": ("{marker}{heading}", "Part {number}: {heading}"),
    "minutes_n": ("约 {n} 分钟", "about {n} minutes"),
    "mapping_intro": (
        "四个职能分别落在十项重点工作中的哪几项上?先在纸上画出你自己的对应表,再点开与文章对照。",
        "Which of the ten tasks carries each of the four functions? Draw your own table on paper first, then "
        "open the article's mapping to compare.",
    ),
    "strength": ("强度", "Strength"),
    "basis": ("依据", "Basis"),
    "rationale": ("理由", "Rationale"),
    "self_intro": (
        "用 1(很弱)到 5(很强)给自己在以下八个方面打分。文章提出的四种能力和四项要求即评估的维度。",
        "Rate yourself from 1 (weak) to 5 (strong) on each of these eight scales: the four abilities and the four "
        "requirements the article names.",
    ),
    "dimension": ("维度", "Scale"),
    "rating": ("自评(1–5)", "Your rating (1–5)"),
    "untranslated": ("(暂无中文,以下为英文)", "(no English yet; the Chinese follows)"),
    "run_live": ("交互练习:请在 JupyterLab 或课堂应用中运行", "Interactive: run this in JupyterLab or the app"),
    "run_live_body": (
        "这一格显示的是交互控件,需要运行中的 Python 内核,静态网页无法显示。"
        "请在 JupyterLab 中打开本笔记本(make lab),或打开课堂应用(make app)。",
        "This cell shows an interactive widget, which needs a running Python kernel and cannot work in a static "
        "page. Open this notebook in JupyterLab (make lab) or open the classroom app (make app).",
    ),
    "static_version": ("静态版本", "Static version"),
    "live_versions": ("在线交互版本", "Where the live versions are"),
    "live_versions_body": (
        "在本仓库目录中运行 make lab 打开 JupyterLab(全部课程,可运行代码和练习),"
        "或运行 make app 打开课堂应用(只有练习,没有代码,适合小组使用)。",
        "From the repository folder, make lab opens JupyterLab (every lesson, with runnable code and the "
        "exercises) and make app opens the classroom app (the exercises only, without code, for a group).",
    ),
}

# What each live widget does and which page of the book holds its static version (None: no static page; the
# description is then the static content). Keys are the class names the notebooks construct.
WIDGET_VIEWS: dict[str, tuple[str | None, tuple[str, str]]] = {
    "Session": (None, ("填写姓名和小组;之后每个练习的作答都以此保存。",
                       "Name and group: every answer below is saved under them.")),
    "Explorer": ("article", ("逐条阅读职能、工作和要求的原文及其依据。静态版:全文中英对照。",
                             "Read any function, task or requirement with its evidence. Static version: the "
                             "whole article in Chinese and English.")),
    "MappingEditor": ("exercises/mapping", ("自己画出职能与工作的对应表,再与文章对照。",
                                            "Map the functions onto the tasks, then compare with the article.")),
    "Scenarios": ("exercises/scenarios", ("工作情景:判断涉及哪些职能和工作,再看解析。",
                                          "Workplace scenarios: pick the functions and task, then read the "
                                          "feedback.")),
    "Quiz": ("exercises/quiz", ("测验:作答后查看答案、解析和原文依据。",
                                "The quiz: answer, then see the answer, its explanation and the evidence.")),
    "SelfAssessment": ("exercises/self_assessment", ("八个维度的自我评估。", "Self-assessment on eight scales.")),
    "DiscussionDeck": ("exercises/discussion", ("讨论题,逐题计时。", "The discussion prompts, one at a time, "
                                                                 "with a timer.")),
    "GroupView": (None, ("小组汇总:显示全组提交的答案,需要运行中的内核和答案数据库。",
                         "The group's pooled answers: needs a running kernel and the answers database.")),
    "ArticleLoader": (None, ("粘贴文本或上传 .txt / .docx 文件,换一篇文章来分析。",
                             "Paste a text or upload a .txt or .docx file to analyse another article.")),
    "SuggestionReview": (None, ("逐条采纳或不采纳上表中的关联建议。",
                                "Accept or reject each suggested link of the table above.")),
    "language_toggle": (None, ("切换上面所有练习的显示语言。", "Switch the language of every exercise above.")),
}


def say(key: str, language: str, **fields: object) -> str:
    """The book's word ``key`` in ``language`` ("zh" or "en"), with ``{fields}`` filled in."""
    try:
        zh, en = WORDS[key]
    except KeyError:
        raise KeyError(f"no word {key!r} in office_roles.book.words.WORDS") from None
    text = pick(zh, en, language, fallback="zh")  # the one rule for choosing a language (office_roles.i18n)
    return text.format(**fields) if fields else text
