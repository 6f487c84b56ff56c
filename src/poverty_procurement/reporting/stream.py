"""流式合规报告 — the compliance report of CSV input read row by row, in memory that does not hold the rows.

:func:`~poverty_procurement.reporting.build.build_report` needs a whole
:class:`~poverty_procurement.reporting.records.Dataset` — every order and every bank transfer as a value
object. :func:`report_csv` gives the **same** :class:`~poverty_procurement.reporting.build.Report` for a
CSV file with a ``kind`` column or a directory of ``units.csv`` / ``filings.csv`` / ``orders.csv`` /
``transfers.csv`` (the formats of :mod:`poverty_procurement.reporting.csv_input`), converting each row once
(a single file is read three times, each pass converting its own kinds and passing the others over by their
类型 cell), and keeping only what the rules need:

1. units and filings, read ahead as :func:`~poverty_procurement.reporting.datasets.read_dataset` reads them
   (they are per unit: the unit tree and one filing per unit and year), so that the report's year and the
   units are known before the orders; then the transfers' memos, read ahead for the payment codes they
   name (only an order with one of those codes can be paid or named by a transfer) — the memo cell as written,
   the transfer's row converted in step 3;
2. one pass over the rows: each row read and checked (row errors as in the batch path); an order no
   transfer can change (paid, cancelled, off the platform, without a payment code, or with a code no memo
   names) counted at once by :func:`~poverty_procurement.rules.completion.rollup.roll_up_completion`
   (which consumes the orders lazily) and by the priority tiers (粤财采购〔2023〕2号 三（二）（三）（四）),
   then dropped; for an order on the platform whose code a memo names, a compact entry of the
   payment-code index that :func:`~poverty_procurement.rules.payments.matching.iter_match_transfers`
   matches against (number, code, status, payee account, amount in fen: what 附件2 七（一） compares) — except
   that one awaiting payment (an open order a transfer may pay) is kept whole, as its own index entry, until
   it is counted in step 4. A plain row of an order is built at once (:mod:`~.order_cells`).
   A repeated order number is screened in fixed memory (:mod:`~poverty_procurement.reporting.repeats`);
   the rows it flags are settled exactly by reading the orders once more;
3. the transfers streamed through ``iter_match_transfers``: a credited transfer leaves its order
   number and bank time (the order becomes paid then, 附件2 七（一）), a transfer needing manual
   confirmation (七（二）（三）) its report line; no
   :class:`~poverty_procurement.model.payment.BankTransfer` is kept;
4. the open orders kept, each credited if a transfer paid it and counted, then dropped. When the report's
   year cannot be told before the orders (no year given, none in the filings), every row is read (so
   that a damaged file raises its error first) and the batch path's year error is raised.

The roll-up and the report are assembled by the same code as the batch path
(:func:`~poverty_procurement.reporting.build.assemble_report`), and the tests prove
``report_csv(path).report == build_report(read_dataset(path))`` on generated datasets.

**Transfers out of time order.** Streaming matching needs the transfers in (bank time, transaction
id) order — the earliest transfer wins an order (附件2 七（一）; see
:func:`~poverty_procurement.rules.payments.matching.iter_match_transfers`). When they are not, the
streaming report cannot be completed honestly; :func:`report_csv` then builds the report the
batch way (the whole dataset in memory; same result) and says so in
:attr:`StreamedReport.note`, unless ``fallback=False``, when the ``InputError`` naming the first
transfer out of order is raised (sort the file by ``time``, then ``transaction_id``).

**What grows.** Not the orders: the repeat screen is one to two bits per byte of the order files, at
most 128 MiB, whatever their size. Per order a memo names: an open order a transfer may pay, the ``Order``
itself (about 380 bytes, the orders of one account sharing it: memory bounded by the open orders); a paid
one a transfer names again, its index entry (about 250 bytes);
per transfer: the codes its memo names (read ahead), its transaction id inside the matcher (to credit a
transaction only once), and when credited its order number and time; per row error, repeated order
number, manual confirmation, unassigned order, unresolved county: the report's own line. Per unit: the
unit and its filings. So ten million rows of orders paid on the platform take the memory of the open
orders and the transfers, not of the rows. Nothing holds a row, a ``BankTransfer`` or any other
``Order`` past its turn. The bounds of :mod:`poverty_procurement.reporting.records`
apply unchanged (:data:`~poverty_procurement.reporting.records.MAX_FIELD_LENGTH` characters a field; no limit on
the records unless :data:`~poverty_procurement.reporting.records.MAX_ROWS` is set), so that the same input
gives the same report or the same error both ways. JSON input is not streamed (it is bounded by
:data:`~poverty_procurement.reporting.json_input.MAX_JSON_BYTES`).

This module reads files (like :func:`~poverty_procurement.reporting.datasets.read_dataset`); every rule it
applies is pure. A file changed between the passes raises ``InputFileError``.

>>> import pathlib, tempfile
>>> from poverty_procurement.reporting.datasets import read_dataset
>>> from poverty_procurement.reporting.build import build_report
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "units.csv").write_text("code,name,superior\\nD1,某厅,\\nU1,某中心,D1\\n", encoding="utf-8")
>>> _ = (folder / "filings.csv").write_text("unit,year,arrangement,canteen_total,ratio,contact_name,contact_mobile\\n"
...                                         "U1,2023,own,100000,30,张三,13800138000\\n", encoding="utf-8")
>>> outcome = report_csv(folder)
>>> outcome.streamed, outcome.report == build_report(read_dataset(folder)), str(outcome.report.overall.reserved_share)
(True, True, '30,000.00元')
"""

