"""值对象共用校验 — shared attrs validators and converters of the order/payment value objects (private)."""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Callable
from typing import Any

from ..errors import InvalidOrder, UnsupportedType, shown
from ..money import Yuan, yuan

__all__ = ["as_yuan", "check_enum", "text_field", "timestamp"]  # private module; names used by model/


def text_field(max_length: int, *, allow_empty: bool = False) -> Callable[[Any, Any, Any], None]:
    """Validator: ``str`` of at most ``max_length`` characters, not blank unless allowed."""

    def check(instance: object, attribute: Any, value: Any) -> None:
        name = attribute.name
        if not isinstance(value, str):
            raise UnsupportedType(name, f"{name} 须为文本，收到 {type(value).__name__}",
                                  f"{name} must be str, got {type(value).__name__}")
        if len(value) > max_length:
            raise InvalidOrder(name, f"{name} 过长（{len(value)} 个字符，最多 {max_length}）",
                               f"{name} is too long ({len(value)} characters, at most {max_length})")
        if not allow_empty and not value.strip():
            raise InvalidOrder(name, f"{name} 不能为空", f"{name} must not be empty")

    return check


def normal_text(value: Any) -> Any:
    """Converter: NFC-normalise and trim text (other types pass through to the validator)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    return value


def as_yuan(value: object) -> Yuan:
    """Converter: any accepted amount input to :class:`Yuan` (a float raises ``UnsupportedType``)."""
    if type(value) is Yuan:
        return value
    return yuan(value)  # type: ignore[arg-type]


def positive(instance: object, attribute: Any, value: Yuan) -> None:
    """Validator: the amount is above zero."""
    if value.fen <= 0:
        raise InvalidOrder(attribute.name, f"{attribute.name} 必须大于 0 元", f"{attribute.name} must be above zero")


def check_enum(kind: type) -> Callable[[Any, Any, Any], None]:
    """Validator: ``value`` is a member of the enum ``kind`` (or an instance of the class ``kind``);
    anything else raises the library's ``UnsupportedType`` naming the field."""

    def check(instance: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, kind):
            raise UnsupportedType(attribute.name, f"{attribute.name} 须为 {kind.__name__}，收到 {shown(value)}",
                                  f"{attribute.name} must be a {kind.__name__}, got {shown(value)}")

    return check


def timestamp(instance: object, attribute: Any, value: Any) -> None:
    """Validator: a ``datetime`` (naive means Beijing time, UTC+8)."""
    if not isinstance(value, datetime.datetime):
        raise UnsupportedType(attribute.name, f"{attribute.name} 须为 datetime，收到 {type(value).__name__}",
                              f"{attribute.name} must be a datetime, got {type(value).__name__}")


def optional_timestamp(instance: object, attribute: Any, value: Any) -> None:
    """Validator: ``None`` or a ``datetime``."""
    if value is not None:
        timestamp(instance, attribute, value)
