"""法规出处 — where a rule or a figure comes from: document, clause, quote, confidence.

:class:`Citation` is a plain slotted class behaving as the frozen attrs class it was (equality
within the class, hash, ``repr``, assignment raising attrs' ``FrozenInstanceError``), so that
``compute_share``, whose module holds the formula's citations, imports without attrs (issue 18).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NoReturn

__all__ = ["Citation"]

_FIELDS = ("document", "clause", "quote", "source", "confidence")


def _frozen() -> NoReturn:
    from attrs.exceptions import FrozenInstanceError

    raise FrozenInstanceError()


class Citation:
    """法规出处 — the legal text a rule or policy figure implements.

    ``document`` is the document number (``"粤财采购〔2023〕2号"``), ``clause`` the clause
    (``"二（二）"``), ``quote`` the words relied on, ``source`` where the text was read when it
    is not the notice itself, and ``confidence`` how sure the figure is (``"authoritative"``
    for the notice, ``"good"`` for a reliable secondary source).

    >>> print(Citation("粤财采购〔2023〕2号", "二（二）"))
    粤财采购〔2023〕2号 二（二）
    """

    __slots__ = _FIELDS
    __match_args__ = ("document", "clause", "quote", "source", "confidence")

    if TYPE_CHECKING:  # read-only to type checkers, as the attrs frozen class was

        @property
        def document(self) -> str: ...
        @property
        def clause(self) -> str: ...
        @property
        def quote(self) -> str: ...
        @property
        def source(self) -> str: ...
        @property
        def confidence(self) -> str: ...

    def __init__(self, document: str, clause: str = "", quote: str = "", source: str = "",
                 confidence: str = "authoritative") -> None:
        put = object.__setattr__
        put(self, "document", document)
        put(self, "clause", clause)
        put(self, "quote", quote)
        put(self, "source", source)
        put(self, "confidence", confidence)

    def _values(self) -> tuple[str, str, str, str, str]:
        return (self.document, self.clause, self.quote, self.source, self.confidence)

    def as_dict(self) -> dict[str, str]:
        """The five fields by name (as ``attrs.asdict`` gave them)."""
        return dict(zip(_FIELDS, self._values(), strict=True))

    def __setattr__(self, name: str, value: object) -> NoReturn:
        _frozen()

    def __delattr__(self, name: str) -> NoReturn:
        _frozen()

    def __reduce__(self) -> tuple[Any, tuple[str, str, str, str, str]]:
        return (Citation, self._values())

    def __repr__(self) -> str:
        return "Citation(" + ", ".join(f"{name}={value!r}" for name, value in self.as_dict().items()) + ")"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __ne__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() != other._values()

    def __hash__(self) -> int:
        return hash((Citation, *self._values()))

    def __str__(self) -> str:
        return f"{self.document} {self.clause}".strip()
