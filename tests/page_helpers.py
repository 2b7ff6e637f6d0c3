"""Helpers shared by the tests that start a server and drive its page in Chromium (the app, the lab, the
PostgreSQL server): a free local port, and answering the quiz's first question on the app's Chinese page."""

from __future__ import annotations

import re
import socket

import pytest


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answer_quiz_question(page, question):
    """Answer ``question`` (a row of the quiz) right on the app's Chinese page and press 核对; return the score
    widget and the quiz around it, for the caller to wait on."""
    score = page.locator(".widget-html", has_text=re.compile(r"得分"))
    quiz = score.locator("xpath=..")
    if question["qtype"] == "fill":
        quiz.locator("input[type=text]").fill(str(question["answer"]))
    elif question["qtype"] == "choice":
        quiz.locator(".widget-radio-box label").nth(int(question["answer"]) - 1).click()
    else:
        pytest.fail(f"the test answers fill-in or choice questions, not {question['qtype']!r}")
    quiz.get_by_role("button", name="核对").click()
    return score, quiz
