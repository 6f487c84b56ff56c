"""读取数据文件 — a department's dataset from a JSON file, a CSV file or a directory of CSV files.

:func:`read_dataset` picks the reader by the path — :mod:`~poverty_procurement.reporting.csv_input`
for a ``.csv`` file or a directory, :mod:`~poverty_procurement.reporting.json_input` for a
``.json`` file — and turns every failure to read into
:class:`~poverty_procurement.errors.InputFileError` naming the file; the formats, fields and bounds
are those of :mod:`~poverty_procurement.reporting.records`. :func:`sample_dataset` is the embedded
sample.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputFileError
from .csv_input import csv_sources, read_csv_files
from .json_input import parse_json, read_json_file
from .records import Dataset, Progress

__all__ = ["read_dataset", "sample_dataset"]


def read_dataset(path: str | os.PathLike[str], *, progress: Progress | None = None) -> Dataset:
    """读取数据文件 — a ``.json`` file, a ``.csv`` file (with a ``kind`` column) or a directory of CSV files.

    One of the two functions that read files (the other is
    :func:`~poverty_procurement.reporting.stream.report_csv`, which streams CSV input for the report).
    Holds the whole dataset in memory. An unreadable or missing file raises ``InputFileError``
    (never ``OSError``).
    """
    from ..conventions import require  # the library's error for a wrong type (issue 17)
    require(path, (str, os.PathLike), "path")
    where = Path(path)
    name = where.name or str(where)
    try:
        sources = csv_sources(where)
        if sources is not None:
            return read_csv_files(sources, progress)
        if where.suffix.lower() != ".json":
            raise InputFileError(name, "只能读取 .json、.csv 文件或 CSV 文件所在的目录",
                                 "only .json and .csv files, or a directory of CSV files, can be read")
        return read_json_file(where, source=name, progress=progress)
    except OSError as error:
        raise InputFileError(name, f"无法读取文件：{error.strerror or error}",
                             f"cannot read the file: {error.strerror or error}") from None


def sample_dataset() -> Dataset:
    """示例数据 — the embedded sample (a Guangdong department, 2023), shipped as package data.

    >>> data = sample_dataset()
    >>> data.year, len(data.units) >= 10, data.errors
    (2023, True, ())
    """
    from ..data import read_text

    return parse_json(read_text("sample/guangdong-department-2023.json"), source="sample")
