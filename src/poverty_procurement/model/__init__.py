"""不可变值对象 — the library's immutable value objects (attrs, frozen, slotted)."""
