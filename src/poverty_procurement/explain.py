"""计算说明 — an immutable, JSON-serialisable trace of how a figure was obtained.

Every computed figure can be explained step by step: the rule applied (a stable machine code),
its inputs as displayed on the platform, the result, the rounding applied and the clause it
implements. Share, minimum-ratio, filing-check and completion rules return the same
:class:`Explanation`, so a service can show *why* and an analyst can cite it.
"""

from __future__ import annotations

from typing import Any

import attrs

from .citation import Citation

__all__ = ["Explanation", "Step"]


@attrs.frozen
class Step:
    """计算步骤 — one step: ``rule`` code, Chinese ``label``, inputs, result, rounding, clause."""

    rule: str
    label: str
    inputs: tuple[tuple[str, str], ...]
    result: str
    citation: Citation
    formula: str = ""
    rounding: str = ""

    def as_dict(self) -> dict[str, Any]:
        """JSON-safe form (strings, lists and dicts only)."""
        return {
            "rule": self.rule,
            "label": self.label,
            "formula": self.formula,
            "inputs": [[name, value] for name, value in self.inputs],
            "result": self.result,
            "rounding": self.rounding,
            "citation": self.citation.as_dict(),
        }


@attrs.frozen
class Explanation:
    """计算说明 — how ``subject`` came to be ``result``, as a tuple of :class:`Step`."""

    subject: str
    result: str
    steps: tuple[Step, ...]

    def as_dict(self) -> dict[str, Any]:
        """JSON-safe form: ``json.dumps(explanation.as_dict(), ensure_ascii=False)`` works."""
        return {
            "subject": self.subject,
            "result": self.result,
            "steps": [step.as_dict() for step in self.steps],
        }

    def __str__(self) -> str:
        lines = [f"{self.subject}：{self.result}"]
        for number, step in enumerate(self.steps, 1):
            given = "，".join(f"{name} {value}" for name, value in step.inputs)
            how = f"（{step.rounding}）" if step.rounding else ""
            lines.append(f"  {number}. {step.label}：{given} → {step.result}{how}")
            lines.append(f"     依据：{step.citation}")
        return "\n".join(lines)
