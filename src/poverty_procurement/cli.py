"""命令行 — the ``poverty-procurement`` command (also ``python -m poverty_procurement``).

Subcommands (argparse, standard library):

* ``share TOTAL RATIO [--province P --year Y] [--locality CODE] [--json]`` — 预留份额 (附件2 一、第四步);
* ``report [FILE...] [--year Y] [--strict] [--json]`` — the compliance report
  (:mod:`poverty_procurement.reporting.build`) of a data file in the format of
  :mod:`poverty_procurement.reporting.records` (``.json``, an ``.xlsx`` workbook, ``.csv`` files — one
  per kind or one with a 类型 column — or a directory of CSV files; headers in Chinese or English,
  :mod:`poverty_procurement.reporting.columns`), or of the embedded sample when no file is given; bad rows are listed
  on stderr, one line each with the row number; progress goes to stderr for large files. CSV
  input is streamed (:func:`~poverty_procurement.reporting.stream.report_csv`: the orders and
  transfers are not held in memory; transfers out of time order fall back to reading the whole
  dataset, with a note on stderr); JSON is read whole (at most 256 MiB);
* ``check FILE_OR_JSON [--year Y] [--province P] [--strict] [--json]`` — 填报检查 of the filings in a
  data file (also a filings-only sheet or CSV: 单位代码, 单位名称, optional 省份 and the form's
  fields; ``--year``/``--province`` for a file without 年度/省份), or of inline JSON: one
  filing object or an array of them, ``unit`` given as ``{"code", "name", "province"}``; for CSV
  input the orders' and transfers' rows are checked for row errors and dropped
  (:func:`~poverty_procurement.reporting.stream.read_filings_csv`);
* ``county NAME... [--province P] [--json]`` — look up counties (paired with Guangdong, or among
  the 832), with close names on a miss;
* ``policy [--year Y] [--province P] [--json]`` — what policy data is known, per jurisdiction and
  year, and from which document;
* ``working-days START [DAYS] [--calendar FILE]`` — the DAYS-th working day after START (default
  3: the platform's processing time, 附件2 七（三）);
* ``template [--format xlsx|csv] [-o FILE]`` — an empty input workbook (or CSV files) with the
  Chinese headers, one example row per kind and a 说明 sheet
  (:mod:`~poverty_procurement.reporting.templates`).

``--policy FILE`` (on ``share``, ``check``, ``report`` and ``policy``) reads a policy file for a
notice the package does not know yet (:func:`~poverty_procurement.policy.read_policy_file`);
``--calendar FILE`` a year's holidays beyond the installed ``chinesecalendar``
(:func:`~poverty_procurement.payments.read_calendar_file`).

Exit codes: 0 all compliant / done, 1 violations found (for ``report``: filing problems, units
not filed, transfers needing manual confirmation), 2 bad input — a bad row, an unreadable file,
an unknown county, or bad arguments (the message says what to fix, in Chinese and English; never
a traceback), 3 internal error — a bug of the library: the message asks to report it, the
traceback is printed only with ``--debug``.

Text from input (names, memos, file names, arguments) goes through
:func:`~poverty_procurement.terminal.sanitise` before it reaches the terminal; ``--json`` output
keeps the data exact.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from .errors import InputError, InputFileError, PovertyProcurementError
from .terminal import sanitise

if TYPE_CHECKING:
    from .reporting.build import Report
    from .rules.policy.table import PolicyTable

__all__ = ["COLUMNS_URL", "EXIT_BAD_INPUT", "EXIT_BROKEN_PIPE", "EXIT_INTERNAL_ERROR", "EXIT_OK", "EXIT_VIOLATIONS",
           "main"]

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL_ERROR = 3
#: The exit status after the reader of stdout went away (`| head`): 128 + SIGPIPE, as a shell reports
#: a tool ended by SIGPIPE.
EXIT_BROKEN_PIPE = 141


def _say(stream: TextIO, text: str) -> None:
    """Write text that may hold input to a terminal: every line sanitised."""
    stream.write("\n".join(sanitise(line) for line in text.split("\n")))


#: argparse's own messages (Python 3.10–3.13 wording) in Chinese; the English stays beside them.
_ARGPARSE_ZH = (
    (re.compile(r"the following arguments are required: (.+)"), r"缺少必需的参数：\1"),
    (re.compile(r"unrecognized arguments: (.+)"), r"无法识别的参数：\1"),
    (re.compile(r"argument (.+?): invalid choice: (.+?) \(choose from (.+)\)"), r"参数 \1 的取值 \2 无效，可选：\3"),
    (re.compile(r"argument (.+?): invalid int value: (.+)"), r"参数 \1 须为整数，收到 \2"),
    (re.compile(r"argument (.+?): invalid (.+?) value: (.+)"), r"参数 \1 的值 \3 无效"),
    (re.compile(r"argument (.+?): expected one argument"), r"参数 \1 后面须跟一个值"),
    (re.compile(r"argument (.+?): expected at most one argument"), r"参数 \1 后面至多跟一个值"),
    (re.compile(r"argument (.+?): expected at least one argument"), r"参数 \1 后面至少跟一个值"),
    (re.compile(r"argument (.+?): not allowed with argument (.+)"), r"参数 \1 不能与 \2 同时使用"),
    (re.compile(r"argument (.+?): ignored explicit argument (.+)"), r"参数 \1 不带值，却给了 \2"),
    (re.compile(r"ambiguous option: (.+?) could match (.+)"), r"选项 \1 有歧义，可能是：\2"),
)


def _argparse_zh(message: str) -> str | None:
    """argparse's English ``message`` in Chinese, or None for wording this table does not know."""
    for pattern, chinese in _ARGPARSE_ZH:
        found = pattern.fullmatch(message)
        if found is not None:
            return found.expand(chinese)
    return None


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help with a Chinese ``用法`` (usage) line."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "用法 / usage: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with its own words in Chinese: usage line, group titles, ``-h``, error messages."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数 / positional arguments"
        self._optionals.title = "选项 / options"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出 / show this help and exit")

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        chinese = _argparse_zh(message)
        said = f"参数错误：{chinese} / bad arguments: {message}" if chinese else f"参数错误 / bad arguments: {message}"
        _say(sys.stderr, f"{self.prog}: {said}\n")
        raise SystemExit(EXIT_BAD_INPUT)


