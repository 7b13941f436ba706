"""Self-checking chapter quizzes whose answers a student cannot read.

Each chapter ends its teaching with a short multiple-choice quiz. The questions are in the
chapter; the answer key, with a one-line explanation per question, is written once, in the
teacher's edition, as the `:::{solution} <chapter>-quiz` block after the quiz (so the student
edition, which strips solutions, never carries it). This module holds the key sealed:

* each right answer only as a SHA-256 digest of the chapter, the question and the letter, so
  the student's choice can be checked without the letter being written anywhere;
* each explanation encrypted with a key stream derived from the right letter, so it can be
  read only once the right letter has been given.

With four options a determined student can of course try every letter, here or by hashing
them; that is what a self-check allows anyway. What they cannot do is read the key.

`python -m giants.quiz --write` re-seals the key from the teacher's chapters into the table at
the end of this file (tests/test_quiz.py fails while the table and the chapters disagree).
"""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Mapping, Sequence
from pathlib import Path

_LETTERS = string.ascii_lowercase


def _digest(chapter: str, number: int, letter: str) -> str:
    return hashlib.sha256(f"giants-quiz|{chapter}|{number}|{letter}".encode()).hexdigest()


def _stream(chapter: str, number: int, letter: str, length: int) -> bytes:
    # A key stream in counter mode: SHA-256 of the right answer and a block number.
    blocks = (
        hashlib.sha256(f"giants-quiz-explanation|{chapter}|{number}|{letter}|{i}".encode()).digest()
        for i in range(length // 32 + 1)
    )
    return b"".join(blocks)[:length]


def seal(chapter: str, number: int, letter: str, explanation: str) -> tuple[str, str]:
    """The digest of a right answer and its explanation encrypted under it (hex)."""
    plain = explanation.encode("utf-8")
    cipher = bytes(a ^ b for a, b in zip(plain, _stream(chapter, number, letter, len(plain))))
    return _digest(chapter, number, letter), cipher.hex()


def _unseal(chapter: str, number: int, letter: str, cipher_hex: str) -> str:
    cipher = bytes.fromhex(cipher_hex)
    return bytes(a ^ b for a, b in zip(cipher, _stream(chapter, number, letter, len(cipher)))).decode("utf-8")


def _letter(answer) -> str | None:
    """A student's answer as a lower-case letter: "b", "B", "(b)" and " b) " all read as "b"."""
    if not isinstance(answer, str):
        return None
    letter = answer.strip().strip("().").lower()
    return letter if len(letter) == 1 and letter in _LETTERS else None


def check(chapter: str, answers) -> None:
    """Print, for each question of a chapter's quiz, whether the student's letter is right.

    `answers` maps question numbers to letters ({1: "b", 2: None, ...}); a list or tuple is
    read as questions 1, 2, ... in order. A right answer prints its explanation; a wrong one
    says which letter is not it, so the student can look again and try another.
    """
    questions = QUIZZES.get(chapter)
    if questions is None:
        raise KeyError(f"no quiz for {chapter!r}; quizzes exist for: {', '.join(sorted(QUIZZES))}")
    if isinstance(answers, Sequence) and not isinstance(answers, str):
        answers = dict(enumerate(answers, start=1))
    if not isinstance(answers, Mapping):
        print(
            f"? Quiz: give your answers as a dict such as {{1: 'a', 2: 'c'}}, not {type(answers).__name__}."
        )
        return
    if all(answer is None for answer in answers.values()):
        print(
            f"… Quiz ({len(questions)} questions): not answered yet. Put a letter for each question "
            "in my_quiz and run this cell again."
        )
        return
    right = 0
    for number, (options, digest, cipher) in enumerate(questions, start=1):
        answer = answers.get(number)
        letter = _letter(answer)
        if answer is None:
            print(f"… {number}: not answered yet.")
        elif letter is None or letter not in options:
            print(f"? {number}: {answer!r} is not one of the options {', '.join(options)}.")
        elif _digest(chapter, number, letter) == digest:
            right += 1
            print(f"✓ {number} ({letter}): right. {_unseal(chapter, number, letter, cipher)}")
        else:
            print(f"✗ {number}: not ({letter}). Look back at the chapter and try another letter.")
    extra = sorted(str(n) for n in answers if n not in range(1, len(questions) + 1))
    if extra:
        print(f"? This quiz has questions 1 to {len(questions)}; no question {', '.join(extra)}.")
    print(f"{right} of {len(questions)} right.")


# --- the teacher's key, as written in the chapters ------------------------------------------

_KEY_BLOCK = r"^:::\{{solution\}} {label}\n(.*?)^:::[ \t]*$"
_KEY_LINE = re.compile(r"^(\d+)\. \*\*\(([a-z])\)\*\* (.+?)\s*$", re.M)
_QUIZ_BLOCK = r"^:::\{{exercise\}}[^\n]*\n:label: {label}\n(.*?)^:::[ \t]*$"
_QUESTION = re.compile(r"^(\d+)\. (.*?)(?=^\d+\. |\Z)", re.M | re.S)
_OPTION = re.compile(r"\(([a-z])\)\s")


def questions(md_text: str, chapter: str) -> dict[int, str]:
    """The options of each question of a chapter's quiz ({1: "abcd", ...}), read from its text."""
    block = re.search(_QUIZ_BLOCK.format(label=re.escape(f"{chapter}-quiz")), md_text, re.M | re.S)
    if block is None:
        return {}
    return {int(n): "".join(_OPTION.findall(text)) for n, text in _QUESTION.findall(block.group(1))}


def answer_key(md_text: str, chapter: str) -> dict[int, tuple[str, str]]:
    """The teacher's key in a chapter: {question: (letter, explanation)}; {} if it has none."""
    block = re.search(_KEY_BLOCK.format(label=re.escape(f"{chapter}-quiz")), md_text, re.M | re.S)
    if block is None:
        return {}
    # An explanation may wrap over several lines: join each numbered item's lines first.
    items = re.sub(r"\n(?!\d+\. |\n)[ \t]*", " ", block.group(1))
    return {int(n): (letter, text) for n, letter, text in _KEY_LINE.findall(items)}


def sealed(md_text: str, chapter: str) -> tuple[tuple[str, str, str], ...]:
    """A chapter's quiz as stored in QUIZZES: (options, digest, encrypted explanation) each."""
    options, key = questions(md_text, chapter), answer_key(md_text, chapter)
    if sorted(options) != sorted(key) or sorted(key) != list(range(1, len(key) + 1)):
        raise ValueError(f"{chapter}: questions {sorted(options)} and key {sorted(key)} do not match")
    return tuple((options[n], *seal(chapter, n, *key[n])) for n in sorted(key))


def _table() -> str:
    from giants.toc import toc_files

    lines = [_TABLE_START + "{"]
    for path in toc_files():
        text = path.read_text(encoding="utf-8")
        if answer_key(text, path.stem):
            lines.append(f"    {path.stem!r}: (")
            for options, digest, cipher in sealed(text, path.stem):
                pieces = [cipher[i : i + 80] for i in range(0, len(cipher), 80)] or [""]
                lines.append(f"        ({options!r}, {digest!r},")
                lines += [f"         {piece!r}" for piece in pieces[:-1]] + [f"         {pieces[-1]!r}),"]
            lines.append("    ),")
    return "\n".join([*lines, "}"])


def _write() -> None:
    path = Path(__file__)
    text = path.read_text(encoding="utf-8")
    start, end = text.index("\n" + _TABLE_START) + 1, text.index("\n\n\nif __name__")
    path.write_text(text[:start] + _table() + text[end:], encoding="utf-8")


# --- the sealed key (written by `python -m giants.quiz --write`; do not edit by hand) --------

_TABLE_START = "QUIZZES: dict[str, tuple[tuple[str, str, str], ...]] = "
QUIZZES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "intro": (
        (
            "abcd",
            "362ae8ee0fafcbfc1644f56838bae56cde323f2f892eb6127d93e105fdf353c9",
            "6a42e2c09c92ec631099d193dd8b198b7d52a94e4ac16140142288f287af9d6dbef3344d60770ead"
            "a8fd47161cd7bd55c58388ea452dd0aa8158ec12530d98381439029a2331fd9b4904c99aceec1e2d"
            "6bab",
        ),
        (
            "abcd",
            "dffd15e1a65c2cd77e2f685e0fce0e5df0d7c8d206d449559643286e706264ad",
            "f7600f027d02d901efee070c9e3fdc0382e1c7124a99d563b1bce198a62198cce90d3c483f6d1516"
            "9cae982a255486c7d14bd986275860807cc664ca3e5ca6abe7c9915e6ad32b0446be3842c9a9667e"
            "d2125a7df0eac2629bd682e2239ed6208c",
        ),
        (
            "abcd",
            "6e412bb865eb869444cbdc719c7ba72cda3dda48d31a74aad8d9c95b96771411",
            "d262228d24e95b1c156764eae84ec6add35d8c446333678a4e4deae46d76c47ed4826fc13ed28857"
            "3fd7084bd4965c7be2583fe169f504aed38a8def4f9fe7d8a7100afe52bc2dbe9e0f38747b763b48"
            "8099e2a7a2842fd15c7da2a56e09c28de2aa847a0ea5655658711af676aa323836622710b136f15a"
            "08b3d20712101285800df379f994c56930fb4073",
        ),
        (
            "abcd",
            "975813e190497632f96338eb71b8deb83393b5aeb2be4f6f1f389a6bd94b882b",
            "1da1569516bf5a5b98af78275228ab2c7055eed9e7ada8d8706b82aaba3b83a6c853c93b068571d4"
            "934981191f07adb8816b76ffec3f5a05d9a7a50350fbb6f619966ecbe4c3d28e249e4f35559eb023"
            "a18db523111508e7c61aa11fb2d84f9d6b1bee370a11b8775c956f5b5db3bd13e38c6e5bd53f8007"
            "e7bade5270af94fe234991272ada4b5e7f27d400",
        ),
    ),
    "two-thousand-years": (
        (
            "abcd",
            "1395607741a2f81bfbaff551ad7d5ae7598ddb3fa9f617101e976069e6464569",
            "72e2cb0bebe7ac31658df26e7775395e7ce49e6fc741560bd8ebf2a807a1dfc675a1968c6db69e94"
            "d03b8ff36bbdc5ec84e3ca5062e839d85565fd900e6683fa0a6359bd6eb5a04acea08674599c8da7"
            "accbd3b38982c2b52c0d8ab617cc22ca51cef8546899d8268127f0efbbe82aadcbeccae8c5",
        ),
        (
            "abcd",
            "23c1c0d90ab992a2ff59b34a76b9d7bfbc4916d2189ec8ce8965cd875d3869b1",
            "6cf63266014aebf96e32f003e821195d5f4531ddbbd472770f77561fc4d8fdf50928e863bce48f13"
            "c3798bb8abdda72895563476fc45a9c0878b58242508626dc7197896b4ed481bc3f6de23fa0c76cf"
            "c15e863c232d21de3058a7f01247511028965b40b1a8a8f700c6c64a138fa59a3a9a9961eac63688"
            "aa47fff9cb2cabe63958ea7b23d0ead1fe098bb4",
        ),
        (
            "abcd",
            "bc7f62f6a362bb28cbdffa14e0ab0da023b26e6b3ab026fbd1fc663165c55ecd",
            "6815c9444a4335d96bbd671d194b1dfa7cc6305440059c47abe7f5cdb21710f0f6e6cc9775e241d9"
            "493c1d00fc231688124ed0d0820f",
        ),
        (
            "abcd",
            "4e574bb5077fd84c1183ade8a1da708b7ad1d37277f639cff474d70b74de4430",
            "95c0a4ddbaff2c36adbdbf73a98d7e2555a8ac916cde1da19f282dda919b381e71758ba22e7ec740"
            "bf5a9c0fd8411a4ed2e504303656e97e92e9a7304810ec213dde36d5bac7ea9939bd51cc8175c02f"
            "e614b5bb68402839317380817c9fc1cf2f9d3283808ed9",
        ),
        (
            "abcd",
            "2a976a50d58659eb3aaecef96941878a5f025596919261a4a1047883bf217790",
            "b94ac2f3c805ee2e0e5cacd1a96a32f1e3eb4ae829d37c3cfe67394b546a968db52f17b7b96a5c13"
            "de29592c1f0d69f9b2dfd6df66f28cf0f0ed96c09277cc65d2593f89e32175b04b435e8f42436027"
            "cb7b8303c471b59043ee0d53946f5c80c41ed124cf058e4100822543c010b9ace39f82067ee14340"
            "08",
        ),
    ),
    "comrades-then-enemies": (
        (
            "abcd",
            "a800d01cc6d8e7da72ad80f67b8dde6b2a99376fa0fac1c755e5e99d6953a2e4",
            "339f5d02c958dda4c3c720da2f2d51779a79db0b44ec006eaac09ee0b913653a9960174dc280487d"
            "f579d34dad7f6fe62d88252cbdb167b783579d14949182ff2391",
        ),
        (
            "abcd",
            "2a74a1a5b6b02a519e5a8bad1ebd4ef8ec3728d533fae4d566df2bed2b06199d",
            "f97c7f340413ca604745a3721c98138a8f869df39352b6c00b20306848b66f0cd3f9c94cfd051c25"
            "1081faa4bff15b5f9e984a02a9a229cc9b21bfef526094e349fb4df8e9bcf99c7b50dc9d4e4b048d"
            "da6fa8682c3f6b907fc2c72fb68e5313b4adfbba1ba3",
        ),
        (
            "abcd",
            "4f42fadf0538e207caf24ed94153e3af5d762cabfbed821322574c8342f8805a",
            "9228bef706cc10d4b7bb8f758f2c0a08679fbfdf1671c0e81544a6d74afc39bfb0cf3b460bcc1e96"
            "6393bc55827198c9d56cb3dff2fdd03437242486667ba79f93fa471edad8e365049134d0967360d8"
            "f7c0ea36ff6e4b8f20f503811cc1ec24fb02",
        ),
        (
            "abcd",
            "cf6b43d8105f51c5cd6057acc343dc18ec5646f3637d89a76fa1458debbce6c1",
            "6d09c1afd31ddf8d3047ea528dabf11a6d9729c1c8515e4f6e2236978aec3cd8cb0734247d2cbe80"
            "287ca7ade3316da739c7e1bad3d65633456cc4b76b3ab6b9c0e99f66f099a3e53589f8ebe1285e4b"
            "4467b9ece2cdb8c3effd81dff627344f3ae63e4b09aa1da27c52f0b1f9b140",
        ),
        (
            "abcd",
            "3d24dc23243e6cc9c7b48123053297aeffa2d03ab1079e9db79c12ddf63638ca",
            "2d3c42535e0a723000531b0501144d397b9870fd5a7ddf6a4010d29a9dca90400f4a419d77d72f53"
            "e885e4ea365a569f9b2d855f35c25c6acec760c06922cb79be4ff3aca233b8fd4c1a08b77e",
        ),
    ),
    "partners-with-anxieties": (
        (
            "abcd",
            "188c02a3f77204f46ee3dfbf1c1de29d12a575b32802ab6346f119558fd4fae5",
            "57dee32e5299dcdf71db8763a22e10aeb41cdf0864f22971278a2508491c8006361a883b03222d38"
            "f58a80b3b53043d5e528bd1ec798dbf12ea5165b18d99a5577a1d36f4b4685f5c4b52c6f728da018"
            "f50f4b58c730a57093d33345c01b9b45179fe4035d",
        ),
        (
            "abcd",
            "de41a63c3e800f712cbc4724575ad8932a0cf743799a627c9ebce93a527d554d",
            "c620814e1b556e671358860d55f648ad7adbbfa4632b087aa2cded140ce39e4d829a31516effca32"
            "66af769a19005e9e69d55c85a36102c096314c25e5149392e1",
        ),
        (
            "abcd",
            "e340398952768a65a6a48df8065ea2b1f102b80a107c10b599c2ad85bb09cc02",
            "db52780a1297cca10c605605d7733f43c4e7fced9e97f769105e0550fdb36580a907faba1b449fd1"
            "57d2e7e8d52036f12fb80fa12f5122",
        ),
        (
            "abcd",
            "6ae680c09f1e956d14a8e7e394090e5fa7080f269ba4d4d50dbc31cbc3014567",
            "8382429798720c9308b3314141604bfaa65dc7d071f8c74a5c3d86640774288ebc952ec4187c35d5"
            "6841cd63d8261c6949c80dff629cc691d78fc57fe55e5aa63e7aec66e63e92c3626b1905b0246910"
            "e0c8fa91bbe4b406df10102054fcd2f9493de4fffe3af63e30dc5c7963e539d3",
        ),
        (
            "abcd",
            "82584631daad4075bba3d76c3b4f4005cf7fc7f0571b061477b074102437eee1",
            "e430cba660bbc14d857d00d575f337310efc02074104a67af48f0899c8733ac47d4a0c4ed1d1a0ea"
            "9eef7866e51127400f5b4c5b4e9b6aaa5a2a91eaed67afac057f37dace31145ab01249b9",
        ),
    ),
    "own-words": (
        (
            "abcd",
            "1f08c85593aeb610950e228bcf2ee3d77c88569ccd9ac51b785d1b5200d21060",
            "e0bf8ad4b6f5537575abfcb987620b0d52c9e80a8148f3f415e117788cd5d185438a736217db1c7f"
            "54c9fd70803fd125cf41c6868f862081dfd6671bca0e851a7ad340d34fa1603a36",
        ),
        (
            "abcd",
            "ca2395cc30064c17f40b8937d09b6a41b7fc103f5320921e946804f164a94b9c",
            "16c83bf5c3e869805357daed8ced806fa06155a9365370041d1aed38d088e0f34f4562726be806d4"
            "7c584fef2c1508891ec67022d9d21a7468e2361ce9d2a988c907f6620533273640b82eefc6780b61"
            "772d9a0ac8cf334db933571a2d823b29",
        ),
        (
            "abcd",
            "5952e425986788d3cd91e41be04171121a839de82701b8154d09b40ad421db29",
            "963d211dc68b8985b8e5cd5a44a42dc2e11145d39c257c19dd3bf65ad8473246f3a76d0399da0785"
            "84c6dbfa39727f82622a44156cc819658cb52dbe846e8db59c02d779b2c4664e735aabb68d79",
        ),
        (
            "abcd",
            "e4a90221bbf89a93a8b4ed30350c7feba0169a3ef9e2a340819bc73450ba44df",
            "ad0076c9279b7c1fce055a518bcead77829c4ad5163206bff36f7b0ef966adf4b08e2dc0df3e8a14"
            "57236af4aa0dec01160bacddde3cfce3bb71aa6a7bc0925e27b0d2",
        ),
        (
            "abcd",
            "d48919515032d5703824459cb0696bfc93ef24ba280897c8a94c6573e71cfd69",
            "59e6a43dfa3b8b179ab88b16aad98e1aa2f0d63b7c24f0fbf33f7499f670ec2d5768154233d7804d"
            "3bf648247efe6ce352310ff6f685efa19d4f70f054b5b6fc178c0e5a9d0fa64269a4ad98efedcfa9"
            "14256c8ac90451e9ffe12116bd3004",
        ),
    ),
    "two-visits": (
        (
            "abcd",
            "d6fd3d801d0fc4f0a4b9e3897aa5286b351a969b241ceea0d8c1e2188265a5dd",
            "f114e8df5175be95d19d724dde3b6f9ddb650fe5556993843337309a50b5e8164ac0a8cd85f81156"
            "0be7ab29a182fd4eadd1e3a33d4572a9cbe81898a5bdbeefa846c2f2d22061a8646685423759aacd"
            "5502cfa2a2533bc69574ed269f4fb8dc88add72e19580fc7ea2c1f9aa524598c82bf37",
        ),
        (
            "abcd",
            "1ef64a69021cab492c21b952e7447f1f55d12f968cc29f17dccaebe651918fbe",
            "a646d2c4feea79d131efde26f99f6abd64a91262ecb95d98df845607a60bdde547c3fc04e65826c3"
            "d49a743b460ea357409188adb3d5425f3b647cfa258ef06a24eb3e8fa012a82f9a7434a10f65b752"
            "1ac1efffbf233389ecb806c6c04185db3e1279958c1dad2f608f939517a6ac7ac7f90fb8737a55bc"
            "58ea60ff21a95a657317bf746a09ee94d7167b2900527485a88996ee",
        ),
        (
            "abcd",
            "1e909e14cea5b8d0421615e9cda87759984d410bb4676aee98edcd0cc6168b1b",
            "1d20c33f81cca29b74976b38441f891b439563fa8300d0bb42381e7baefae0a78cb68ceefd5a1777"
            "86ef6b564904869f6e2df9c1bca30f1d472e0ef262df113417409b25016f097070ac502dfb2c9621"
            "25f003994083dc",
        ),
        (
            "abcd",
            "679266abdac736c16e0168285616cf4d8dc1d83dec75ce520625515d0687c8b3",
            "9199e056cbd15ba51ac59b32f12f85dda81bddb9cc6a2b594cfa7caff01653a59a411c75836353f5"
            "0781028a27cc64f6d45e2b2fc70b39104921c3b6beec8b46e7bb50e4d6422049635448abd9a743a4"
            "81a534be5215d8590aeb8475e83dc9b04c96598a7c636dbf533a12497566fede623861",
        ),
    ),
    "balance-tested": (
        (
            "abcd",
            "e80b936636f88a4e925fb23a85d92c76ddb7b1969acad23d4fe47998c31e21c2",
            "6fb7ee8e02f95345290821f2c13674efd9ce60f4730fb2a1b15ffcbb2b75aac983f88a7bc781bd86"
            "0b5f3f718edfd9f0b986dee40ff9cfa2ae24d4c78834855968e994e94d7d0b693ad2e004059888a8"
            "6516348294c3565e33935884cc",
        ),
        (
            "abcd",
            "5875ab903b6d2a97bbbdb43aa30e678707cbe3375e66a4023b242068199ab199",
            "ccff0599edae6168d9ae28ee964de52df408ea69fb4356962e695f9f2ca5bd660e41f3897faf1d34"
            "bb5189754f9e2aa8a168af169e416fb85d035cfeb6dca2",
        ),
        (
            "abcd",
            "d2a4b73c058d767b86c17b86dfc2897d68268f98d4372dd1c7ccdd83d64b0704",
            "c6a7459afe3ebf5774ea038e8c647a3c2dc25cc003da92b6f68ad02cab571c8e27843fd4e9050221"
            "b44cbbd88294972e1787b57d4c89277f90198073da8065f3f3d1d054aa2e63fc4ee8d3e25c539e91"
            "1ca1fcc297f158938719cf87559cfe77af70f7ed4bc1663dc4a7e831866783",
        ),
        (
            "abcd",
            "4d532d49b74caa8de9bce8f9da2faff3cbaf09379764229a3c90496ca8fdb0b6",
            "796a60c1c6615ddfc2d44b2db60cf9f064f45eaed74406a8e38f79e7127aa2574eb552a4b414413d"
            "af7d75c26629ad804d8dfd441a1c77453be1f8513adaebf5e4fd5b",
        ),
        (
            "abcd",
            "793d0ba305b9d9b6ef475228d936fd9843d28c3bcb6ec1d1f342581d79a5c6b9",
            "85036e13dad6d94e3fbf413e7fa49f827a798f1cb006839c43defea0057a14d1903bdb0013eb2854"
            "88391f15e02186ba0e5910ec3c2ac88fbbe8e87a3eb79fcc8329325c3ecfe333c97f8406b8dc18bc"
            "24dd4e4cb5c996e1488c2547d423eb82c763",
        ),
    ),
    "the-sea": (
        (
            "abcd",
            "3cf32c4a4902a2599b36ca6c383c589834551fc2f993404139feeb1673bc2265",
            "235813c214d016026f16b36ff98d922d8888cb5e00bb06644dae21c06ab18c6d31cc5629e5df8dff"
            "c00d91ade48a8b9a7946f828b140b71251a64ca9",
        ),
        (
            "abcd",
            "95c1d51fd78071a052f54c126dd58c1607d269159c0b61e2510ab6ab4262a29d",
            "04564d8fd645e04ccf6d7c1b9f606b9700754d15d7f5830bce2d19ca0e0cde94f363f2b1a90de000"
            "a92639a4471ab0dcae108a35f2d534632a0f1dd19a01976cddb353f45ddef82b9c4c2d506e1ccb41"
            "09de58e99571bc72dae7ef",
        ),
        (
            "abcd",
            "58a42deb6bc57cbb493c160f23a8311792f0d7da250d34c1c0f14d6a27298673",
            "d0054e72bedf411931f8588ae047a74af0a91a3fc91c6a6cd9a5f19868f603b2dedfeb8dbb3e9789"
            "5be29a00ce9e8ca0a18a0f889fd2f0f82e92401600149e2d4f6b39d58cdb49150aa2865bbdd888d5"
            "b1756f96b9873f6003d1fe15f37fe87d13e8b490a0ba54a13f606e11963c3254005c753199b610a5"
            "b1",
        ),
        (
            "abcd",
            "dc2becab04d17521cdd0e883a4ae100b262b0562f10c3a5b899151ec8bffdf62",
            "be9738dc5086c5bd7b203c1bde27f537360d72b1f2091ebc4d3e19f46a74d47be4bd4dd1486e3fd1"
            "6d6c1e1af1fc5c4e294addd679addf3a9ef6522b4d9b823e4d0a97c6908ce5e1730d9efdb241b0e4",
        ),
        (
            "abcd",
            "19992263c2d76840f56e82b615450009318b5c7d2588ae56345182ec68bedc52",
            "159ea7d6ba022d2ae8cea194cd7081ee851fb1d57126cfebc3ed34822eb9e1eba7c159015be24c8d"
            "9b81a0f20b3d27d667ad70ff53cf1e5c0d8e6843c1e902439174e2db7089e5c5d4b2c461df20eb31"
            "e724ade8d452e653be46d22886adb9f760ccb9ea64bf0b8643071c9beb4a7603e7",
        ),
    ),
    "opinion-and-trade": (
        (
            "abcd",
            "ba456313caa6ea535038ff1ad5250e38a793da4b878a56931735d7e1ef7671bf",
            "83a620f2bc1d9bfa4ff0e74dd7e8d27d105e6f22b47fa3e63c56ddbc47a22684e87150236c0d31990551c2bd3213",
        ),
        (
            "abcd",
            "5057503513f4aab53c52fb4a7205f980faacaaac4dca5081e4d5c4889e560c2c",
            "9fe34bcf345ae26a87dbb93c6f373d1bfbc8a557758eb8229bc6e1e844685a711166e054e1182c71"
            "93489732f2378cf8905ab42d6ab4e90b06beb095f999244d0566d37c775ec7076e8e0436b09b5a7f"
            "07713d09a267b8353ee34193fbe44e84a5415d49bd23166ab62b40f45197acf761dc27a79ef6cefb"
            "470d",
        ),
        (
            "abcd",
            "cb0eea75d60b7644ac3b54162d2de3e3ffced7dd2927e3e8b198c758cfeb5426",
            "ea95c50a052a2d394051c363b1c3dbdf8580a13d94a4067d497794bef2ac203a3b90062989ed05ec"
            "69820a41685b771f3d5a784a138c19e246d3905a6c0da3b456dc92c5",
        ),
        (
            "abcd",
            "ac1ba3a30bf38c24b9f06077964eedce997be0e7d7b10245769d3bf93963d530",
            "33a501536b7fa8f626cf3b0eba50f08f3f3d55bf0f842e6bf6b223135321f23348dff4ae27fe8190"
            "5f95de50eaea08827bfc002eac5b93309569c054e872726b5fa20e",
        ),
        (
            "abcd",
            "b253851a521ca69df4d71a8bf80c211f1cc147a262421d55c24db4bde7d3e93a",
            "fa12a7ce110a38d17f50d823a4043f18544b0fd1de22d8557686b0a1f5d4d0c1b57896b1fdb10a17"
            "72240daf88b93e20eee4a4c4aa2aeab6c498527f4f2842733334db53cb66c2092c6cf1545f2f7614"
            "6de7c512bf57128720ba40d7d83b07ba31b1f3524af385c495da",
        ),
    ),
    "data": (
        (
            "abcd",
            "9c7be05b1793e6fd1a7c06dce9afb0536bcbd9adf1330f3ec9135e5acb12ebd6",
            "4a307275657f3c0795e2cee267d155bc30cc4eede30d52705020d65bb95c29c4d2e75879be72dbe1"
            "810d04cf54ca4424f85ff27f58de37740b965be0683dfd93ff7d238822bac77b4a5ea2ae9a2c987c"
            "503586649c8ad873dd08e08e6356e4c606502039a8354e05f2b401cf73c04c",
        ),
        (
            "abcd",
            "931126a55b40241c7ceeb2a0d5946ffd2730917c6d36e367302229a2a8596ee4",
            "b9281be44e74dcea3b5d732cb59e08fcd19976d0eae47c6b00cec215c29b35a0ce2a1da0b85e0330"
            "22f970df65c671e24c06def952c0cee0b6ae5d9e26f802cc15466ef6eb1dc1800e32076fe401e933"
            "f30c47fa5fb02fcc554ec83d17c7",
        ),
        (
            "abcd",
            "4a0f82879c9b9b69c4ab73c8ad1a49c18ce498d54a9051b63a3e7b3ef0268035",
            "70a916f244c3089afc2084e98fc7056556152138cc1d87e524ea490bd1471ca877163e564f4b1125"
            "a6726aa1fdeb5d06f89dda96dfff31a1cb376693a0cb0fe69d18dd7ffb05106d2ccd6882eca51e4e"
            "1ffd",
        ),
        (
            "abcd",
            "ab2e24487aa0141141457b28d357dd7cf213e23029f48a69cd9b26c1b23bbafc",
            "11768e8f7ae01065e7c7503109300e613c047f7c8568f21ff1ed94a752d1f774b5b09b52cba9cd73"
            "edae6fb790e3cb05333fd5e5b9e2c4358ae7cb3b420da698bffcc8f629b60bca1347a195569250ba"
            "8f1f79d5898ee203aa5782f5985259fa61e3",
        ),
    ),
}


if __name__ == "__main__":
    import sys

    _write() if "--write" in sys.argv[1:] else print(_table())
