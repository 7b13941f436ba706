"""Vietnamese and Chinese words on the web pages, marked with their language.

Screen readers switch voice on the lang attribute, so "Việt Nam" and "永兴岛" are read as
Vietnamese and Chinese, not spelled out in English. `language_runs` finds them by letter
(pure Python, tested without Sphinx); `LanguageSpans` wraps them as `<span lang=…>` (docutils'
HTML writer turns a `language-xx` class into `lang="xx"`). Code and outputs are left alone.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from giants.sphinx.charts import HTML_BUILDERS

#: Letters that, in this book, only Vietnamese uses: đ, ă, ơ, ư, ĩ, ũ, the circumflex vowels
#: (English has none; French loanwords like "rôle" do not occur) and the vowels with tone
#: marks of Unicode's Vietnamese block.
VIETNAMESE_LETTER = re.compile(r"[đĐăĂơƠưƯĩĨũŨâÂêÊôÔ\u1EA0-\u1EF9]")
#: A syllable that may sit inside a Vietnamese name without a Vietnamese-only letter ("Nam",
#: "Phú", "Lâm"): short, and letters only.
SYLLABLE = re.compile(r"^[A-Za-zàáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ]{1,6}$")
#: English words that are also possible syllables, never taken as Vietnamese.
ENGLISH = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "the",
        "to",
        "via",
        "was",
        "with",
        "who",
        "what",
        "new",
        "one",
        "two",
        "but",
        "not",
        "are",
        "were",
        "has",
        "had",
        "his",
        "her",
        "China",
        "US",
        "UN",
        "Asia",
        "Hanoi",
        "Saigon",
    ]
)
CHINESE = re.compile(r"[\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uFF00-\uFFEF]+")


def language_runs(text: str) -> list[tuple[str, str | None]]:
    """Split text into runs tagged "vi", "zh" or None (the page's English).

    A Vietnamese run starts and ends with a word holding a Vietnamese-only letter and may
    take in short syllables between or beside them ("Việt Nam", "Đảo Phú Lâm"); a Chinese run
    is a run of CJK characters. Screen readers switch voice on the lang attribute.
    """
    runs: list[tuple[str, str | None]] = []
    position = 0
    marks = [(m.start(), m.end(), "zh") for m in CHINESE.finditer(text)]
    words = list(re.finditer(r"[^\W\d_]+", text))
    i = 0
    while i < len(words):
        if not VIETNAMESE_LETTER.search(words[i].group()):
            i += 1
            continue
        start = end = i
        # Take in neighbours joined by one space: Vietnamese words, or possible syllables.
        while (
            start > 0
            and text[words[start - 1].end() : words[start].start()] == " "
            and _syllable(words[start - 1].group(), leading=True)
        ):
            start -= 1
        while (
            end + 1 < len(words)
            and text[words[end].end() : words[end + 1].start()] == " "
            and (VIETNAMESE_LETTER.search(words[end + 1].group()) or _syllable(words[end + 1].group()))
        ):
            end += 1
        # A run does not end on a plain lower-case word ("Việt and"): trim back to a real one.
        while (
            end > i
            and not VIETNAMESE_LETTER.search(words[end].group())
            and re.fullmatch("[a-z]+", words[end].group())
        ):
            end -= 1
        marks.append((words[start].start(), words[end].end(), "vi"))
        i = end + 1
    for begin, finish, language in sorted(marks):
        if begin < position:
            continue
        if begin > position:
            runs.append((text[position:begin], None))
        runs.append((text[begin:finish], language))
        position = finish
    if position < len(text):
        runs.append((text[position:], None))
    return runs


def _syllable(word: str, leading: bool = False) -> bool:
    if word in ENGLISH or word.lower() in ENGLISH or not SYLLABLE.match(word):
        return False
    # Before a Vietnamese word only a capitalised syllable belongs to it (a name's first part).
    return word[0].isupper() if leading else True


class LanguageSpans(SphinxPostTransform):
    """Mark Vietnamese and Chinese words on the web pages with their language (lang="vi",
    lang="zh"), so that screen readers pronounce them as such. Code and outputs are left alone."""

    default_priority = 900
    builders = HTML_BUILDERS

    def run(self, **kwargs) -> None:
        skip = (nodes.FixedTextElement, nodes.literal, nodes.raw, nodes.Invisible)
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or any(isinstance(node, skip) for node in _ancestors(text)):
                continue
            runs = language_runs(str(text))
            if all(language is None for _, language in runs):
                continue
            replacement = [
                nodes.Text(segment)
                if language is None
                else nodes.inline(segment, segment, classes=[f"language-{language}"])
                for segment, language in runs
            ]
            parent.replace(text, replacement)


def _ancestors(node):
    while node is not None:
        yield node
        node = node.parent


def setup(app) -> None:
    app.add_post_transform(LanguageSpans)
