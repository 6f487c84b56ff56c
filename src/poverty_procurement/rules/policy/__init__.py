"""政策参数规则 — the policy area: minimum ratios and deadlines per jurisdiction and year, the share explained.

Public names: :mod:`poverty_procurement.policy`.
"""
