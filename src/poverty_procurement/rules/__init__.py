"""规则 — one module per rule family; pure functions over the value objects."""
