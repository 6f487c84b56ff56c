"""帮扶县规则 — the counties area: county names, the packaged tables, lookup and priority tiers.

Public names: :mod:`poverty_procurement.counties`.
"""
