"""Hypothesis strategies for every value object and input of the library (public API).

Requires ``hypothesis``. Each area has its module (``strategies.core``, ``strategies.filings``,
``strategies.counties``, ``strategies.payments``); the public names are re-exported here.
"""
