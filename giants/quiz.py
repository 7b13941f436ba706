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
    blocks = (hashlib.sha256(f"giants-quiz-explanation|{chapter}|{number}|{letter}|{i}".encode()).digest()
              for i in range(length // 32 + 1))
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
        print(f"? Quiz: give your answers as a dict such as {{1: 'a', 2: 'c'}}, not {type(answers).__name__}.")
        return
    if all(answer is None for answer in answers.values()):
        print(f"… Quiz ({len(questions)} questions): not answered yet. Put a letter for each question "
              "in my_quiz and run this cell again.")
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
                pieces = [cipher[i:i + 80] for i in range(0, len(cipher), 80)] or [""]
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
    'intro': (
        ('abcd', '85bac0c7f8233d720359ad0dd6d6f17802ea90edf73162e542e655b9c1bab90a',
         '2b670845cf32c30673259c39c420870f2ecb43b11572038745ed1e014c2b0cce3abcee83a582a2df'
         'ca62b4bd9939b0adac143b5162bc26aeabe194393545ca3f012c9f6a9b3663a7bcc6bb55c2b84c9d'
         '9e8a'),
        ('abcd', '038e93edaec029bcb0a7dc86a5fff3239c6473f3d9924587179233e0a4e825a2',
         'aecee5fb35908391982083143feb23b9d22aa6b65f884e17e0b5952337fa0a66512c739c75d683f2'
         '7b822930e6cc863f03f8b77757ba0fa1a5e8e8cbd8b6b8bec72a4b4cf3ff897af1c4e31d75bedf5f'
         '85f26a353c63d4f580a2864bb1e104fd5d'),
        ('abcd', '489b96b92812dbf72ccddafcf122b8ade65e7f827c6aecfe6ce125c944b14760',
         '9db337d4ae5e5af0de6160d1b32e6f6b84209a0784d4c99fb307f32129f8292f541950ae7bd499d6'
         '35638f0c29757c154032d79d178a762a61dfcc8ee7476247563dccac7acbbd274f967dbf93543457'
         '920145fb63ddf000c838bf089d33e456d42fc9943d2c15742200b68f358ea5977aada613612bd3a5'
         '2f6706fdd1aa2d61150e033fec8993028a0743b2'),
        ('abcd', '7b9cc6ef746cff16ec7892bdc5263b1aaaee6363822ef41953726e3158078a00',
         '4219c1eff1227e50aa702de5caeb03d766a403f58d46c82e0ddf0b2f562548ae3b708355bd4a4fe7'
         '53be8f15852e00b1e606569645f4ca5a023b73da4ca9c0c508db1f4e01fb483458c5a3baeb75ac44'
         'd43772e171634c0a4e4a2d9e2df2ca1e7891bff465cfd5c691288fb567692bb5cccd9e7ef29d27f0'
         'b13635259b8dc2e0f187b4361d0c3f5ad5b8c8f4'),
    ),
    'two-thousand-years': (
        ('abcd', '2ae7b0d3d6989082bdd02cdc8b7646570c10f3881dcbc5cfca4eff8059e67e32',
         'c10de7fa05e2d66b8a56caeff17548d394a68a76ea86deb4cb8be56bed2fedc9544f8d8100d13ec9'
         '808e9284d8e3619f44c25e9e53333b48074030b8f4399f81032ee5375d3bff74e1f1fbe02f4f5400'
         '599a077c4ee6f292131df31dfdb25a1e863f5003a1160c61638bae32ac371434a2deea235b'),
        ('abcd', '3c49849fd49e9acc038f095b43f0a91d106733c7b720ea218f5f69ec4b7df137',
         '1b5e85d9a339f39b9a3ea799dee7c9a819ebb210204211b06cb910b560fd1bb9117986f192be618e'
         '2a72fb26e915b083c28aff0be2124b5e3c1c48d1bfd18a4b3bd66810fae57c41a173e8b8c42ff43f'
         '6649cbdc7a08f9595e746e9e39445fcc3cb1e6542fd1e151c76bcef4afa8fdd1c1ed936eea75b55b'
         '2cb692120a96b1373c6f43664c9d16c0d9875af7'),
        ('abcd', 'bc7f62f6a362bb28cbdffa14e0ab0da023b26e6b3ab026fbd1fc663165c55ecd',
         '6815c9444a4335d96bbd671d194b1dfa7cc6305440059c47abe7f5cdb21710f0f6e6cc9775e241d9'
         '493c1d00fc231688124ed0d0820f'),
        ('abcd', 'c5fa344ae9bdf44cbb90ba1d7cb88e3f83bdc00dd13434dd5524d6ad28a1edad',
         '8213a6e7e840838d2d39373d7b23e582c163f459b9fbd02c5eda664d1b203a0297541e25be387ec4'
         '2b18c308c3c0e3639a756962efe360a5077370879794604af656e6efcc9954098bd7c3d045c3ba41'
         'bc40378c0b1da56adfe089248dd6c474e90599affe7f66'),
        ('abcd', '48523b8ec70cc745a6a8b00a2bb99252ed797cfe856f215820972a8be43a00d3',
         'dce2d6a10c948cce451c1d420f83c5aab67d1b518f989a599b31478edcfbf9dffbec5cb1742ca02f'
         '363b4a370d5a88e6304bdeba9a4ceececde9ccae97afdb36a5d3e38dd4ce6fe5d07d7458855b7cbd'
         'ccf392fcf669adedcf0663485f2632391120f5e2faa323fc56201866e3149889cfdda1dc7db9e0a7'
         'b7'),
    ),
    'comrades-then-enemies': (
        ('abcd', 'a800d01cc6d8e7da72ad80f67b8dde6b2a99376fa0fac1c755e5e99d6953a2e4',
         '339f5d02c958dda4c3c720da2f2d51779a79db0b44ec006eaac09ee0b913653a9960174dc280487d'
         'f579d34dad7f6fe62d88252cbdb167b783579d14949182ff2391'),
        ('abcd', '96c9e2518c09daccb3a51008309cf8b9944d064095af37483fb0719250f1ffa1',
         'b44e658c4a3e5a4af011532eba188c7a7ebe12f63d439179be0353cfb14b6e5edd703a79787f79e9'
         'a69d9be37ff0d960b7818ed435af502118f944d2367cb2680d80a2e6b04d8605a65cd32282691e86'
         'de16edb2b04cc46c49efe94751c55c553857e5b46250'),
        ('abcd', '4f42fadf0538e207caf24ed94153e3af5d762cabfbed821322574c8342f8805a',
         '9228bef706cc10d4b7bb8f758f2c0a08679fbfdf1671c0e81544a6d74afc39bfb0cf3b460bcc1e96'
         '6393bc55827198c9d56cb3dff2fdd03437242486667ba79f93fa471edad8e365049134d0967360d8'
         'f7c0ea36ff6e4b8f20f503811cc1ec24fb02'),
        ('abcd', '4cbdc06f4467164cf5b48c56d704d7e7cf03e2a9c00a2b101720822d8e1fc40d',
         'c48652c059871931501e955a52ae16e5664189e5cc9ec06ee4673a34ddf2ff002a4c9b1ff1638357'
         '5dc1d6f8c9fda0ea1c5e1f91bef376c42d8a7fceef5bacbea5163a932a89837a390e0f98be715b8e'
         '01d06cab75ce6256a1635a067905425419500cbf99c257793855ecb0e105f9'),
        ('abcd', 'fdd87b6feecc1057b9303e9a691d1e13dd39bb2a9c176bed62a3a7671120c362',
         '20e23df95ea91f7fbd322ff72e2dcd7cb991af35d047f8fe2d7b2b573377b5b8154d613e8e26736d'
         'b606a93c8f20cc3bdc0a48f874146d74c9e1494479cdec12cc146accb96b2706d4d03f6842'),
    ),
    'partners-with-anxieties': (
        ('abcd', '188c02a3f77204f46ee3dfbf1c1de29d12a575b32802ab6346f119558fd4fae5',
         '57dee32e5299dcdf71db8763a22e10aeb41cdf0864f22971278a2508491c8006361a883b03222d38'
         'f58a80b3b53043d5e528bd1ec798dbf12ea5165b18d99a5577a1d36f4b4685f5c4b52c6f728da018'
         'f50f4b58c730a57093d33345c01b9b45179fe4035d'),
        ('abcd', 'de41a63c3e800f712cbc4724575ad8932a0cf743799a627c9ebce93a527d554d',
         'c620814e1b556e671358860d55f648ad7adbbfa4632b087aa2cded140ce39e4d829a31516effca32'
         '66af769a19005e9e69d55c85a36102c096314c25e5149392e1'),
        ('abcd', 'e340398952768a65a6a48df8065ea2b1f102b80a107c10b599c2ad85bb09cc02',
         'db52780a1297cca10c605605d7733f43c4e7fced9e97f769105e0550fdb36580a907faba1b449fd1'
         '57d2e7e8d52036f12fb80fa12f5122'),
        ('abcd', '45f8c870101d40c9abc5fd4dc6bff631f1c7fa5c8db595d4fdda008e3dce3fe4',
         '00c11ef3c6a083edcce283cdc23c015106353630549df34cab59949522a84c8d17ff029aea6468ee'
         '4e9559b4a00dece38e67fa780cb7137730d3dcbff9367181175dee657910d49b672610563f94939b'
         '0b7b70feb303678916609b148797c37077650eb5b813900547e8243ec5ab0524'),
        ('abcd', '7c993ec7e2dd9d0a8a7b4cb6c4adb553361dcba00e140852934209bef052e68a',
         'd87b5fddb6c54b7de2132dfdfdd9ed15da4e3621974130411e07756935bdebbb9d23ce4e9944ea44'
         'ff2e7ec18c8617ef449496081ad846bae4816fe7913b2cd78b81a01e6007c07a2fffa7cb'),
    ),
    'own-words': (
        ('abcd', '20aaf649a1de774abf6ded7afe0fdc2616f68840bb743a0558dbdb6f78fb30e1',
         '9a6cef51bffadde1fb4c22e9b0533644f6412c849aec7a1fe8aa4b9958271944d441c9bb261f989a'
         '7470f2adc57f99a3ee88806353d5b87b3719e5662b3d191227d30710a16e46681d'),
        ('abcd', '9b65c271b7c048de6ef61115a1c113533a6e5ebf8e2f3b13918562009711e43c',
         '24019c0480c7c793ca2fb75efd108c2a85e1efe1db68eb61cef81e744f4e42ced999fa6cb17709f0'
         '64f18373ad376db28f72b87f97cb2903fd59d97b5db9a0d1d9a8dbf2529143b5a5a8d50bd14f9ef6'
         'b58cc627d06879b5c542ad36572e5454'),
        ('abcd', '7cd2315e350429f35a6934e0fa4bcc2332b429131ef944843ef5f58fd64a0b6b',
         '94e5ee1416ff2907382e0f02648e8c048a7be8d6562906d202120a8be0c9ca878e8e979fb482fb79'
         'dc7d93c7add8203cf009a67b30b0d6a8514f8489cb9dc878014f00e984bc088eb45d0f9b5583'),
        ('abcd', '3365d7cb9475db99aed155bf978e18cf55369affa01a52142f0256e478953cdc',
         '18581d5b6e52d77e005196913c2b472974507d6a31ebea8bf9af14e765d1ae38623caec441ef8295'
         'cbd4cd48a0faec5d3eab5358c438ab86d1ad680c954aa4ce190e3e'),
        ('abcd', '2fb005545666a9240c89e8d79fae9cbf9a69c8027caa2c11c3e7fbd840b8c1f6',
         '9a77d1cdb247d80e6d976697aaaebbd1bf10b8cb32e1dbb239c3629e41c007f4cae7c47dd72766db'
         '0ba30afd702d2032963b59a1e086236a5e839ef7bf64b6a1afa5584db9eb89986e2809765e925c93'
         '0fc129940da82b13743a4c9294dd71'),
    ),
    'two-visits': (
        ('abcd', '680c0d14d59821566059e28413db505275b34131d852acc88c2f463c890f60cd',
         '4faee725325be3de4652ab5dca9e04f83f2425e56415f77f499cc2bba02a2d44f6c5c8d28741a57d'
         '5063ade78d2c6ad07c28ad7cc915c650cbfa7f505701b7858908898214cb4a087139d23b14a95915'
         '8cdfd0c99fe39bd264ae9e5bb4ce159bfe2377db0840948e0690d5099055622bf79b0f'),
        ('abcd', '7d98e555982f50cd65f073079134859ba040ac97c37a2d151d3f250615eafcfb',
         '1aa38cf96587f371d42d8749add2c543f16625a709690c17f1db0c8ff8cb05f706da52baf2b7cfd6'
         '336bb7f2a462066302d2f1fe396d9920cba83f8f3f642f4c3f32e53281f09a6c644359233d72d1e6'
         '0b4277b260469e2051992cb9edccaa714369e28219f1421ba88760a6228bdd20ce070bc81798bdc3'
         'c5f2c5285fe0cf1f64e35ee9d4fff4c5510123c728338e4be0fb3189'),
        ('abcd', '10fbcdcfdeee782ab4388b9d3faed05a2e46328d631990e2d820240dd80955fa',
         '45c3d910d7ad98fc8986e1dfd27c4b8030474adfd985f27671553f8e08c9d44904e4226ab128f81b'
         'f414061bf4bcc1895e2a25c53a0b0f8135bb1ccedae17276622240938aebaa08e57395e8bcabd994'
         'a3935a79528c30'),
        ('abcd', '1ebf6c9a24dbf6ac49e3886e8f5e8ef6e20001293ff82cf5084fd6dd35c3f643',
         '6ab6863d46d05b2effe1654a5989c524055c200f81b4054fc510494171dc520b0eb3aa7879b7c8ec'
         'cb8f79fa66880158b0ee19d8f4918bff718aaa357121a3b0e168b80b58436da74800aa4fff741e3d'
         '82a67d6b2886e537cae647f1d4b3a06148d1c45b7a9cdacbf614d428f33b3498acae6a'),
    ),
    'balance-tested': (
        ('abcd', '7d0de50a9162c216529e56fb85c3ba39068337ca1a60bc4e921fde0b18144452',
         'eaecb3861fddf814bddc411dec8bc9c3acdaf1d85de48d1dd3d0b4d2fac8a144e542a64019cd92a2'
         '29388b43f44827ae74b921885283245b46b6e108d3046ebd0160b5adf43408ff03c5fbdd7cf4900b'
         'efe19c4f8f04834d52c96aa9d6'),
        ('abcd', '3326d857517466c214e95341b8bfbb41be3efa2c339b2b7cb4b17d4e5c2f5376',
         '3a010b122d782d90daf97b6fba02a8751eb0b87200ff7cfc1efe83d73e0bc62e85d18a52d55ba69e'
         'f84f04fd67593b5ab9ed2342b5410ba1df8b70ef4cd0b1'),
        ('abcd', 'd2a4b73c058d767b86c17b86dfc2897d68268f98d4372dd1c7ccdd83d64b0704',
         'c6a7459afe3ebf5774ea038e8c647a3c2dc25cc003da92b6f68ad02cab571c8e27843fd4e9050221'
         'b44cbbd88294972e1787b57d4c89277f90198073da8065f3f3d1d054aa2e63fc4ee8d3e25c539e91'
         '1ca1fcc297f158938719cf87559cfe77af70f7ed4bc1663dc4a7e831866783'),
        ('abcd', 'afd0baca509dbcf8d0ac77fd3ba51c56151afd8c039925916d660de7737ccff4',
         'da42369727b4327f85d983724971ea607a3378d69f83234496a7578c7843f9414ab63fbb8280d8d1'
         '40c78479f36fc9be0c8dfb329041d168e5de98f42ee39a4b49acef'),
        ('abcd', '5cb9277baba1ed00feec7f3fa7768b025005d515205527b0e17f6e49b3953ba5',
         '8ebc4438b7f02d229c2710f9fa093d436e23ae13f4f6fa5cb895bca6637689fbca57a39604740444'
         '5caddea36aca0de976eb56f94d033545eebc7fb379df7c11d48a156aca6e6451bdda7f14336b9c26'
         '30f60940f6f54106a38f4fcbf3c5dc2b4b1e'),
    ),
    'the-sea': (
        ('abcd', '3cf32c4a4902a2599b36ca6c383c589834551fc2f993404139feeb1673bc2265',
         '235813c214d016026f16b36ff98d922d8888cb5e00bb06644dae21c06ab18c6d31cc5629e5df8dff'
         'c00d91ade48a8b9a7946f828b140b71251a64ca9'),
        ('abcd', '210d139a1ccd74a7760e48c8b0ce90d93610273ec4af4c48c868933dce36cf34',
         '861a3906c50d68c87d1e200e0602caed1b7af3a81b1902cdab7fdac4b4b2cf1f4906e2516ced710d'
         '67e592ac6fee87a7d46846696482a6a34be3854ad56dbd975959e0f8a17d8cb91dd07e87a25eab8e'
         'dc8f9718469205f0b3f0f1'),
        ('abcd', '58a42deb6bc57cbb493c160f23a8311792f0d7da250d34c1c0f14d6a27298673',
         'd0054e72bedf411931f8588ae047a74af0a91a3fc91c6a6cd9a5f19868f603b2dedfeb8dbb3e9789'
         '5be29a00ce9e8ca0a18a0f889fd2f0f82e92401600149e2d4f6b39d58cdb49150aa2865bbdd888d5'
         'b1756f96b9873f6003d1fe15f37fe87d13e8b490a0ba54a13f606e11963c3254005c753199b610a5'
         'b1'),
        ('abcd', '7e99eaf99694f360851a3c8e163606bf7260a753fc5a633d03cb49eb73e8adc7',
         'f220d493b5e514ecf72de47002baee773876d371ec22fd8dbcf4cdd3dbd18853c4abac2bbe201d3a'
         '9bd5bbadbe8a99843a9974ba2288f49cd4779c85a8121e6a221b37e93ffd5b9540aea74a0cf47d4b'),
        ('abcd', 'a461d46f4eb0f0cf0136c1d15597e9d1d6cb00cbb591835905f30cdccadbfaf2',
         '203416d08a43ea4ebd9c042a9628a2a64ed9552cb702963fccbc8c003f97e313da547a1f368b4e5f'
         '73c4600a517ffef08c89bb88b9d14aee23a9ab6e9ec5a00c4a975316834f5f3a3f29f4e6181517d8'
         'a442781de13a3ce7038922bbb3e6e31ee4cb41995c7ea22d1d7008dbec0e9d091d'),
    ),
    'opinion-and-trade': (
        ('abcd', 'e7e2df03036934a902c0f68488784bedec333bd54de470958a9400e9e1cc3c88',
         '64899d4aad5a0301ae9527f1a2e7be44f2e64fbb31eebb979099b742e7419e96c78ec21f3606e4b9'
         'b3deded554b5'),
        ('abcd', 'c6b9a6ad4ef2d36d8c39f95101090e24a96ffb7b4e1923d57653282e9710953d',
         '9bad7b8774158cf650bee8db67ee383bcf52944285e9c973015274e40dc36ce21e169c2251c851f1'
         '9c6746d9c2f9c7a729e73ce7a3ce8a270c383d700764391f96739c02794eead02fc0c4eacdfc7384'
         'd2256a62f413e4bc0cd753dd26b1ba4b7c7f7f7a15c974f2c702cf27d3be045676ae66e0ae5f56a0'
         'd6c8'),
        ('abcd', '84b6d703c505de831079eb1b034081820b6b4d97e9dff4e3df02b3e6ecfcb502',
         'f9bed0c6e45c88f7e31e91c603a1b8b9d49498b3016f2111e5bbca3ed9608abd5206f0c124b32ba1'
         '9739efdf1e0ee3796cdd90944534a0581d9873f6c5f2536682f76d18'),
        ('abcd', '2cabd16a42f6cce359a9174d3f259f0c105afacb4ea091b06356dcf1c16ee531',
         'b75538e8d70724c89151d2634fdffe354e17653a0aaf143692f489de482c20170e73b9364a216f2f'
         '0caf33fd8d116e2c00abd7179e7bb30eca7f629ac97a5133136d16'),
        ('abcd', 'fe304e81e136a9519a63546d7be3df56d2d7d51accc44d68f8a9b230722b23c5',
         '651c14ca1412b554c90043d87c99581f1ed0b4eb5854e17989784dd79da51f773902c91f301e4413'
         'c83712d8d14c792cf93cc40a5f396838fee6eafefb6ed4d4bcd006d0970ce9800cde0ec75e3eb3eb'
         '3f9f65f2f8e198dc3370acd3654a2d1c15c821e16c54de6f5d44'),
    ),
    'data': (
        ('abcd', '9c7be05b1793e6fd1a7c06dce9afb0536bcbd9adf1330f3ec9135e5acb12ebd6',
         '4a307275657f3c0795e2cee267d155bc30cc4eede30d52705020d65bb95c29c4d2e75879be72dbe1'
         '810d04cf54ca4424f85ff27f58de37740b965be0683dfd93ff7d238822bac77b4a5ea2ae9a2c987c'
         '503586649c8ad873dd08e08e6356e4c606502039a8354e05f2b401cf73c04c'),
        ('abcd', '931126a55b40241c7ceeb2a0d5946ffd2730917c6d36e367302229a2a8596ee4',
         'b9281be44e74dcea3b5d732cb59e08fcd19976d0eae47c6b00cec215c29b35a0ce2a1da0b85e0330'
         '22f970df65c671e24c06def952c0cee0b6ae5d9e26f802cc15466ef6eb1dc1800e32076fe401e933'
         'f30c47fa5fb02fcc554ec83d17c7'),
        ('abcd', '80922597f7090da49a7dae8ee1944580dd3c082d274c967b65b43dc388b2da0c',
         'd8f22c48a7435c96fc2b071cfd1087b7c0dc1dd5ccf681cc9a9360904d1d556834773736879ca3d5'
         'eb5585f960c05f3c0231dcb4533f5bec0b2eac21eb2e428bdaaf21d374a67189ccd51992bcadc6c6'
         '05ae'),
        ('abcd', 'ab2e24487aa0141141457b28d357dd7cf213e23029f48a69cd9b26c1b23bbafc',
         '11768e8f7ae01065e7c7503109300e613c047f7c8568f21ff1ed94a752d1f774b5b09b52cba9cd73'
         'edae6fb790e3cb05333fd5e5b9e2c4358ae7cb3b420da698bffcc8f629b60bca1347a195569250ba'
         '8f1f79d5898ee203aa5782f5985259fa61e3'),
    ),
}


if __name__ == "__main__":
    import sys

    _write() if "--write" in sys.argv[1:] else print(_table())
