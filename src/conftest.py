"""Doctest collection of src/: the Dask adapter is collected only where the ``dask`` extra is installed."""

from __future__ import annotations

import importlib.util

collect_ignore = [] if importlib.util.find_spec("dask") and importlib.util.find_spec("distributed") else [
    "poverty_procurement/dask.py"]
