"""付款识别码 — generating payment codes and finding them in bank memo text.

Source: 粤财采购〔2023〕2号 附件2 七（一）: "将平台生成的6位字符的付款识别码填写在网银转账页面/汇款凭证/
转账支票上的备注栏（用途/摘要/附言）中，用于匹配您的汇款与订单信息", example ``f54yxn``.

**What is a code in a memo.** Banks pass the memo on as free text, typed by a clerk: any case,
maybe full-width (``ｆ５４ｙｘｎ`` from a Chinese input method), next to Chinese words and
punctuation (``货款f54yxn，XD2022112330011271``). The memo is NFKC-normalised (full-width to
ASCII); then a code is a *maximal* run of ASCII letters and digits of exactly six characters
that contains at least one letter, lower-cased. Chinese text (ideographs), punctuation, spaces
and symbols delimit a run. **Any other letter or digit glues to it** — Cyrillic, Greek, kana or
any script, and a combining mark — because the code must be "填写准确" (附件2 七（一）) and a
clerk, or the bank, cannot tell ``f54yxnа`` (Cyrillic а) from ``f54yxna``: neither is an
accurate code, and both go to manual confirmation (货款确认, 七（二）). So

* six characters inside a longer run are not a code (``XD2022112330011271`` contains none, and
  neither does ``f54yxnq``);
* a code glued to a look-alike letter is not a code (``f54yxnа``, ``αf54yxn``, ``f54yxnд``),
  while ``货款f54yxn`` is;
* a run of six digits is not a code: bank memos are full of dates and numbers (``202311``,
  ``100000``) and taking them for codes would send every such transfer to manual confirmation
  as "several codes". The platform's example has letters; a code of six digits — if the
  platform ever issued one — is not recognised and its transfer goes to manual confirmation
  (货款确认), which is where an unreadable code goes anyway. :func:`new_payment_code` never
  generates one.

**Bounded work.** Memos longer than :data:`~poverty_procurement.model.payment.MAX_MEMO_LENGTH`
(512) characters are rejected with ``InvalidOrder``, not truncated (a cut could turn the head
of a longer run into a false code). NFKC expands a character at most 18-fold and the pattern
is matched in linear time, so a hostile memo costs a bounded amount of work.

>>> extract_payment_codes("货款ＦＵ５４ＹＸＮ")
()
>>> extract_payment_codes("货款f54yxn\u0430"), extract_payment_codes("货款f54yxn。")
((), ('f54yxn',))
>>> extract_payment_codes("货款Ｆ５４ＹＸＮ，订单XD2022112330011271，2023年11月")
('f54yxn',)
"""

from __future__ import annotations

import random
import re
import secrets
import unicodedata
from collections.abc import Container

from ...citation import Citation
from ...errors import InvalidIdentifier, InvalidOrder, UnsupportedType
from ...identifiers.payment_code import ALPHABET, LENGTH
from ...model.payment import MAX_MEMO_LENGTH

__all__ = ["PAYMENT_CODE_RULE", "extract_payment_codes", "find_runs", "find_text_runs", "new_payment_code",
           "risky_character"]

#: The clause on payment codes.
PAYMENT_CODE_RULE = Citation("粤财采购〔2023〕2号 附件2", "七（一）",
                             "将平台生成的6位字符的付款识别码填写在……备注栏（用途/摘要/附言）中")

# Ideographs (and the ideographic numbers 〆〇〡…) are the memo's ordinary Chinese words: they
# bound a code (货款f54yxn). Every other letter or digit — Latin, Cyrillic, Greek, kana, any
# script — and a combining mark (which changes the letter it follows) glue to the run instead.
_IDEOGRAPHS = "\u3006\u3007\u3021-\u3029\u3038-\u303a\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_GLUE_BEFORE = f"(?<![^\\W_{_IDEOGRAPHS}])"
_GLUE_AFTER = f"(?![^\\W_{_IDEOGRAPHS}]|[{_MARKS}])"
#: The rule as one pattern, on the NFKC-normalised memo (the reference the tests compare the
#: two-step search below with).
_CODE = re.compile(f"{_GLUE_BEFORE}(?=[0-9]{{0,5}}[a-zA-Z])[a-zA-Z0-9]{{6}}{_GLUE_AFTER}")
# The same rule in two cheaper steps (measured by benchmarks/bench_matching.py): every maximal
# six-character run of ASCII letters and digits (explicit classes, no IGNORECASE, no look-ahead
# for a letter — about 30% faster), then all-digit runs are dropped in Python. Tests check that
# both give the same codes.
_RUN = re.compile(r"(?<![a-zA-Z0-9])[a-zA-Z0-9]{6}(?![a-zA-Z0-9])")
#: 六位字符串 — every maximal six-character run of ASCII letters and digits in a memo (the candidates
#: for a payment code; all-digit runs are dropped by :func:`codes_of_runs`).
find_runs = _RUN.findall
# The same runs in a memo with other characters than ASCII: bounded by neither an ASCII nor any
# other letter or digit (ideographs excepted) nor a combining mark — ``f54yxnд`` (Cyrillic)
# is as much one run as ``f54yxnq``.
_TEXT_RUN = re.compile(f"{_GLUE_BEFORE}[a-zA-Z0-9]{{6}}{_GLUE_AFTER}")
#: 六位字符串（非 ASCII 附言） — :data:`find_runs` for a memo that is not ASCII (after NFKC).
find_text_runs = _TEXT_RUN.findall
# Characters NFKC may change but that can never change the codes found: CJK unified ideographs
# (stable), and common Chinese punctuation and full-width ASCII punctuation, which are starters,
# compose with nothing and normalise to text without a letter or digit. A memo whose other
# characters are ASCII needs no NFKC pass: ``，`` alone costs a 0.8 µs normalisation otherwise.
# A search for any other character (``risky_character``) decides; tests check every character of the set.
_INERT = ("\u4e00-\u9fff\u3000-\u3003\u3008-\u3011\u3014-\u301b\u2014\u2018\u2019\u201c\u201d\u2026"
          "\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65")
