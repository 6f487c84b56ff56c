"""完成情况 — what counts toward a unit's purchases, completion of the reserved share, roll-ups.

粤财采购〔2023〕2号 三（二）、三（三） and 附件1 第二、三条.

>>> from poverty_procurement.completion import CountReason
>>> CountReason.OFF_PLATFORM.value
'off-platform'
"""

from __future__ import annotations

from .rules.completion.canteens import (
    CANTEEN_COMPLETION_CITATION,
    CanteenCompletion,
    completion_by_canteen,
)
from .rules.completion.counting import (
    Completion,
    CompletionAccumulator,
    CompletionReport,
    CountDecision,
    CountReason,
    FilingLike,
    UnitLike,
    combine_completions,
    completion,
    completion_by_unit,
    completion_ratio,
    count_decision,
    counts_toward,
)
from .rules.completion.rollup import (
    COMPLETION_ROLLUP_CITATION,
    CompletionRollUp,
    roll_up_completion,
    roll_up_unit_completions,
)

__all__ = [
    "CANTEEN_COMPLETION_CITATION",
    "COMPLETION_ROLLUP_CITATION",
    "CanteenCompletion",
    "Completion",
    "CompletionAccumulator",
    "CompletionReport",
    "CompletionRollUp",
    "CountDecision",
    "CountReason",
    "FilingLike",
    "UnitLike",
    "combine_completions",
    "completion",
    "completion_by_canteen",
    "completion_by_unit",
    "completion_ratio",
    "count_decision",
    "counts_toward",
    "roll_up_completion",
    "roll_up_unit_completions",
]
