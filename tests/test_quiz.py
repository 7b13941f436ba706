"""The chapter quizzes: they mark answers, their key matches the teacher's chapters, and no
student artefact (source, HTML, notebook, search index) carries the key or its explanations."""

from __future__ import annotations

import re

import pytest
from test_classroom import student_book  # noqa: F401  (the fixture that builds the student edition)

from giants import classroom, quiz
from giants.toc import ROOT, toc_files

#: Pages that teach no chapter of their own: no quiz.
NO_QUIZ = {
    "instructor-guide",
    "glossary",
    "changes",
    "measure-the-sea",
    "chart-a-survey-question",
    "test-a-claim",
}
QUIZZED = [path for path in toc_files() if path.stem not in NO_QUIZ]

DEMO = """\
:::{exercise} Quiz
:label: demo-quiz
:nonumber:

1. Which is even?
   (a) 3 (b) 4 (c) 5
2. Which is a vowel?
   (a) k (b) t (c) e (d) z
:::

:::{solution} demo-quiz
:class: dropdown

1. **(b)** Four divides by two.
2. **(c)** E is the only vowel
   of the four.
:::
"""


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setitem(quiz.QUIZZES, "demo", quiz.sealed(DEMO, "demo"))


def test_the_key_is_read_from_the_teachers_text():
    assert quiz.questions(DEMO, "demo") == {1: "abc", 2: "abcd"}
    assert quiz.answer_key(DEMO, "demo") == {
        1: ("b", "Four divides by two."),
        2: ("c", "E is the only vowel of the four."),
    }


def test_a_quiz_whose_key_and_questions_disagree_is_refused():
    with pytest.raises(ValueError, match="do not match"):
        quiz.sealed(DEMO.replace("2. **(c)**", "3. **(c)**"), "demo")


def test_unanswered_right_wrong_and_invalid_answers(demo, capsys):
    quiz.check("demo", {1: None, 2: None})
    assert "not answered yet" in capsys.readouterr().out
    quiz.check("demo", {1: " (B) ", 2: "a"})
    out = capsys.readouterr().out
    assert "✓ 1 (b): right. Four divides by two." in out
    assert "✗ 2: not (a)" in out and "vowel" not in out  # a wrong answer reveals nothing
    assert "1 of 2 right." in out
    quiz.check("demo", ["d", 4])
    out = capsys.readouterr().out
    assert "'d' is not one of the options a, b, c" in out and "4 is not one of" in out
    quiz.check("demo", {1: "b", 2: "c", 9: "a"})
    assert "no question 9" in capsys.readouterr().out
    quiz.check("demo", "bc")
    assert "as a dict" in capsys.readouterr().out
    with pytest.raises(KeyError, match="no quiz"):
        quiz.check("no-such-chapter", {})


def test_the_sealed_table_holds_neither_letters_nor_explanations():
    source = (ROOT / "giants" / "quiz.py").read_text(encoding="utf-8")
    for chapter in quiz.QUIZZES:
        for _letter, explanation in quiz.answer_key(
            (ROOT / "book" / f"{chapter}.md").read_text(encoding="utf-8"), chapter
        ).values():
            assert explanation not in source
            assert explanation.encode().hex() not in source


@pytest.mark.parametrize("path", QUIZZED, ids=lambda p: p.stem)
def test_every_chapter_has_a_quiz_that_matches_the_sealed_table(path, capsys):
    text = path.read_text(encoding="utf-8")
    key = quiz.answer_key(text, path.stem)
    assert 4 <= len(key) <= 6, f"{path.name}: a quiz of 4-6 questions, with its key in a solution block"
    assert quiz.QUIZZES.get(path.stem) == quiz.sealed(text, path.stem), (
        f"{path.name}: the sealed key is stale; run `python -m giants.quiz --write`"
    )
    assert f'quiz.check("{path.stem}", my_quiz)' in text
    # The quiz comes before the exercises, whose solutions may be code: the student edition then
    # runs a prefix of the teacher's cells and reuses their outputs (scripts/build.py).
    assert text.index(f":label: {path.stem}-quiz") < text.index("\n## Exercises\n")
    options = quiz.questions(text, path.stem)
    for number, (letter, explanation) in key.items():
        quiz.check(path.stem, {number: letter})
        assert f"✓ {number} ({letter}): right. {explanation}" in capsys.readouterr().out
        for other in options[number].replace(letter, ""):
            quiz.check(path.stem, {number: other})
            assert f"✗ {number}: not ({other})" in capsys.readouterr().out


def test_the_answer_letters_are_spread():
    letters = [
        letter
        for chapter in quiz.QUIZZES
        for letter, _ in quiz.answer_key(
            (ROOT / "book" / f"{chapter}.md").read_text(encoding="utf-8"), chapter
        ).values()
    ]
    assert max(letters.count(letter) for letter in set(letters)) <= len(letters) // 3, (
        "one letter is the answer too often: guessing it would pass"
    )


def test_the_student_sources_keep_the_quiz_and_lose_the_key():
    for path in QUIZZED:
        text = path.read_text(encoding="utf-8")
        stripped = classroom.strip_solutions(text)
        assert quiz.questions(stripped, path.stem) == quiz.questions(text, path.stem)
        assert not quiz.answer_key(stripped, path.stem)
        for _, explanation in quiz.answer_key(text, path.stem).values():
            assert _plain(explanation) not in _plain(stripped)


def _plain(text: str) -> str:
    # Sphinx curls quotes and MyST drops markup; compare words only.
    return " ".join(re.sub(r"[\"'“”‘’`*]", "", text).split())


def _artefacts(html_root):
    """Every text a student can open: pages, sources, notebooks and the search index."""
    for path in html_root.rglob("*"):
        if path.is_file() and (
            path.suffix in {".html", ".ipynb", ".md", ".txt"} or path.name == "searchindex.js"
        ):
            yield path, _plain(path.read_text(encoding="utf-8", errors="replace"))


def test_no_student_artefact_carries_a_quiz_answer(student_book):  # noqa: F811
    explanations = {
        _plain(explanation): path.stem
        for path in QUIZZED
        for _, explanation in quiz.answer_key(path.read_text(encoding="utf-8"), path.stem).values()
    }
    # The same search finds the explanations in the teacher's edition: it can fail.
    teacher = " ".join(text for _, text in _artefacts(ROOT / "_build" / "html"))
    assert all(explanation in teacher for explanation in explanations)
    leaks = {
        path.relative_to(student_book).as_posix(): chapter
        for path, text in _artefacts(student_book)
        for explanation, chapter in explanations.items()
        if explanation in text
    }
    assert not leaks, f"quiz answers in the student edition: {leaks}"
    for path in QUIZZED:
        page = (student_book / path.relative_to(ROOT).with_suffix(".html")).read_text(encoding="utf-8")
        assert f'id="{path.stem}-quiz"' in page, f"{path.name}: the quiz is missing from the student edition"
