"""编号 — python-stdnum style validators for the 832 platform's identifiers.

One module per identifier, each with ``compact``, ``validate`` (normalised value or a specific
:class:`~poverty_procurement.errors.InvalidIdentifier` subclass: ``InvalidIdentifierLength``,
``InvalidIdentifierFormat``, ``InvalidIdentifierComponent``), ``is_valid`` and ``format``:

* :mod:`.order_number` — 订单号 ``XD2022112330011271``;
* :mod:`.confirmation_number` — 货款确认单号 ``RL202211231634``;
* :mod:`.payment_code` — 付款识别码 ``f54yxn``;
* :mod:`.bank_code` — 联行号 ``303100000241``;
* :mod:`.account_number` — 银行账号 ``35000188110503337``, ``050830002000029520019``.

Sources: 粤财采购〔2023〕2号 附件2 七（一）–（三）. Every function reads at most 64 characters of
input and rejects longer text; non-text input raises ``UnsupportedType``.

>>> from poverty_procurement.identifiers import order_number, payment_code
>>> order_number.is_valid("XD2022112330011271"), payment_code.validate("F54YXN")
(True, 'f54yxn')
"""

from __future__ import annotations

from . import account_number, bank_code, confirmation_number, order_number, payment_code

__all__ = ["account_number", "bank_code", "confirmation_number", "order_number", "payment_code"]
