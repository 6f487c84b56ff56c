"""读取 JSON 数据 — a department's units, filings, orders and bank transfers from one JSON document.

**JSON**: one object ``{"year": 2023, "units": [...], "filings": [...], "orders": [...],
"transfers": [...]}`` (``year`` and each array optional), each array element one object with
the fields of its kind (listed in :mod:`~poverty_procurement.reporting.records`); a row error names
the array and the element's number counted from 1. This is the library's one JSON dialect
(:mod:`poverty_procurement.dialect`): the converter writes a ``Filing`` or an ``Order`` as such a
record, and a filing's ``unit`` may be the unit object the converter writes instead of a listed
unit's code. A JSON number with a point or an exponent is
read as its text (an amount is never a binary float), so ``1000.05`` is the amount 1000.05 and
``1e3`` is rejected like any amount text with an exponent.

A document is refused whole (``InputFileError`` naming the path, e.g. ``$.filings[2]``) when it
holds what the library cannot read exactly: an object with the same key twice (``json`` would
silently keep the last), a lone surrogate (``"\\ud800"``: valid JSON, but no UTF-8 can carry it
to a report), or an integer of more than :data:`MAX_JSON_INTEGER_DIGITS` digits.

JSON is parsed as a whole, so it is bounded by :data:`MAX_JSON_BYTES` (CSV, which is streamed,
goes beyond: :mod:`~poverty_procurement.reporting.csv_input`); the other bounds are those of
:mod:`~poverty_procurement.reporting.records`.

>>> data = parse_json('{"units": [{"code": "D1", "name": "某厅"}, {"code": "U1", "name": "某中心", "superior": "X"}]}')
>>> [u.code for u in data.units], [str(e) for e in data.errors]
(['D1'], ['units 第2行 superior: 上级单位 X 不存在（或未能读入），请先列出上级单位 | superior unit X does not exist'])
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import InputFileError, UnsupportedType, shown
from .records import FIELDS, KINDS, Dataset, Progress, RowBuilder, RowError

__all__ = ["MAX_JSON_BYTES", "MAX_JSON_INTEGER_DIGITS", "parse_filings_json", "parse_json", "read_json_file"]

#: Largest JSON input, in bytes (JSON is parsed whole; use CSV, which is streamed, beyond).
MAX_JSON_BYTES = 256 * 1024 * 1024
#: Longest JSON integer read (Python refuses to convert longer digit strings; no field needs them).
MAX_JSON_INTEGER_DIGITS = 4_000


class _Refused(Exception):
    """Raised inside ``json.loads`` hooks; turned into an ``InputFileError`` by :func:`_load`."""


class _DuplicateKeys(dict[str, Any]):
    """An object that had a key twice (found again afterwards, to name its path)."""

    duplicate = ""


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_JSON_INTEGER_DIGITS:
        raise _Refused(f"整数过长（{len(digits):,} 位，最多 {MAX_JSON_INTEGER_DIGITS:,} 位）",
                       f"an integer is too long ({len(digits):,} digits, at most {MAX_JSON_INTEGER_DIGITS:,})")
    return int(digits)


_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]|[\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _path_of(document: object, found: Callable[[object], bool]) -> str | None:
    """The JSON path (``$.filings[2].memo``) of the first value or key for which ``found`` is true."""
    stack: list[tuple[object, str]] = [(document, "$")]
    while stack:
        value, path = stack.pop()
        if found(value):
            return path
        if isinstance(value, dict):
            for key, item in reversed(list(value.items())):
                if found(key):
                    return f"{path}.{ascii(key)[:40]}"
                stack.append((item, f"{path}.{key if len(key) <= 40 else key[:39] + '…'}"))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{index}]") for index, item in reversed(list(enumerate(value))))
    return None


def _load(text: str, source: str) -> Any:
    """``json.loads`` that refuses duplicate keys, lone surrogates and over-long integers, naming where."""
    duplicates: list[_DuplicateKeys] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) == len(items):
            return result
        seen: set[str] = set()
        marked = _DuplicateKeys(result)
        for key, _ in items:
            if key in seen:
                marked.duplicate = key
                break
            seen.add(key)
        duplicates.append(marked)
        return marked

    try:
        document = json.loads(text, parse_float=_no_float, parse_constant=_no_float, parse_int=_integer,
                              object_pairs_hook=pairs)
    except _Refused as refusal:
        zh, en = refusal.args
        raise InputFileError(source, f"JSON 无法精确读取：{zh}", f"the JSON cannot be read exactly: {en}") from None
    except (json.JSONDecodeError, RecursionError) as error:
        where = f"第 {error.lineno} 行第 {error.colno} 列：{error.msg}" if isinstance(error, json.JSONDecodeError) \
            else "嵌套过深"
        raise InputFileError(source, f"JSON 语法错误：{where}", f"invalid JSON: {error}") from None
    if duplicates:
        first = duplicates[0]
        path = _path_of(document, lambda value: value is first) or "$"
        key = shown(first.duplicate)
        raise InputFileError(f"{source} {path}", f"JSON 对象中键 {key} 出现了两次，请只保留一个",
                             f"the key {key} appears twice in one object; keep one")
    if _ESCAPED_SURROGATE.search(text):
        found_at = _path_of(document, lambda value: isinstance(value, str) and _SURROGATE.search(value) is not None)
        if found_at is not None:
            raise InputFileError(f"{source} {found_at}",
                                 "含有孤立的代理字符（如 \\ud800），不是有效的文字，无法写入报告",
                                 "holds a lone surrogate (like \\ud800): not text, it cannot be written to a report")
    return document


def _decode(data: bytes | str, source: str) -> str:
    if isinstance(data, str):
        return str.__str__(data)
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise UnsupportedType(source, f"JSON 须为文本或字节，收到 {type(data).__name__}",
                              f"JSON must be str or bytes, got {type(data).__name__}")
    data = bytes(data)
    if len(data) > MAX_JSON_BYTES:
        raise InputFileError(source, f"JSON 超过 {MAX_JSON_BYTES:,} 字节，请改用 CSV 或拆分",
                             f"the JSON is larger than {MAX_JSON_BYTES:,} bytes; use CSV or split it")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputFileError(source, f"不是 UTF-8 编码（第 {error.start} 字节），请另存为 UTF-8",
                             f"not UTF-8 (byte {error.start}); save it as UTF-8") from None


def parse_json(data: bytes | str, *, source: str = "JSON", progress: Progress | None = None) -> Dataset:
    """读取 JSON 数据 — a :class:`Dataset` from the JSON format of the module docstring.

    Bad syntax or encoding raises ``InputFileError`` with the line and column; bad records come
    back as ``errors``. The text is bounded by :data:`MAX_JSON_BYTES` (as UTF-8).

    >>> parse_json('{"units": [{"code": "D1", "name": "某厅", "colour": "red"}]}').errors[0].field
    'colour'
    >>> try:
    ...     parse_json('{"units": [')
    ... except InputFileError as error:
    ...     print(error.zh)
    JSON 语法错误：第 1 行第 12 列：Expecting value
    """
    text = _decode(data, source)
    if len(text) > MAX_JSON_BYTES:
        raise InputFileError(source, f"JSON 超过 {MAX_JSON_BYTES:,} 字节",
                             f"the JSON is larger than {MAX_JSON_BYTES:,} bytes")
    document = _load(text, source)
    del text
    if not isinstance(document, dict):
        raise InputFileError(source, "JSON 顶层须为对象 {\"units\": [...], \"filings\": [...], …}",
                             "the JSON must be an object {\"units\": [...], \"filings\": [...], ...}")
    builder = RowBuilder(progress)
    skipped = _inline_units(document, builder)
    year = document.pop("year", None)
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        builder.errors.append(RowError("$", 0, "year", f"年度须为整数，收到 {shown(year)} | year must be an int"))
        year = None
    for key in list(document):
        if key not in FIELDS:
            builder.errors.append(RowError("$", 0, key, f"未知的键 {shown(key)}（可用：year、{'、'.join(KINDS)}）"
                                                        f" | unknown key {shown(key)}"))
            continue
        rows = document.pop(key)
        if not isinstance(rows, list):
            builder.errors.append(RowError(key, 0, key, f"{key} 须为数组 | {key} must be an array"))
            continue
        for number, fields in enumerate(rows, start=1):
            if (key, number) in skipped:
                continue
            if not isinstance(fields, dict):
                builder.errors.append(RowError(key, number, "$", f"每条记录须为对象，收到 {shown(fields)}"
                                                                 " | each record must be an object"))
                continue
            builder.add((key, key, number, fields))
    return builder.build(year)


def _same_unit(one: dict[str, Any], other: dict[str, Any]) -> bool:
    from ..errors import PovertyProcurementError
    from ..jurisdictions import resolve_province

    def province(unit: dict[str, Any]) -> object:
        try:
            return resolve_province(unit.get("province", "广东")).code
        except PovertyProcurementError:
            return unit.get("province")

    def rest(unit: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in unit.items() if k != "province" and not (k == "superior" and v is None)}

    return rest(one) == rest(other) and province(one) == province(other)


def _inline_units(document: dict[str, Any], builder: RowBuilder) -> set[tuple[str, int]]:
    """A filing whose ``unit`` is the unit object (as the converter writes a ``Filing``, see
    :mod:`poverty_procurement.dialect`) refers to it by code; the unit joins the units unless they list
    it already. A unit object that contradicts the listed unit of its code is an error of the filing
    (returned as ``("filings", row)`` to skip)."""
    units, filings = document.get("units"), document.get("filings")
    if not isinstance(filings, list):
        return set()
    listed = {unit["code"]: unit for unit in units if isinstance(unit, dict) and isinstance(unit.get("code"), str)} \
        if isinstance(units, list) else {}
    skipped: set[tuple[str, int]] = set()
    for number, filing in enumerate(filings, start=1):
        unit = filing.get("unit") if isinstance(filing, dict) else None
        if not (isinstance(unit, dict) and isinstance(unit.get("code"), str)):
            continue
        code = unit["code"]
        if code not in listed:
            listed[code] = unit
            builder.add(("units", "filings", number, unit))
        elif not _same_unit(listed[code], unit):
            builder.errors.append(RowError("filings", number, "unit",
                                           f"单位 {shown(code)} 与单位表中同一代码的单位不一致"
                                           f" | unit {shown(code)} differs from the listed unit of that code"))
            skipped.add(("filings", number))
            continue
        filing["unit"] = code
    return skipped


def _no_float(text: str) -> object:
    """JSON numbers with a point or exponent are kept as text: amounts are never binary floats."""
    return text


def parse_filings_json(data: bytes | str, *, source: str = "JSON") -> Dataset:
    """读取填报 JSON — a dataset object, one filing object, or an array of filing objects.

    Outside a dataset, a filing names its unit in full — ``"unit": {"code": …, "name": …,
    "province": …, "superior": …}`` — or by code (the unit is then named by its code, in 广东).
    Used by the ``check`` command.

    >>> data = parse_filings_json('{"unit": {"code": "U1", "name": "某中心", "province": "湖南"}, '
    ...                           '"year": 2023, "arrangement": "own", "canteen_total": "100", "ratio": "12"}')
    >>> data.filings[0].unit.province.name, str(data.filings[0].reserved_share)
    ('湖南省', '12.00元')
    """
    text = _decode(data, source)
    document = _load(text, source)
    if isinstance(document, dict) and any(key in document for key in ("units", "filings", "orders", "transfers")):
        return parse_json(text, source=source)
    filings = document if isinstance(document, list) else [document]
    units: dict[str, object] = {}
    for filing in filings:
        if not isinstance(filing, dict):
            continue
        unit = filing.get("unit")
        if isinstance(unit, dict) and isinstance(unit.get("code"), str):
            units.setdefault(unit["code"], unit)
            filing["unit"] = unit["code"]
        elif isinstance(unit, str):
            units.setdefault(unit, {"code": unit, "name": unit})
    return parse_json(json.dumps({"units": list(units.values()), "filings": filings}, ensure_ascii=False),
                      source=source)


def read_json_file(path: Path, *, source: str, progress: Progress | None = None) -> Dataset:
    """读取 JSON 文件 — :func:`parse_json` of the file at ``path``, refused unread beyond :data:`MAX_JSON_BYTES`.

    ``source`` names the file in errors. An unreadable file raises ``OSError``
    (:func:`~poverty_procurement.reporting.datasets.read_dataset` turns it into ``InputFileError``).
    """
    size = path.stat().st_size
    if size > MAX_JSON_BYTES:
        raise InputFileError(source, f"JSON 超过 {MAX_JSON_BYTES:,} 字节，请改用 CSV 或拆分",
                             f"the JSON is larger than {MAX_JSON_BYTES:,} bytes; use CSV or split it")
    return parse_json(path.read_bytes(), source=source, progress=progress)
