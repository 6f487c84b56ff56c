"""终端文本 — make text from input safe to show on a terminal, in a log line or a text report.

A payer writes the memo of a transfer; a unit writes its name and remarks. Printed raw, such text
can carry an ESC sequence that clears the screen, a carriage return or newline that forges a line
of the report, a BEL, or a bidi override (U+202E) that shows a code backwards. :func:`sanitise`
is the one function every such text goes through before it reaches a terminal, a log line or a
text report: it keeps every printable character (Chinese included) and shows every control,
format (bidi, zero-width) and other invisible or unassigned character *visibly*:

* the C0 and C1 controls and DEL as a Python escape, e.g. ESC as the four characters ``\\x1b``,
  a newline as ``\\n``;
* every other character that is not printable (bidi controls, zero-width characters, line and
  paragraph separators, surrogates, private-use and unassigned code points) as ``<U+202E>``;
* the backslash and ``<`` stay as they are, so the rendering is for people, not for parsing
  back; JSON output keeps the data exact and does not use this function.

>>> sanitise("货款\\x1b[2J\\n结论：全部合规")
'货款\\\\x1b[2J\\\\n结论：全部合规'
>>> sanitise("RL\\u202e123")
'RL<U+202E>123'
>>> sanitise("广东省某厅 ABC-12")
'广东省某厅 ABC-12'
"""

from __future__ import annotations

__all__ = ["sanitise"]

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(character: str) -> str:
    if character in _ESCAPES:
        return _ESCAPES[character]
    code = ord(character)
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return f"\\x{code:02x}"
    return f"<U+{code:04X}>"


def sanitise(text: object) -> str:
    """终端安全文本 — ``text`` with every control, bidi and other invisible character made visible.

    Accepts any object (``str()`` of it is taken, so an error or a value object can be passed).
    Printable text, Chinese included, is returned unchanged.
    """
    value = text if type(text) is str else str.__str__(text) if isinstance(text, str) else str(text)
    if value.isprintable():
        return value
    pieces: list[str] = []
    for character in value:
        if character == " " or character.isprintable():
            pieces.append(character)
        else:
            pieces.append(_visible(character))
    return "".join(pieces)
