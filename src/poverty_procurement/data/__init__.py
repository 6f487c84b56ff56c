"""包数据 — policy parameters and county tables, read with importlib.resources and validated."""