#: Searches a memo for a character NFKC normalisation could change into a letter or digit, or a
#: non-ASCII letter or digit that would glue to a code (a match or None).
risky_character = re.compile(f"[^\x00-\x7f{_INERT}]").search
_normalize = unicodedata.normalize
_is_normalized = unicodedata.is_normalized
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_MAX_ATTEMPTS = 1000


def extract_payment_codes(memo: str) -> tuple[str, ...]:
    """识别附言中的付款识别码 — the distinct payment codes in a memo, lower-case, in order of appearance.

    See the module docstring for what counts as a code. Raises ``InvalidOrder`` for a memo
    longer than 512 characters and ``UnsupportedType`` for non-text.

    >>> extract_payment_codes("用途：货款 f54yxn")
    ('f54yxn',)
    >>> extract_payment_codes("F54YXN f54yxn a1b2c3")
    ('f54yxn', 'a1b2c3')
    >>> extract_payment_codes("202311 工资")
    ()
    """
    if type(memo) is not str:
        if not isinstance(memo, str):
            raise UnsupportedType("memo", f"附言须为文本，收到 {type(memo).__name__}",
                                  f"the memo must be str, got {type(memo).__name__}")
        memo = str(memo)
    if len(memo) > MAX_MEMO_LENGTH:
        raise InvalidOrder("memo", f"附言过长（{len(memo)} 个字符，最多 {MAX_MEMO_LENGTH}）",
                           f"the memo is too long ({len(memo)} characters, at most {MAX_MEMO_LENGTH})")
    return codes_in(memo)


def codes_in(memo: str) -> tuple[str, ...]:
    """:func:`extract_payment_codes` without the checks, for a memo already validated (a
    :class:`~poverty_procurement.model.payment.BankTransfer`'s). Private to the library."""
    # ASCII, or ASCII with only ideographs and Chinese punctuation (no risky character): NFKC
    # changes no letter or digit and nothing can glue to a run — the plain search. Otherwise
    # normalise if needed and search with the look-alike rule.
    if memo.isascii() or risky_character(memo) is None:
        return codes_of_runs(find_runs(memo))
    if not _is_normalized("NFKC", memo):
        memo = _normalize("NFKC", memo)
    return codes_of_runs(find_text_runs(memo))


def codes_of_runs(runs: list[str]) -> tuple[str, ...]:
    """The distinct codes among six-character runs found by ``_RUN``: all-digit runs dropped,
    lower-cased, in order of appearance. Private to the library."""
    if len(runs) == 1:
        run = runs[0]
        return () if run.isdigit() else (run.lower(),)
    if not runs:
        return ()
    return tuple(dict.fromkeys(run.lower() for run in runs if not run.isdigit()))


def new_payment_code(in_use: Container[str], rng: random.Random | None = None) -> str:
    """生成付款识别码 — a fresh 6-character code (a–z, 0–9, at least one letter) not in ``in_use``.

    ``in_use`` holds the lower-case codes of the orders still open. Characters come from
    :mod:`secrets` unless a ``random.Random`` is passed (for reproducible tests). Codes of six
    digits are never generated (memo extraction would not find them). Raises
    ``InvalidIdentifier`` if no free code is found in 1,000 attempts — only possible when almost
    all of the 2.2 billion codes are in use.

    >>> code = new_payment_code({"f54yxn"})
    >>> len(code), code != "f54yxn"
    (6, True)
    >>> new_payment_code(set(), random.Random(832)) == new_payment_code(set(), random.Random(832))
    True
    """
    from ...conventions import require  # the library's error for a wrong type (issue 17)
    require(in_use, Container, "in_use")
    probe: object = in_use
    if isinstance(probe, (bytes, bytearray)):
        raise UnsupportedType("in_use", "in_use 须为文本识别码的集合，收到 bytes", "in_use holds text codes, got bytes")
    choose = secrets.choice if rng is None else rng.choice
    for _ in range(_MAX_ATTEMPTS):
        code = "".join(choose(ALPHABET) for _ in range(LENGTH))
        if not _LETTERS.isdisjoint(code) and code not in in_use:
            return code
    raise InvalidIdentifier("in_use", "找不到未被占用的付款识别码，请先关闭已完成的订单",
                            "no free payment code was found; close finished orders first")
