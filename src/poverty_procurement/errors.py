"""错误层级 — the one exception hierarchy of the library.

Every error the library raises derives from :class:`PovertyProcurementError`. Errors caused by
bad input also derive from :class:`ValueError` (or :class:`LookupError` for lookups), so callers
that already catch those keep working.

Each error carries

* ``field`` — the name of the field or argument that was wrong (``"canteen_total"``,
  ``"ratio"``, ``"memo"`` …), or the path to it (``"filings[3].contact.mobile"``);
* ``zh`` — what was wrong and what to do, in Chinese, for the person filling in the form;
* ``en`` — the same in English, for the developer reading a log.

``str(error)`` gives all three on one line. Errors pickle (their ``args`` are the constructor's
arguments), so they can cross process boundaries (``concurrent.futures``, Dask, Spark), and they
compare **by value**: two errors are equal when they are of the same class with the same ``args``
(field, Chinese and English message). So a result holding an error — a
:class:`~poverty_procurement.filings.FilingCheck` of a filing that could not be checked, the
``errors`` of a roll-up — compares equal to its copy after a pickle round trip.

>>> import pickle
>>> a = InvalidAmount("total", "不能为空", "must not be empty")
>>> b = InvalidAmount("total", "不能为空", "must not be empty")
>>> a == b, a == pickle.loads(pickle.dumps(a)), a == InvalidRatio(*a.args)
(True, True, False)
"""

from __future__ import annotations

from .terminal import sanitise

__all__ = [  # noqa: RUF022 - each area appends its errors at the end to merge cleanly
    "AmbiguousCounty",
    "CalendarOutOfRange",
    "CountyNotFound",
    "IllegalTransition",
    "InputError",
    "InvalidAmount",
    "InvalidContact",
    "InvalidCurrency",
    "InvalidFiling",
    "InvalidIdentifier",
    "InvalidOrder",
    "InvalidRatio",
    "InvalidRemark",
    "InvalidUnit",
    "InvalidVoucher",
    "PolicyDataError",
    "PolicyNotFound",
    "PovertyProcurementError",
    "StructureError",
    "UnknownProvince",
    "UnsupportedType",
    # payments
    "InvalidIdentifierComponent",
    "InvalidIdentifierFormat",
    "InvalidIdentifierLength",
    # report
    "InputFileError",
]

_MAX_SHOWN = 40


def shown(value: object) -> str:
    """A short, safe rendering of an offending value for an error message.

    Never raises and never takes long, whatever the value: an integer too large for Python's
    int-to-text limit (4,300 digits) is described by its size, a long text is cut before it is
    rendered, a value whose ``repr()`` fails is named by its type, and what comes out has every
    control and bidi character made visible (:func:`~poverty_procurement.terminal.sanitise`).

    >>> shown(10**5000)
    '<an integer of 5001 digits>'
    >>> shown(-10**5000)
    '<a negative integer of 5001 digits>'
    >>> len(shown("x" * 10**6))
    40
    """
    try:
        if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 256:
            sign = "a negative" if value < 0 else "an"
            text = f"<{sign} integer of {_digits(value)} digits>"
        elif isinstance(value, str):
            text = str.__repr__(str.__str__(value)[: _MAX_SHOWN + 1])
        elif isinstance(value, (bytes, bytearray)):
            text = repr(bytes(value[: _MAX_SHOWN + 1]))
        else:
            text = repr(value)
            if not isinstance(text, str):
                raise TypeError
    except Exception:  # an error message must never fail on the value it describes
        text = f"<a {type(value).__name__}>"
    text = sanitise(text)
    if len(text) > _MAX_SHOWN:
        return text[: _MAX_SHOWN - 1] + "…"
    return text


def _digits(value: int) -> int:
    """The number of decimal digits of a large int, without converting it to text."""
    magnitude = abs(int(value))
    estimate = max(1, int(magnitude.bit_length() * 0.30102999566398120))
    if estimate > 100_000:  # the power would cost more than an error message is worth
        return estimate
    # the estimate is the true count or one less
    return estimate + 1 if magnitude >= 10**estimate else estimate