from __future__ import annotations

import os
from collections.abc import Callable, Container, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple, cast

import attrs

from ..errors import InputError, InputFileError, PovertyProcurementError
from ..model.filing import Filing
from ..model.order import Channel, Order, OrderStatus
from ..model.payment import MAX_MEMO_LENGTH, BankTransfer
from ..model.unit import BudgetUnit
from ..money import Yuan, trusted_yuan
from ..rules.completion.counting import counts_toward
from ..rules.completion.rollup import roll_up_completion
from ..rules.counties.priority import PriorityTier, share_of, summarize_priority
from ..rules.filings.checks import Violation
from ..rules.payments.codes import codes_in
from ..rules.payments.matching import iter_match_transfers
from ..rules.policy.table import PolicyTable
from .build import (
    ManualConfirmation,
    PriorityLine,
    PriorityPart,
    Report,
    UnresolvedCounty,
    assemble_report,
    build_report,
    manual_confirmation,
    report_year,
    table_year,
)
from .csv_input import CsvSource, csv_records, csv_sources, input_paths, open_csv
from .datasets import read_dataset
from .office import Options
from .records import Dataset, Progress, RowBuilder, RowError
from .repeats import SeenNumbers, bits_for

__all__ = ["StreamedReport", "read_filings_csv", "report_csv"]

_AWAITING = OrderStatus.AWAITING_PAYMENT
_PAID = OrderStatus.PAID
_OFF = Channel.OFF_PLATFORM
#: Distinct counties whose tier the priority tally holds (then forgotten and classified afresh).
_COUNTIES_HELD = 4096
_UNSEEN: Any = object()
_NOTHING = trusted_yuan(0)


@attrs.frozen
class StreamedReport:
    """流式报告结果 — the report, whether it was streamed, and a note when it could not be (zh | en)."""

    report: Report
    streamed: bool
    note: str = ""
    #: What was read but may not be what was meant (a ratio ``0.3`` in a file), one per cell.
    warnings: tuple[RowError, ...] = ()


class _Account(NamedTuple):
    number: str


class _OpenOrder:
    """An entry of the matching index: the fields of an :class:`Order` that 附件2 七（一） compares
    (``iter_match_transfers`` reads ``number``, ``payment_code``, ``status``,
    ``settlement_account.number`` and ``amount.fen``), a fraction of an ``Order``'s size.
    ``amount`` is the entry itself (it has ``fen``); identity is equality (order numbers are unique)."""

    __slots__ = ("fen", "number", "payment_code", "settlement_account", "status")

    def __init__(self, order: Order, account: _Account) -> None:
        self.number = order.number
        self.payment_code = order.payment_code
        self.status = order.status
        self.settlement_account = account
        self.fen = order.amount.fen

    @property
    def amount(self) -> _OpenOrder:
        return self


