"""读取政策文件与日历文件 — a user's policy file for a newer notice, and a holidays file beyond chinesecalendar.

:func:`read_policy_file` reads a policy file (the format of
:mod:`poverty_procurement.rules.policy.loading`: the shipped ``policy_parameters.json`` schema) and
returns the shipped table with the file's entries overriding or extending it — the one
:class:`~poverty_procurement.policy.PolicyTable` the caller then passes as ``policy=``.
:func:`read_calendar_file` reads a working-day calendar (the format of
:mod:`poverty_procurement.rules.payments.working_days`) for ``calendar=``. ``.json`` files are
read as JSON, ``.toml`` files as TOML (Python 3.11+ or ``tomli``). Both files are small: at most
:data:`MAX_POLICY_FILE_BYTES`. An unreadable file raises
:class:`~poverty_procurement.errors.InputFileError` naming it; malformed content
:class:`~poverty_procurement.errors.PolicyDataError` naming the file, the entry and the field.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputFileError, UnsupportedType
from ..rules.payments.working_days import WorkingCalendar, parse_calendar_text
from ..rules.policy.loading import parse_policy_text, policy_table
from ..rules.policy.table import PolicyTable

__all__ = ["MAX_POLICY_FILE_BYTES", "read_calendar_file", "read_policy_file"]

#: Largest policy or calendar file read (far above any real table).
MAX_POLICY_FILE_BYTES = 16 * 1024 * 1024


def _read(path: str | os.PathLike[str]) -> tuple[str, str, str]:
    """(text, name, syntax) of the file; ``InputFileError`` naming it when it cannot be read."""
    if not isinstance(path, (str, os.PathLike)):
        raise UnsupportedType("path", f"文件路径须为文本或路径，收到 {type(path).__name__}",
                              f"a file path is a str or a path, got {type(path).__name__}")
    where = Path(path)
    name = str(path)[:200] or "path"
    syntax = {".json": "json", ".toml": "toml"}.get(where.suffix.lower())
    if syntax is None:
        raise InputFileError(name, "只能读取 .json 或 .toml 文件", "only .json and .toml files can be read")
    try:
        size = where.stat().st_size
        text = "" if size > MAX_POLICY_FILE_BYTES else where.read_text("utf-8-sig")
    except OSError as error:
        raise InputFileError(name, f"无法读取文件：{error.strerror or error}",
                             f"cannot read the file: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise InputFileError(name, "文件不是 UTF-8 编码", "the file is not UTF-8") from None
    except ValueError:  # a NUL or a lone surrogate in the path
        raise InputFileError(name, "文件路径无效", "the file path is invalid") from None
    if size > MAX_POLICY_FILE_BYTES:
        raise InputFileError(name, f"文件超过 {MAX_POLICY_FILE_BYTES:,} 字节",
                             f"the file is larger than {MAX_POLICY_FILE_BYTES:,} bytes")
    return text, name, syntax


def read_policy_file(path: str | os.PathLike[str], *, over: PolicyTable | None = None) -> PolicyTable:
    """读取政策文件 — the shipped table (or ``over``) with the file's entries overriding or extending it.

    Every figure read from the file carries the file's path as its ``origin``, so an answer says
    which source it used.
    """
    text, name, syntax = _read(path)
    base = policy_table() if over is None else over
    return base.merged(parse_policy_text(text, origin=name, syntax=syntax))


def read_calendar_file(path: str | os.PathLike[str]) -> WorkingCalendar:
    """读取工作日日历文件 — the years of holidays and adjusted working days the file supplies."""
    text, name, syntax = _read(path)
    return parse_calendar_text(text, origin=name, syntax=syntax)
