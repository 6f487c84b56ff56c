"""完成情况规则 — the completion area: what counts toward a unit's purchases, completion, roll-ups.

It may read the filings and payments areas; public names: :mod:`poverty_procurement.completion`.
"""