class _Reader:
    """The passes over the CSV files: the first pass counts and reports (``main``), later passes of
    a file already read re-read it quietly (its errors are already noted, its rows counted)."""

    def __init__(self, sources: list[CsvSource], progress: Progress | None, options: Options | None = None) -> None:
        self.sources = sources
        self.options = options
        self.alone = not any(kind == "units" for _, _, kind in sources)
        self.main = RowBuilder(progress)
        self.stamps = [_stamp(path) for path, _, _ in sources]
        #: set by :meth:`_Scan.read_ahead`: a single file's header, kinds, units and filings read; each later
        #: pass converts (and checks) only the rows of its own kinds
        self.ahead = False

    def order_bytes(self) -> int:
        """The size in bytes of the files that may hold orders (a single file, or ``orders.csv``)."""
        return sum(size for (_, _, kind), (size, _) in zip(self.sources, self.stamps, strict=True)
                   if kind in (None, "orders"))

    def records(self, kinds: frozenset[str], *,
                fresh: Callable[[str | None], bool]) -> Iterator[tuple[RowBuilder, Any]]:
        """``(builder, record)`` for every record of ``kinds`` in the files; ``fresh(kind)`` says whether
        that file's rows of ``kinds`` are read for the first time (then they are counted and their errors
        noted). A file read for the first time (its header and kinds not yet checked) yields the records of
        every kind; after :meth:`_Scan.read_ahead`, a single file gives each pass only its own kinds."""
        for (path, source, kind), stamp in zip(self.sources, self.stamps, strict=True):
            if kind is not None and kind not in kinds:
                continue
            first = fresh(kind)
            whole = first and not (kind is None and self.ahead)  # the file's first reading: every row
            builder = self.main if first else RowBuilder(None)
            with open_csv(path) as handle:
                for record in csv_records(handle, source, kind, self.main.errors if first else [],
                                          options=self.options, warnings=self.main.warnings if first else [],
                                          headers=self.main.headers, units_from_filings=self.alone,
                                          only=None if whole else kinds, header_errors=None if whole else [],
                                          build_orders=True):
                    yield builder, record
            _unchanged(path, source, stamp)


def _unchanged(path: Path, source: str, stamp: tuple[int, int]) -> None:
    """Raise ``InputFileError`` when the file is no longer as it was when the report began."""
    if _stamp(path) != stamp:
        raise InputFileError(source, "文件在读取过程中被修改，请在文件不再变化时重新运行",
                             "the file changed while it was being read; run again when it no longer changes")


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def _unreadable(name: str, error: OSError) -> InputFileError:
    """The error ``read_dataset`` gives for a file it cannot read (named by the path given)."""
    return InputFileError(name, f"无法读取文件：{error.strerror or error}",
                          f"cannot read the file: {error.strerror or error}")


