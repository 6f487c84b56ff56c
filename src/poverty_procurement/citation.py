"""法规出处 — where a rule or a figure comes from: document, clause, quote, confidence."""

from __future__ import annotations

import attrs

__all__ = ["Citation"]


@attrs.frozen
class Citation:
    """法规出处 — the legal text a rule or policy figure implements.

    ``document`` is the document number (``"粤财采购〔2023〕2号"``), ``clause`` the clause
    (``"二（二）"``), ``quote`` the words relied on, ``source`` where the text was read when it
    is not the notice itself, and ``confidence`` how sure the figure is (``"authoritative"``
    for the notice, ``"good"`` for a reliable secondary source).

    >>> print(Citation("粤财采购〔2023〕2号", "二（二）"))
    粤财采购〔2023〕2号 二（二）
    """

    document: str
    clause: str = ""
    quote: str = ""
    source: str = ""
    confidence: str = "authoritative"

    def __str__(self) -> str:
        return f"{self.document} {self.clause}".strip()