def _policy(args: argparse.Namespace) -> PolicyTable | None:
    """The table of ``--policy FILE`` (the shipped one with the file over it), or None for the shipped one."""
    from .reporting.policy_files import read_policy_file

    return None if args.policy is None else read_policy_file(args.policy)


def _share(args: argparse.Namespace, out: TextIO) -> int:
    from .money import parse_amount
    from .ratio import parse_ratio
    from .rules.policy.share import explain_share

    total = parse_amount(args.total, "canteen_total")
    ratio = parse_ratio(args.ratio, "ratio")
    explanation = explain_share(total, ratio, province=args.province, year=args.year, locality=args.locality,
                                policy=_policy(args))
    if args.json:
        json.dump(explanation.as_dict(), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _say(out, f"{explanation}\n")
    below = any(s.rule == "ratio-meets-minimum" and s.result != "达到" for s in explanation.steps)
    return EXIT_VIOLATIONS if below else EXIT_OK


_EXIT_CODES = """退出码 / exit codes:
  0  全部合规（或计算完成） / all compliant, done
  1  发现问题：填报违规、未填报、转账需人工确认、比例低于最低比例 / violations found
  2  输入有误：坏行、文件无法读取、未找到的县、参数错误 / bad input
  3  内部错误（本库的缺陷，请报告；--debug 显示回溯） / internal error, please report it"""


#: Where the documentation lists every column of the input files.
COLUMNS_URL = "https://poverty-procurement.readthedocs.io/page/input-files.html"

_REPORT_INPUTS = f"""可读的输入 / accepted inputs:
  .json         一个对象：year 和 units、filings、orders、transfers 四个数组 / one JSON object
  .xlsx         工作表 单位、填报、订单、转账（或英文名）；需 pip install "poverty-procurement[excel]"
                / one sheet per kind
  .csv          一个或多个 CSV：UTF-8（带不带 BOM 都可以）或 GB18030/GBK，中文或英文列名 / one or several CSV files
  目录 / folder 其中的 单位.csv、填报.csv、订单.csv、转账.csv（或 units.csv 等），每类一个文件 / one CSV per kind
  （省略）      内置示例数据 / the embedded sample
各类记录的列名与写法 / the columns of each record: {COLUMNS_URL}
输出 / output: --format text|json|csv|xlsx，-o 文件；csv 为 UTF-8 带 BOM，
xlsx 需 pip install "poverty-procurement[excel]\""""


def _json_text(data: object) -> str:
    # built whole before writing, so a failure never leaves half a document on stdout; text that
    # UTF-8 cannot carry (a lone surrogate from a command-line argument) is written as \\u escapes
    text = json.dumps(data, ensure_ascii=False, indent=2)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(data, ensure_ascii=True, indent=2)
    return text + "\n"


def _write_json(data: object, out: TextIO) -> None:
    out.write(_json_text(data))


def _progress(count: int) -> None:
    sys.stderr.write(f"已读取 {count:,} 条记录 / {count:,} records read\n")


def _report_errors(source: str, errors: Sequence[object]) -> None:
    for error in errors:
        _say(sys.stderr, f"错误 / error: {source}: {error}\n")


def _is_csv(path: str | Sequence[str]) -> bool:
    paths = [Path(path)] if isinstance(path, str) else [Path(each) for each in path]
    return (len(paths) == 1 and paths[0].is_dir()) or all(where.suffix.lower() == ".csv" for where in paths)


def _report_warnings(source: str, warnings: Sequence[object]) -> None:
    for warning in warnings:
        _say(sys.stderr, f"注意 / warning: {source}: {warning}\n")


def _errors_first(args: argparse.Namespace, source: str) -> None:
    """When the report cannot be built (no year): the row errors first, so the user fixes the rows, not ``--year``."""
    from .reporting.datasets import read_dataset

    dataset = read_dataset(args.file, year=args.year, strict=args.strict)
    _report_errors(source, dataset.errors)


def _report(args: argparse.Namespace, out: TextIO) -> int:
    from .reporting.build import build_report
    from .reporting.datasets import read_dataset, sample_dataset
    from .reporting.stream import report_csv

    policy = _policy(args)
    warnings: Sequence[object] = ()
    source = "、".join(args.file)
    try:
        if not args.file:
            report, source = build_report(sample_dataset(), args.year, policy=policy), "示例数据 / sample"
        elif _is_csv(args.file):  # streamed: memory does not hold the orders and transfers
            outcome = report_csv(args.file, args.year, progress=_progress, policy=policy, strict=args.strict)
            if outcome.note:
                _say(sys.stderr, f"注意 / note: {source}: {outcome.note}\n")
            report, warnings = outcome.report, outcome.warnings
        else:
            dataset = read_dataset(args.file, progress=_progress, year=args.year, strict=args.strict)
            report, warnings = build_report(dataset, args.year, policy=policy), dataset.warnings
    except PovertyProcurementError as error:
        if args.file and not isinstance(error, InputFileError):
            _errors_first(args, source)
        raise
    _report_warnings(source, warnings)
    _write_report(report, _report_format(args), args.output, out)
    _report_errors(source, report.input_errors)
    return report.status.exit_code


def _report_format(args: argparse.Namespace) -> str:
    """The output format of ``report``: ``--format``, or ``json`` for the older ``--json``."""
    if args.json and args.format not in (None, "json"):
        raise InputError("--format", f"--json 与 --format {args.format} 不能同时使用",
                         f"--json and --format {args.format} cannot be used together")
    chosen: str = args.format or ("json" if args.json else "text")
    if chosen == "xlsx" and args.output is None:
        raise InputError("--output", "xlsx 是二进制文件，请用 -o 文件名.xlsx 指定输出文件",
                         "xlsx is a binary file: name the output file with -o FILE.xlsx")
    return chosen


def _write_report(report: Report, chosen: str, output: str | None, out: TextIO) -> None:
    """Write ``report`` as ``chosen`` to the file ``output`` (built whole first), or to ``out``."""
    from .reporting.export import report_csv_text, write_report_xlsx
    from .reporting.render import render_report_text
    from .serialization import converter

    if chosen == "xlsx":
        write_report_xlsx(report, output or "")
        return
    if chosen == "json":
        text = _json_text(converter.unstructure(report))
    elif chosen == "csv":
        text = "\ufeff" + report_csv_text(report)  # the byte-order mark: Excel then reads UTF-8
    else:
        text = render_report_text(report)
    if output is None:
        out.write(text)
    else:
        with open(output, "w", encoding="utf-8", newline="") as file:
            file.write(text)


def _check(args: argparse.Namespace, out: TextIO) -> int:
    from .reporting.build import FilingViolation, collect_filing_violations
    from .reporting.datasets import read_dataset
    from .reporting.json_input import parse_filings_json
    from .reporting.stream import read_filings_csv
    from .rules.filings.checks import Severity
    from .serialization import converter

    policy = _policy(args)
    text = args.filings.strip()
    given = {"year": args.year, "strict": args.strict, "province": args.province}
    if text.startswith(("{", "[")):
        dataset, source = parse_filings_json(text), "JSON"
    elif _is_csv(args.filings):  # orders and transfers rows are checked and dropped, not held
        dataset, source = read_filings_csv(args.filings, progress=_progress, **given), args.filings
    else:
        dataset, source = read_dataset(args.filings, progress=_progress, **given), args.filings
    _report_warnings(source, dataset.warnings)
    violations = collect_filing_violations(dataset.filings, dataset.filing_contacts, policy=policy,
                                           last_year=dataset.filings)
    if args.json:
        _write_json({"filings": len(dataset.filings), "violations": converter.unstructure(violations),
                     "errors": converter.unstructure(list(dataset.errors)),
                     "warnings": converter.unstructure(list(dataset.warnings))}, out)
    else:
        by_unit: dict[tuple[str, int], list[FilingViolation]] = {}
        for violation in violations:
            by_unit.setdefault((violation.unit_code, violation.year), []).append(violation)
        for filing in sorted(dataset.filings, key=lambda f: (f.unit.code, f.year)):
            found = by_unit.get((filing.unit.code, filing.year), [])
            verdict = "通过" if not found else f"{len(found)} 项问题"
            _say(out, f"{filing.unit} {filing.year}年 {filing.arrangement.zh}：{verdict}\n")
            for v in found:
                level = "错误" if v.severity is Severity.ERROR else "提示"
                _say(out, f"  [{level}] {v.code}（{v.field}）：{v.message}\n    依据：{v.citation}\n")
    _report_errors(source, dataset.errors)
    if dataset.errors:
        return EXIT_BAD_INPUT
    if not dataset.filings:
        raise InputFileError("filings", "没有可检查的填报", "there is no filing to check")
    return EXIT_VIOLATIONS if any(v.severity is Severity.ERROR for v in violations) else EXIT_OK


def _county(args: argparse.Namespace, out: TextIO) -> int:
    from .errors import AmbiguousCounty, CountyNotFound
    from .rules.counties.lookup import lookup_county, lookup_poverty_county

    found: list[dict[str, object]] = []
    missing = 0
    for name in args.names:
        try:
            county = lookup_county(name, args.province)
        except AmbiguousCounty as ambiguous:
            _say(sys.stderr, f"错误 / error: {ambiguous}\n")
            missing += 1
            continue
        except CountyNotFound as paired_miss:
            try:
                other = lookup_poverty_county(name, args.province)
            except (CountyNotFound, AmbiguousCounty):
                _say(sys.stderr, f"错误 / error: {paired_miss}\n")
                missing += 1
                continue
            found.append({"input": name, "name": other.name, "code": other.code, "province": other.province.name,
                          "prefecture": other.prefecture, "paired": False, "key": False, "helper_city": None,
                          "tier": "other"})
            continue
        found.append({"input": name, "name": county.name, "code": county.code, "province": county.province.name,
                      "prefecture": county.prefecture, "paired": True, "key": county.is_key,
                      "helper_city": county.helper_city, "tier": "key-paired" if county.is_key else "paired"})
    if args.json:
        _write_json(found, out)
    else:
        for item in found:
            place = f"{item['province']}{item['prefecture']}，{item['code']}"
            if item["paired"]:
                kind = "重点帮扶县" if item["key"] else "非重点帮扶县"
                what = f"广东对接帮扶县（{kind}），帮扶城市 {item['helper_city']}"
            else:
                what = "832个脱贫县之一，不在广东对接帮扶县之列（优先采购层级：其他）"
            _say(out, f"{item['input']} → {item['name']}（{place}）：{what}\n")
    return EXIT_BAD_INPUT if missing else EXIT_OK


def _policy_list(args: argparse.Namespace, out: TextIO) -> int:
    from .rules.policy.loading import policy_table
    from .rules.policy.overview import policy_overview, render_policy_overview
    from .serialization import converter

    table = _policy(args) or policy_table()
    entries = policy_overview(table, year=args.year, province=args.province)
    if args.json:
        _write_json(converter.unstructure(list(entries)), out)
    else:
        _say(out, render_policy_overview(entries, table))
    return EXIT_OK


def _working_days(args: argparse.Namespace, out: TextIO) -> int:
    import datetime

    from .errors import InputError, shown
    from .reporting.policy_files import read_calendar_file
    from .rules.payments.working_days import add_working_days

    try:
        start = datetime.date.fromisoformat(args.start)
    except ValueError:
        raise InputError("start", f"日期须写作 2026-12-30 这样的形式，收到 {shown(args.start)}",
                         f"write the date as 2026-12-30, got {shown(args.start)}") from None
    calendar = None if args.calendar is None else read_calendar_file(args.calendar)
    out.write(f"{add_working_days(start, args.days, calendar=calendar).isoformat()}\n")
    return EXIT_OK


def _template(args: argparse.Namespace, out: TextIO) -> int:
    from .reporting.templates import write_template_csv, write_template_xlsx

    if args.format == "csv":
        written = write_template_csv(args.output or "输入模板")
    else:
        written = [write_template_xlsx(args.output or "输入模板.xlsx")]
    for path in written:
        _say(out, f"已写出 / written: {path}\n")
    return EXIT_OK


def _add_policy_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--policy", metavar="FILE",
                        help="政策文件（.json 或 .toml，格式同随包 policy_parameters.json）：补充或覆盖随包的政策数据")


