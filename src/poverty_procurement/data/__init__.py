"""包数据 — policy parameters and county tables, read with importlib.resources and validated."""
from __future__ import annotations

__all__ = ["read_text"]


def read_text(name: str) -> str:
    """The text of the package data file ``name`` (UTF-8), read through importlib.resources.

    importlib.resources is imported here, on first use, so that importing the library stays fast.
    """
    from importlib.resources import files

    return files(__name__).joinpath(name).read_text("utf-8")
