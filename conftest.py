"""Doctest collection of src/: the Dask adapter is collected only where the ``dask`` extra is installed.

A conftest at the root (not in src/), so that mypy meets one module named ``conftest`` per folder it checks.
"""

from __future__ import annotations

import importlib.util

collect_ignore = [] if importlib.util.find_spec("dask") and importlib.util.find_spec("distributed") else [
    "src/poverty_procurement/dask.py"]