def _add_strict_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true",
                        help="严格：文件中小于 1 的比例（如 0.3，是否想填 30%%？）按错误处理，而不只是提示")


def _add_report_arguments(report: argparse.ArgumentParser) -> None:
    """The inputs and output options of ``report``."""
    report.add_argument("file", metavar="FILE", nargs="*",
                        help="数据文件：.json、.xlsx（工作表 单位/填报/订单/转账）、.csv（可多个，每类一个），"
                             "或含 单位.csv 等的目录；省略则用内置示例")
    report.add_argument("--year", type=int, help="报告年度（默认：数据中的 year；也是没有“年度”列的填报的年度）")
    _add_strict_option(report)
    report.add_argument("--format", choices=("text", "json", "csv", "xlsx"),
                        help="输出格式：text 文字（默认）、json、csv（UTF-8 带 BOM，Excel 可直接打开）、"
                             "xlsx（每部分一张工作表；需 pip install \"poverty-procurement[excel]\"）")
    report.add_argument("-o", "--output", metavar="FILE", help="写入文件（xlsx 必须给出）；省略则写到标准输出")
    report.add_argument("--json", action="store_true", help="即 --format json（金额为 \"600000.00\" 形式的文本）")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for the documentation and tests)."""
    parser = _Parser(
        prog="poverty-procurement",
        description="政府采购脱贫地区农副产品（832平台）规则计算 — 832-platform procurement rules.",
        epilog=_EXIT_CODES,
        formatter_class=_Formatter,
    )
    from . import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help="打印版本号并退出 / print the version and exit")
    commands = parser.add_subparsers(title="子命令 / commands", dest="command", required=True, parser_class=_Parser)
    share = commands.add_parser(
        "share",
        help="计算预留份额 = 年度食堂食材采购总额 × 预留比例",
        description="计算预留份额（附件2 一、第四步），可选检查最低预留比例。",
    )
    share.add_argument("total", help="年度食堂食材采购总额（元），如 3000000")
    share.add_argument("ratio", help="预留比例（百分点），输入12代表12%%")
    share.add_argument("--province", help="省份，如 广东 / 广东省 / 440000")
    share.add_argument("--year", type=int, help="年度，如 2023（给出后检查最低预留比例）")
    share.add_argument("--locality", metavar="CODE", help="单位所在地市或区县的六位行政区划代码，如 440300（深圳市）")
    _add_policy_option(share)
    share.add_argument("--json", action="store_true", help="输出 JSON")
    share.set_defaults(run=_share)
    report = commands.add_parser(
        "report",
        help="合规报告：填报问题、汇总、完成情况、需人工确认的转账、优先采购",
        description="对数据文件（.json、.csv 或 CSV 文件所在目录）出具合规报告；不给文件时用内置示例数据"
                    "（广东省某厅 2023 年）。坏行逐行列在标准错误上。",
        epilog=f"{_REPORT_INPUTS}\n\n{_EXIT_CODES}", formatter_class=_Formatter,
    )
    _add_report_arguments(report)
    _add_policy_option(report)
    report.set_defaults(run=_report)
    check = commands.add_parser(
        "check",
        help="填报检查：一份或多份填报的问题",
        description="检查数据文件中的填报，或直接给出 JSON：一份填报对象或填报数组，"
                    "unit 写成 {\"code\": …, \"name\": …, \"province\": …}。",
        epilog=_EXIT_CODES, formatter_class=_Formatter,
    )
    check.add_argument("filings", metavar="FILE_OR_JSON",
                       help="数据文件路径（可为只有填报的 .xlsx 或 .csv），或以 { 或 [ 开头的 JSON 文本")
    check.add_argument("--year", type=int, help="没有“年度”列的填报的年度，如 2023")
    check.add_argument("--province", help="没有“省份”列的填报单位所在省份（默认 广东）")
    _add_strict_option(check)
    check.add_argument("--json", action="store_true", help="输出 JSON")
    _add_policy_option(check)
    check.set_defaults(run=_check)
    county = commands.add_parser(
        "county",
        help="查询县：广东对接帮扶县 / 832个脱贫县，未找到时提示相近县名",
        description="按名称（现名、附件3 印刷名、曾用名、简称）或行政区划代码查询县。",
        epilog=_EXIT_CODES, formatter_class=_Formatter,
    )
    county.add_argument("names", metavar="NAME", nargs="+", help="县名或六位代码，如 融水 / 450225")
    county.add_argument("--province", help="省份（县名重名时用），如 贵州")
    county.add_argument("--json", action="store_true", help="输出 JSON")
    county.set_defaults(run=_county)
    listing = commands.add_parser(
        "policy", help="政策数据一览：各地区各年度已知的比例、截止日期、地方规则及出处",
        description="列出各地区、各年度已知的政策数据及其出处文件；给出 --policy 时含该文件的内容。",
        epilog=_EXIT_CODES, formatter_class=_Formatter,
    )
    listing.add_argument("--year", type=int, help="只列该年度")
    listing.add_argument("--province", help="只列全国、该省及其下的地方")
    _add_policy_option(listing)
    listing.add_argument("--json", action="store_true", help="输出 JSON")
    listing.set_defaults(run=_policy_list)
    days = commands.add_parser(
        "working-days", help="第 N 个工作日（默认 3：平台处理时效）",
        description="START 之后的第 DAYS 个工作日（START 当日不计）；已安装的 chinesecalendar 没有的年份，"
                    "用 --calendar 文件提供该年的节假日安排。",
        epilog=_EXIT_CODES, formatter_class=_Formatter,
    )
    days.add_argument("start", metavar="START", help="起算日，如 2026-12-30（当日不计）")
    days.add_argument("days", metavar="DAYS", nargs="?", type=int, default=3, help="工作日数（默认 3）")
    days.add_argument("--calendar", metavar="FILE", help="节假日文件（.json 或 .toml）：chinesecalendar 没有的年份")
    days.set_defaults(run=_working_days)
    template = commands.add_parser(
        "template", help="输入模板：带中文表头、每类一行示例和“说明”的空白工作簿（或 CSV 文件）",
        description="写出输入模板：工作表 单位、填报、订单、转账（中文表头，各一行示例，改写或删去后填写）"
                    "和“说明”。--format csv 时 -o 为目录，写出 单位.csv 等（UTF-8，Excel 可直接打开）。",
        epilog=_EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    template.add_argument("--format", choices=("xlsx", "csv"), default="xlsx", help="xlsx（默认）或 csv")
    template.add_argument("-o", "--output", metavar="FILE",
                          help="输出文件（xlsx，默认 输入模板.xlsx）或目录（csv，默认 输入模板）")
    template.set_defaults(run=_template)
    for command in (parser, share, report, check, county, listing, days, template):  # before or after the subcommand
        command.add_argument("--debug", action="store_true", default=False if command is parser else argparse.SUPPRESS,
                             help="内部错误（退出码 3）时打印 Python 回溯 / print the traceback of an internal error")
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    stream = out if out is not None else sys.stdout
    try:
        code: int = args.run(args, stream)
    except PovertyProcurementError as error:
        _say(sys.stderr, f"错误 / error: {error}\n")
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # `| head` stopped reading: end quietly, like other tools
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except (OSError, UnicodeError) as error:  # the boundary: never a traceback
        _say(sys.stderr, f"错误 / error: 无法读写 / cannot read or write: {error}\n")
        return EXIT_BAD_INPUT
    except Exception as error:  # a bug: exit 3, never read as a result
        _say(sys.stderr, f"内部错误 / internal error: {type(error).__name__}: {error}\n"
                         "这是本库的缺陷，请连同输入报告给维护者；加 --debug 可显示回溯 / "
                         "this is a bug of poverty-procurement: please report it with the input; "
                         "--debug shows the traceback\n")
        if args.debug:
            import traceback

            _say(sys.stderr, "".join(traceback.format_exception(error)))
        return EXIT_INTERNAL_ERROR
    return _flushed(stream, code)


def _flushed(stream: TextIO, code: int) -> int:
    """``code`` once ``stream`` is flushed; a reader gone away (`| head`) ends quietly with 141."""
    try:
        stream.flush()
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as error:
        _say(sys.stderr, f"错误 / error: 无法读写 / cannot read or write: {error}\n")
        return EXIT_BAD_INPUT
    return code


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at the null device so that the interpreter's own final
    flush does not print "Exception ignored ... BrokenPipeError" (Python's documented recipe)."""
    import os

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # stdout is not a file (a test's StringIO): nothing to quiet
        return


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
