"""命令行 — the ``poverty-procurement`` command (also ``python -m poverty_procurement``).

Exit codes: 0 all compliant / done, 1 violations found, 2 bad input (the message says what to
fix, in Chinese and English; never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from .errors import PovertyProcurementError

__all__ = ["EXIT_BAD_INPUT", "EXIT_OK", "EXIT_VIOLATIONS", "main"]

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: 参数错误 / bad arguments: {message}\n")
        raise SystemExit(EXIT_BAD_INPUT)


def _share(args: argparse.Namespace, out: TextIO) -> int:
    from .money import parse_amount
    from .ratio import parse_ratio
    from .rules.share import explain_share

    total = parse_amount(args.total, "canteen_total")
    ratio = parse_ratio(args.ratio, "ratio")
    explanation = explain_share(total, ratio, province=args.province, year=args.year)
    if args.json:
        json.dump(explanation.as_dict(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(f"{explanation}\n")
    below = any(s.rule == "ratio-meets-minimum" and s.result != "达到" for s in explanation.steps)
    return EXIT_VIOLATIONS if below else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for the documentation and tests)."""
    parser = _Parser(
        prog="poverty-procurement",
        description="政府采购脱贫地区农副产品（832平台）规则计算 — 832-platform procurement rules.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    share = commands.add_parser(
        "share",
        help="计算预留份额 = 年度食堂食材采购总额 × 预留比例",
        description="计算预留份额（附件2 一、第四步），可选检查最低预留比例。",
    )
    share.add_argument("total", help="年度食堂食材采购总额（元），如 3000000")
    share.add_argument("ratio", help="预留比例（百分点），输入12代表12%%")
    share.add_argument("--province", help="省份，如 广东 / 广东省 / 440000")
    share.add_argument("--year", type=int, help="年度，如 2023（给出后检查最低预留比例）")
    share.add_argument("--json", action="store_true", help="输出 JSON")
    share.set_defaults(run=_share)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    stream = out if out is not None else sys.stdout
    try:
        code: int = args.run(args, stream)
    except PovertyProcurementError as error:
        sys.stderr.write(f"错误 / error: {error}\n")
        return EXIT_BAD_INPUT
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
