"""包数据 — policy parameters and county tables, read with importlib.resources and validated."""
from __future__ import annotations

__all__ = ["file_names", "read_text"]


def read_text(name: str) -> str:
    """The text of the package data file ``name`` (UTF-8), read through importlib.resources.

    importlib.resources is imported here, on first use, so that importing the library stays fast.
    """
    from importlib.resources import files

    return files(__name__).joinpath(name).read_text("utf-8")


def file_names(prefix: str, suffix: str) -> tuple[str, ...]:
    """包数据文件名 — the names of the package data files starting with ``prefix`` and ending with
    ``suffix``, sorted: how a loader finds the tables that ship (``guangdong_pairing_<year>.json``).

    >>> file_names("poverty_counties_", ".csv")
    ('poverty_counties_832.csv',)
    """
    from importlib.resources import files

    return tuple(sorted(entry.name for entry in files(__name__).iterdir()
                        if entry.name.startswith(prefix) and entry.name.endswith(suffix)))
