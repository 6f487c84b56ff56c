"""规则 — pure rule functions over the value objects.

One folder per policy area: policy, filings, counties, payments, completion.
"""