class PovertyProcurementError(Exception):
    """本库所有错误的根 — root of every error raised by poverty_procurement."""

    field: str
    zh: str
    en: str

    def __init__(self, field: str, zh: str, en: str) -> None:
        for name, part in (("field", field), ("zh", zh), ("en", en)):
            if not isinstance(part, str) or not part:
                # A library bug, not bad input: every error must name its field and say what to do.
                # Still the library's own error (a TypeError), naming the part that was wrong.
                raise UnsupportedType(name, f"{type(self).__name__} 的 {name} 须为非空文本，收到 {shown(part)}",
                                      f"malformed {type(self).__name__}: {name} must be non-empty text, "
                                      f"got {shown(part)}")
        super().__init__(field, zh, en)
        self.field = field
        self.zh = zh
        self.en = en

    def __str__(self) -> str:
        return f"{self.field}: {self.zh} | {self.en}"

    def __eq__(self, other: object) -> bool:
        """Equal to an error of the same class with the same ``args`` (so a pickled copy is equal)."""
        if type(other) is not type(self):
            return NotImplemented
        return bool(self.args == other.args)

    def __hash__(self) -> int:
        return hash((type(self), self.args))


class InputError(PovertyProcurementError, ValueError):
    """输入错误 — the input was bad; the message says which field and what to do."""


class UnsupportedType(PovertyProcurementError, TypeError):
    """类型不支持 — a value of a type the function does not take (e.g. a binary ``float`` amount)."""


class InvalidAmount(InputError):
    """金额错误 — an amount is not a valid CNY amount (form grammar, sign, size, type)."""


class InvalidCurrency(InvalidAmount):
    """币种错误 — a ``Money`` in another currency than CNY was given."""


class InvalidRatio(InputError):
    """比例错误 — a ratio is not percent points between 0 and 100 with at most two decimals."""


class UnknownProvince(InputError, LookupError):
    """未知省份 — not the name, short name or code of a provincial-level division."""


class PolicyNotFound(PovertyProcurementError, LookupError):
    """无政策参数 — no policy figure is known for that year (the library never guesses)."""


class PolicyDataError(PovertyProcurementError):
    """政策数据错误 — the shipped policy or county data failed validation on load."""


class InvalidIdentifier(InputError):
    """编号错误 — an order number, confirmation number, payment code or account is malformed."""


class InvalidUnit(InputError):
    """预算单位错误 — a budget unit (code, name, superior) is invalid."""


class InvalidContact(InputError):
    """联系人错误 — a contact's name, mobile or landline number is invalid."""


class InvalidRemark(InputError):
    """备注错误 — a remark is too long or otherwise unusable."""


class InvalidFiling(InputError):
    """填报错误 — a filing cannot be constructed from the values given."""


class InvalidOrder(InputError):
    """订单错误 — an order, transfer or payment confirmation is invalid."""


class InvalidVoucher(InputError):
    """支付凭证错误 — a payment voucher is not a JPG/BMP/PNG image of at most 5 MB."""


class CountyNotFound(InputError, LookupError):
    """未找到县 — no county of the table has that name or code."""


class AmbiguousCounty(InputError, LookupError):
    """县名不唯一 — the name matches several counties; give the province or prefecture."""


class CalendarOutOfRange(InputError):
    """超出日历范围 — the working-day calendar has no data for that date."""


class IllegalTransition(PovertyProcurementError):
    """不允许的操作 — the workflow does not allow this action in this state by this actor."""


class StructureError(InputError):
    """数据结构错误 — serialized data could not be turned back into value objects.

    ``errors`` lists every offending field path with its message.
    """

    errors: tuple[tuple[str, str], ...]

    def __init__(
        self, field: str, zh: str, en: str, errors: tuple[tuple[str, str], ...] = ()
    ) -> None:
        super().__init__(field, zh, en)
        self.args = (field, zh, en, errors)
        self.errors = errors


# --- filings errors ---
# --- end filings errors ---

# --- counties errors ---
# --- end counties errors ---

# --- payments errors ---
class InvalidIdentifierLength(InvalidIdentifier):
    """编号长度错误 — the identifier has the wrong number of characters (python-stdnum InvalidLength)."""


class InvalidIdentifierFormat(InvalidIdentifier):
    """编号格式错误 — wrong prefix or characters outside the identifier's alphabet (InvalidFormat)."""


class InvalidIdentifierComponent(InvalidIdentifier):
    """编号内容错误 — a part of the identifier is impossible, e.g. the date 20221131 (InvalidComponent)."""


# --- end payments errors ---

# --- surface errors ---
# --- end surface errors ---

# --- report errors ---
class InputFileError(InputError):
    """输入文件错误 — a data file cannot be read: missing, unreadable, not UTF-8, bad JSON/CSV syntax, too large."""


# --- end report errors ---
