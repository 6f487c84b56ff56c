"""付款规则 — the payments area: payment codes, matching transfers, payment confirmation, working days.

Public names: :mod:`poverty_procurement.payments`.
"""