class _Scan:
    """What the passes keep: units and filings (in the builder), the counts, the repeated numbers' errors."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.orders = 0
        self.transfers = 0
        self.duplicate_errors: list[RowError] = []
        self._accounts: dict[str, _Account] = {}
        # set by read_once: the codes the memos name, the index entries and the orders kept waiting
        self._codes: Container[str] | None = None
        self._index: list[_OpenOrder | Order] = []
        self._waiting: list[Order] = []
        #: units, filings and contacts when :meth:`read_ahead` built them (then built once)
        self._built: tuple[dict[str, BudgetUnit], list[Filing], list[tuple[Violation, ...]]] | None = None

    def read_once(self, codes: Container[str] | None, index: list[_OpenOrder | Order],
                  waiting: list[Order]) -> Iterator[Order]:
        """One pass over the orders (before :meth:`read_ahead`, also units and filings and, in a single file,
        the transfers' rows: counted and checked), each order read once. An order no transfer can change is
        yielded at once: not on the platform, without a payment code, not awaiting payment, or with a code no
        transfer's memo names (``codes``; ``None``: not known, every code may be named). One awaiting payment
        whose code a memo names is kept in ``waiting`` (an open order: what the memory is bounded by), to be
        counted after matching; ``index`` gets the compact entry matching needs of every order on the
        platform whose code a memo names (an order paid or cancelled answers "already paid").

        A repeated order number is found with :class:`~.repeats.SeenNumbers` (fixed memory): the rows it
        flags are held back and settled exactly after the pass (:meth:`_settle`), in row order, so the
        errors and the orders counted are the batch path's (rule D2)."""
        main = self.reader.main
        self._codes, self._index, self._waiting = codes, index, waiting
        seen = SeenNumbers(bits_for(self.reader.order_bytes()))
        held: list[tuple[str, int]] = []  # the rows whose number the screen flags
        flagged: set[str] = set()
        ahead = self._built is not None  # units and filings read (and built) by read_ahead: their files skipped
        for _, record in self.reader.records(frozenset(("orders",) if ahead else ("units", "filings", "orders")),
                                             fresh=lambda kind: kind != "transfers"):
            kind = record[0]
            if kind in ("units", "filings"):
                if not ahead:  # (a single file's: counted and checked by read_ahead)
                    main.add(record)
                continue
            parsed = main.parse(record)
            if parsed is None:
                continue
            if kind == "transfers":
                self.transfers += 1
                continue
            if seen.add(parsed.number):
                held.append((record[1], record[2]))
                flagged.add(parsed.number)
            elif self._take(parsed, record[1], record[2]):
                yield parsed
        if held:
            yield from self._settle(set(held), flagged)
        self._codes, self._index, self._waiting = None, [], []  # the caller's now: freed when it drops them

    def _take(self, order: Order, source: str, row: int) -> bool:
        """Count an order met for the first time; whether it is final now (see :meth:`read_once`)."""
        self.orders += 1
        code = order.payment_code
        codes = self._codes
        if code is None or order.channel is _OFF or (codes is not None and code not in codes):
            return True
        if order.status is _AWAITING:  # kept until matched: its own index entry
            self._index.append(order)
            self._waiting.append(order)
            return False
        number = order.settlement_account.number
        account = self._accounts.get(number)
        if account is None:
            account = self._accounts[number] = _Account(number)
        self._index.append(_OpenOrder(order, account))
        return True

    def _settle(self, held: set[tuple[str, int]], flagged: set[str]) -> Iterator[Order]:
        """The rows held back, settled by reading the orders again (quietly): a row whose number a row before
        it has is a repeat (its error names that first row); the others, flagged in error, are taken now."""
        first_row: dict[str, int] = {}  # flagged number -> its first row
        for builder, record in self.reader.records(frozenset(("orders",)), fresh=lambda kind: False):
            order = builder.parse(record)
            if order is None or order.number not in flagged:
                continue
            first = first_row.setdefault(order.number, record[2])
            if (record[1], record[2]) not in held:
                continue
            if first != record[2]:
                self.duplicate_errors.append(RowError(
                    record[1], record[2], "number",
                    f"订单号 {order.number} 重复（第{first}行已有） | duplicate order number {order.number}"))
            elif self._take(order, record[1], record[2]):
                yield order

    def read_ahead(self) -> tuple[list[BudgetUnit], list[Filing], set[str] | None]:
        """Units and filings (read, checked and built once: their rows are counted and their errors noted here;
        of a single file also the header and the rows whose 类型 is not a kind), and the payment codes the
        transfers' memos name, in one pass. A transfer's row is not converted here (it is read, checked and
        counted when it is matched): its memo cell as written is searched, which names every code the
        transfer's memo can (the memo is kept verbatim) — a superset when the row turns out bad, which only
        keeps an order for matching that no transfer then pays. The codes are ``None`` when a transfers
        file cannot be read ahead: its error is then raised in its turn, as the batch path raises it. Only
        an order whose code a memo names can be paid, or be named, by a transfer."""
        main = self.reader.main
        codes: set[str] | None = set()
        kinds = frozenset(("units", "filings", "transfers"))
        memo_only = frozenset(("transfers",))
        for (path, source, kind), stamp in zip(self.reader.sources, self.reader.stamps, strict=True):
            if kind is not None and kind not in kinds:
                continue
            noted = kind != "transfers"  # a file of units or filings, or a single file: this is their one reading
            try:
                with open_csv(path) as handle:
                    for record in csv_records(handle, source, kind, main.errors if noted else [],
                                              options=self.reader.options, warnings=main.warnings if noted else [],
                                              headers=main.headers, units_from_filings=self.reader.alone,
                                              only=kinds, peek=memo_only, header_errors=None if noted else []):
                        if record[0] != "transfers":
                            main.add(record)
                        elif codes is not None:
                            memo = record[3].get("memo")
                            if type(memo) is str and len(memo) <= MAX_MEMO_LENGTH:  # longer: no transfer
                                codes.update(codes_in(memo))
                _unchanged(path, source, stamp)
            except (InputFileError, OSError):
                if kind != "transfers":
                    raise
                codes = None
        self._built = main.build_units_and_filings()
        self.reader.ahead = True
        return list(self._built[0].values()), self._built[1], codes

    def transfer_rows(self) -> Iterator[BankTransfer]:
        """The transfers, in file order (read for the first time from ``transfers.csv``)."""
        ahead = self.reader.ahead  # then a single file's transfers are read here for the first time
        for builder, record in self.reader.records(frozenset(("transfers",)),
                                                   fresh=lambda kind: kind == "transfers" or (ahead and kind is None)):
            parsed = builder.parse(record)
            if parsed is not None:
                if builder is self.reader.main:
                    self.transfers += 1
                yield parsed

    def units_and_filings(self) -> tuple[list[BudgetUnit], list[Filing], list[tuple[Violation, ...]]]:
        """Units, filings and contacts, with their errors noted after the row errors (as the batch path)."""
        units, filings, contacts = self._built or self.reader.main.build_units_and_filings()
        self.reader.main.errors.extend(self.duplicate_errors)
        return list(units.values()), filings, contacts


class _PriorityTally:
    """优先采购统计（按县） — ``summarize_priority`` over the counted orders, county by county (三（四）).

    A purchase's tier is a function of its county alone, so each distinct county is classified once — by
    ``summarize_priority`` of that county alone: its tier and, when it cannot be decided, the reason — and each
    order adds its net amount to its county's tier. The sums and counts are those of ``summarize_priority``
    over all the orders; the shares are computed from the sums with the rule's own rounding; an unresolved
    county keeps its order number. Holds the distinct counties met (at most :data:`_COUNTIES_HELD`, then
    forgotten and classified afresh)."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.fen = dict.fromkeys(PriorityTier, 0)
        self.count = dict.fromkeys(PriorityTier, 0)
        self.unresolved: list[UnresolvedCounty] = []
        self.table_year = year
        #: county as written → its tier, and the county as shown with the reason when unresolved; ``None``: refused
        self._counties: dict[str, tuple[PriorityTier, str | None, str | None] | None] = {}

    def add(self, order: Order) -> None:
        county = order.origin_county
        outcome = self._counties.get(county, _UNSEEN)
        if outcome is _UNSEEN:
            outcome = self._classify(county)
        if outcome is None:  # (a county summarize_priority refuses: in no tier, as there)
            return
        tier, shown, why = outcome
        net = order.amount.fen - order.refunded.fen
        self.fen[tier] += net
        self.count[tier] += 1
        if why is not None:
            self.unresolved.append(UnresolvedCounty(order.number, shown, trusted_yuan(net), why))

    def _classify(self, county: str) -> tuple[PriorityTier, str | None, str | None] | None:
        summary = summarize_priority(((county, _NOTHING),), year=self.year)
        outcome: tuple[PriorityTier, str | None, str | None] | None = None
        if not summary.rejected:
            tier = next(total.tier for total in summary.tiers if total.count)
            unresolved = summary.unresolved
            outcome = (tier, unresolved[0].county, unresolved[0].zh) if unresolved else (tier, None, None)
        if len(self._counties) >= _COUNTIES_HELD:
            self._counties.clear()
        self._counties[county] = outcome
        return outcome

    def result(self) -> PriorityPart:
        self.table_year = summarize_priority((), year=self.year).year
        total = sum(self.fen.values())
        paired = self.fen[PriorityTier.KEY_PAIRED] + self.fen[PriorityTier.PAIRED]
        lines = tuple(PriorityLine(tier.value, tier.zh, Yuan.from_fen(self.fen[tier]), self.count[tier],
                                   str(share_of(self.fen[tier], total))) for tier in self.fen)
        return PriorityPart(self.table_year, lines, Yuan.from_fen(total), Yuan.from_fen(paired),
                            str(share_of(paired, total)),
                            tuple(sorted(self.unresolved, key=lambda u: u.order_number)))


def _name(path: str | os.PathLike[str] | Sequence[Path]) -> str:
    return "、".join(each.name or str(each) for each in input_paths(path))


def _sources(path: str | os.PathLike[str] | Sequence[Path]) -> tuple[list[CsvSource], str]:
    paths = input_paths(path)
    name = _name(path)
    sources = csv_sources(paths[0] if len(paths) == 1 else paths)
    if sources is None:
        raise InputFileError(name, "流式读取只支持 .csv 文件或 CSV 文件所在的目录",
                             "only a .csv file or a directory of CSV files can be streamed")
    return sources, name


class _OutOfOrder(Exception):
    """The matcher's ``InputError`` (transfers not in time order), carried out of the roll-up."""

    def __init__(self, error: InputError) -> None:
        super().__init__(error)
        self.error = error


def _streamed_once(scan: _Scan, year: int | None, policy: PolicyTable | None = None) -> Report | InputError:
    """The orders read once: units and filings read ahead (the year and the units known), the codes the
    transfers' memos name read ahead, then one pass counting each order no transfer can change as it is
    read, the transfers matched against the index, and the orders kept waiting counted last, paid when a
    transfer paid them. When the year cannot be told ahead, every row is read (a damaged file is the error
    the batch path raises first) and then the batch path's year error is raised."""
    ahead_units, ahead_filings, codes = scan.read_ahead()
    try:
        chosen = report_year(None, ahead_filings, year, policy=policy)
    except PovertyProcurementError:
        for _ in scan.read_once(frozenset(), [], []):
            pass
        for _ in scan.transfer_rows():
            pass
        raise
    names = {unit.code for unit in ahead_units}
    tally = _PriorityTally(table_year(chosen))
    credited: list[tuple[str, str]] = []
    manual: list[ManualConfirmation] = []

    def read(codes: set[str] | None) -> Iterator[Order]:
        index: list[_OpenOrder | Order] = []
        waiting: list[Order] = []
        yield from scan.read_once(codes, index, waiting)
        del codes  # not needed past the pass
        credited_at: dict[str, Any] = {}  # order number -> bank time of the transfer credited to it
        try:
            for result in iter_match_transfers(scan.transfer_rows(), cast("list[Order]", index)):
                if result.credited:
                    number: str = result.order_number  # type: ignore[assignment]
                    credited_at[number] = result.transfer.time
                    credited.append((result.transfer.transaction_id, number))
                else:
                    manual.append(manual_confirmation(result))
        except InputError as error:
            if isinstance(error, InputFileError):
                raise
            raise _OutOfOrder(error) from None
        del index
        for order in waiting:
            paid = credited_at.get(order.number)
            yield order if paid is None else order.paid(paid)  # as apply_credits

    def orders(read: Iterator[Order]) -> Iterator[Order]:
        for order in read:
            if order.buyer_unit in names and counts_toward(order, order.buyer_unit, chosen):
                tally.add(order)
            yield order

    try:
        counted, codes = orders(read(codes)), None  # the codes held by the pass alone
        done = roll_up_completion(ahead_units, counted, [f for f in ahead_filings if f.year == chosen], chosen)
    except _OutOfOrder as out_of_order:
        return out_of_order.error
    units, filings, contacts = scan.units_and_filings()
    return assemble_report(year=chosen, units=units, all_filings=filings, contacts=contacts,
                           errors=scan.reader.main.errors, done=done, manual=manual, credited=credited,
                           priority=tally.result(), order_count=scan.orders, transfer_count=scan.transfers,
                           policy=policy)


def report_csv(path: str | os.PathLike[str] | Sequence[Path], year: int | None = None, *,
               progress: Progress | None = None, fallback: bool = True, policy: PolicyTable | None = None,
               strict: bool = False) -> StreamedReport:
    """流式合规报告 — :func:`~poverty_procurement.reporting.build.build_report` of CSV input, streaming
    the orders and transfers.

    ``path`` is a ``.csv`` file with a ``kind`` column or a directory of CSV files (see
    :mod:`poverty_procurement.reporting.csv_input`); ``year`` and ``progress`` as for ``build_report`` and
    ``read_dataset``. The report equals ``build_report(read_dataset(path), year)``; see the module
    docstring for what is held in memory and for transfers out of time order (``fallback``). Raises
    ``InputFileError`` (unreadable file, bad CSV, too many rows) and ``PolicyNotFound`` (no year, or
    a year without policy data) like the batch path; ``policy`` as for ``build_report``; ``year``
    is also the year of filings whose file has no 年度 column, and ``strict`` makes a ratio below 1 an
    error (:mod:`~poverty_procurement.reporting.office`). Cites
    粤财采购〔2023〕2号 二、三 and 附件2 七
    through the rules it applies.
    """
    name = _name(path)
    options = Options(year, strict)
    try:
        sources, _ = _sources(path)
        scan = _Scan(_Reader(sources, progress, options))
        report = _streamed_once(scan, year, policy)
        warnings = tuple(scan.reader.main.warnings)
        del scan
    except OSError as error:
        raise _unreadable(name, error) from None
    if isinstance(report, Report):
        return StreamedReport(report, True, warnings=warnings)
    if not fallback:
        raise report
    note = ("转账不是按银行记账时间（再按流水号）从早到晚排列的，无法流式匹配，已改为整体读入内存出具报告（结果相同）；"
            "大文件请先按 time、transaction_id 排序 | the transfers are not in (bank time, transaction id) order, "
            "so they could not be matched streaming: the report was built with the whole dataset in memory (same "
            "result); sort large files by time, then transaction_id")
    dataset = read_dataset(path, progress=progress, year=year, strict=strict)
    return StreamedReport(build_report(dataset, year, policy=policy), False, note, dataset.warnings)


def read_filings_csv(path: str | os.PathLike[str] | Sequence[Path], *, progress: Progress | None = None,
                     year: int | None = None, strict: bool = False, province: str | None = None) -> Dataset:
    """流式读取填报 — units and filings of CSV input; every row of every kind checked, orders and transfers not kept.

    For the ``check`` command: the :class:`~poverty_procurement.reporting.records.Dataset` equals
    ``read_dataset(path)`` with ``orders`` and ``transfers`` empty — the same units, filings,
    contact problems, row count and row errors (in the same order), the orders' and transfers'
    rows read one at a time and dropped (repeated order numbers screened in fixed memory,
    :mod:`~poverty_procurement.reporting.repeats`). Bounds as :mod:`poverty_procurement.reporting.records`;
    ``year`` and ``strict`` as for :func:`report_csv`, ``province`` that of the units a filings-only file
    names without 省份.
    """
    name = _name(path)
    try:
        sources, _ = _sources(path)
        scan = _Scan(_Reader(sources, progress, Options(year, strict, province)))
        for _ in scan.read_once(frozenset(), [], []):  # every order counted and checked, none kept
            pass
        if any(kind == "transfers" for _, _, kind in sources):  # a single file's were read in the first pass
            for _ in scan.transfer_rows():
                pass
    except OSError as error:
        raise _unreadable(name, error) from None
    units, filings, contacts = scan.units_and_filings()
    main = scan.reader.main
    return Dataset(tuple(units), tuple(filings), (), (), tuple(main.errors), tuple(contacts), None, main.count,
                   tuple(main.warnings))

