"""填报规则 — the filings area: remarks, filing checks, the confirmation workflow, organisational changes, roll-up.

Public names: :mod:`poverty_procurement.filings` and :mod:`poverty_procurement.workflow`.
"""
