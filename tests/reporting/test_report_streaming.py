"""The streaming report (reporting.stream.report_csv) equals the batch report on the same CSV input.

Equality is the proof that nothing is dropped or counted twice: the report lists every row error,
every manual confirmation, every credited transfer and counts every order. Datasets come from the
project's strategy (strategies.report.dataset_documents), written as a directory of CSV files or
as one CSV file with a ``kind`` column, with row errors, repeated order numbers, clashing payment
codes, repeated bank records and transfers in and out of time order mixed in.
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import io
import json
import tempfile
import tracemalloc
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement.cli import main
from poverty_procurement.data import read_text
from poverty_procurement.errors import InputError, InputFileError, PolicyNotFound, PovertyProcurementError
from poverty_procurement.reporting.build import Report, build_report, collect_filing_violations
from poverty_procurement.reporting.datasets import read_dataset
from poverty_procurement.reporting.records import KINDS, MAX_ROWS
from poverty_procurement.reporting.render import render_report_text
from poverty_procurement.reporting.stream import StreamedReport, read_filings_csv, report_csv
from poverty_procurement.serialization import converter
from poverty_procurement.strategies.report import dataset_documents

Document = dict[str, Any]


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _write(path: Path, rows: list[dict[str, Any]], kind: str | None = None) -> None:
    columns: list[str] = ["kind"] if kind is None else []
    for row in rows:
        columns += [key for key in row if key not in columns]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row[c]) if c in row else "" for c in columns])


def write_directory(document: Document, folder: Path) -> Path:
    """The document as units.csv / filings.csv / orders.csv / transfers.csv (a kind without rows: no file)."""
    folder.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        if document.get(kind):
            _write(folder / f"{kind}.csv", document[kind], kind)
    return folder


def write_single(document: Document, path: Path) -> Path:
    """The document as one CSV file with a kind column: units and filings, then transfers and orders
    alternating (a transfer may come before the order it pays), each kind in its own order."""
    rows = [{"kind": kind, **row} for kind in ("units", "filings") for row in document[kind]]
    transfers = [{"kind": "transfers", **row} for row in document["transfers"]]
    orders = [{"kind": "orders", **row} for row in document["orders"]]
    for at in range(max(len(transfers), len(orders))):
        rows += transfers[at:at + 1] + orders[at:at + 1]
    _write(path, rows)
    return path


@st.composite
def messy_documents(draw: st.DrawFn) -> tuple[Document, bool]:  # noqa: PLR0912 - one branch per kind of mess
    """A dataset document with row errors, repeats and clashes; and whether its transfers are in time order."""
    document = draw(dataset_documents(max_units=6, max_orders=12, max_transfers=8))
    orders, transfers = document["orders"], document["transfers"]
    for number in range(draw(st.integers(0, 3)) if orders else 0):  # transfers that pay an open order exactly
        order = draw(st.sampled_from(orders))
        order.update(status="awaiting-payment", channel="trading-platform")
        order.pop("paid_at", None)
        order.pop("refunded", None)
        if draw(st.booleans()):
            order["origin_county"] = draw(st.sampled_from(["火星县", "朝阳区", "融水"]))  # unknown, ambiguous, short
        transfers.append({"transaction_id": f"P{number}", "payer_name": "某单位",
                          "payer_account": "44001000000000000001", "payee_account": order["account_number"],
                          "amount": order["amount"],
                          "memo": f"货款{order['payment_code'].upper()}", "time": ""})
    minutes = draw(st.lists(st.integers(0, 5), min_size=len(transfers), max_size=len(transfers)))
    in_order = draw(st.integers(0, 3)) > 0
    if in_order:
        minutes.sort()
    for transfer, minute in zip(transfers, minutes, strict=True):
        transfer["time"] = (datetime.datetime(2023, 11, 20, 10) + datetime.timedelta(minutes=minute)).isoformat()
    if in_order:  # same time: the transaction id decides
        transfers.sort(key=lambda t: (t["time"], t["transaction_id"]))
    else:
        in_order = [(t["time"], t["transaction_id"]) for t in transfers] == sorted(
            (t["time"], t["transaction_id"]) for t in transfers)
    for _ in range(draw(st.integers(0, 4))):
        what = draw(st.sampled_from(["repeat-order", "bad-amount", "clash", "bad-time", "repeat-transfer",
                                     "conflicting-transfer", "orphan-filing", "lost-unit", "second-filing"]))
        if what == "repeat-order" and orders:
            copy = dict(draw(st.sampled_from(orders)))
            copy["amount"] = draw(st.sampled_from([copy["amount"], "1.00"]))
            orders.insert(draw(st.integers(0, len(orders))), copy)
        elif what == "bad-amount" and orders:
            draw(st.sampled_from(orders))["amount"] = draw(st.sampled_from(["1.2.3", "-5", "0"]))
        elif what == "clash" and len(orders) > 1:
            first, second = draw(st.permutations(orders))[:2]
            second["payment_code"] = first["payment_code"]
        elif what == "bad-time" and transfers:
            draw(st.sampled_from(transfers))["time"] = "昨天"
        elif what in ("repeat-transfer", "conflicting-transfer") and transfers:
            at = draw(st.integers(0, len(transfers) - 1))
            copy = dict(transfers[at])
            if what == "conflicting-transfer":
                copy["memo"] += " 重发"
            transfers.insert(at + 1, copy)  # consecutive: a bank delivering a record twice
        elif what == "orphan-filing":
            document["filings"].append({"unit": "Z9", "year": 2023, "arrangement": "none", "remark": "无食堂"})
        elif what == "lost-unit":
            document["units"].append({"code": "Q1", "name": "失联单位", "superior": "NOPE"})
        elif what == "second-filing" and document["filings"]:
            document["filings"].append(dict(document["filings"][0]))
    orders[:] = draw(st.permutations(orders))  # file order is not order-number order
    return document, in_order


def _outcome(run: Any) -> Any:
    try:
        return run()
    except PovertyProcurementError as error:
        return (type(error).__name__, error.field, error.zh, error.en)


def _both(path: Path, year: int | None) -> tuple[Any, Any]:
    batch = _outcome(lambda: build_report(read_dataset(path), year))
    streamed = _outcome(lambda: report_csv(path, year))
    return batch, streamed


@given(messy_documents(), st.sampled_from([2023, None]), st.booleans())
def test_streaming_report_equals_the_batch_report(case: tuple[Document, bool], year: int | None,
                                                  single: bool) -> None:
    document, in_order = case
    with tempfile.TemporaryDirectory() as folder:
        path = write_single(document, Path(folder) / "data.csv") if single else write_directory(document,
                                                                                                Path(folder) / "d")
        if not single and not any(document[kind] for kind in KINDS):
            return  # an empty directory: both raise InputFileError, tested elsewhere
        batch, streamed = _both(path, year)
    if isinstance(batch, Report):
        assert isinstance(streamed, StreamedReport)
        assert streamed.report == batch
        assert render_report_text(streamed.report) == render_report_text(batch)
        if in_order:  # every transfer row in (time, id) order: nothing forced the fallback
            assert streamed.streamed and streamed.note == ""
        if not streamed.streamed:
            assert "time、transaction_id" in streamed.note
    else:
        assert streamed == batch


@given(messy_documents(), st.booleans())
def test_read_filings_csv_equals_read_dataset_without_orders_and_transfers(case: tuple[Document, bool],
                                                                            single: bool) -> None:
    document = case[0]
    with tempfile.TemporaryDirectory() as folder:
        path = write_single(document, Path(folder) / "data.csv") if single else write_directory(document,
                                                                                                Path(folder) / "d")
        if not single and not any(document[kind] for kind in KINDS):
            return
        expected = attrs.evolve(read_dataset(path), orders=(), transfers=())
        assert read_filings_csv(path) == expected  # errors in the same order too


def _sample() -> Document:
    document: Document = json.loads(read_text("sample/guangdong-department-2023.json"))
    return document


@pytest.mark.parametrize("single", [False, True])
def test_the_embedded_sample_as_csv_gives_the_samples_report(tmp_path: Path, single: bool) -> None:
    document = _sample()
    path = write_single(document, tmp_path / "sample.csv") if single else write_directory(document, tmp_path / "s")
    streamed = report_csv(path, 2023)
    assert streamed.streamed
    assert streamed.report == build_report(read_dataset(path), 2023)
    # and the same findings as the JSON sample itself (5 manual confirmations, one unit not filed)
    assert len(streamed.report.manual_confirmations) == 5
    assert [code for code, _ in streamed.report.not_filed] == ["44010402"]
    assert str(streamed.report.overall.reserved_share) == "2,455,000.00元"


def _cli(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(args, out)
    return code, out.getvalue(), err.getvalue()


def test_cli_report_on_csv_is_the_batch_reports_text_and_json(tmp_path: Path) -> None:
    path = write_directory(_sample(), tmp_path / "s")
    batch = build_report(read_dataset(path), 2023)
    code, text, err = _cli(["report", str(path), "--year", "2023"])
    assert (code, text, err) == (batch.status.exit_code, render_report_text(batch), "")
    code, data, _ = _cli(["report", str(path), "--year", "2023", "--json"])
    assert json.loads(data) == json.loads(json.dumps(converter.unstructure(batch)))


def test_cli_report_with_transfers_out_of_order_notes_the_fallback(tmp_path: Path) -> None:
    document = _sample()
    document["transfers"].reverse()
    path = write_directory(document, tmp_path / "s")
    outcome = report_csv(path, 2023)
    assert not outcome.streamed and outcome.report == build_report(read_dataset(path), 2023)
    code, text, err = _cli(["report", str(path), "--year", "2023"])
    assert code == outcome.report.status.exit_code and text == render_report_text(outcome.report)
    assert err.startswith("注意 / note:") and "time、transaction_id" in err
    with pytest.raises(InputError, match=r"earlier") as raised:
        report_csv(path, 2023, fallback=False)
    assert not isinstance(raised.value, InputFileError) and raised.value.field == "transfers"


def test_cli_check_on_csv_gives_the_batch_output(tmp_path: Path) -> None:
    document = _sample()
    document["orders"].append(dict(document["orders"][0]))  # a repeated order number: a row error, exit 2
    path = write_directory(document, tmp_path / "s")
    dataset = read_dataset(path)
    expected = {"filings": len(dataset.filings),
                "violations": converter.unstructure(collect_filing_violations(dataset.filings,
                                                                              dataset.filing_contacts)),
                "errors": converter.unstructure(list(dataset.errors)), "warnings": []}
    code, out, err = _cli(["check", str(path), "--json"])
    assert code == 2 and json.loads(out) == json.loads(json.dumps(expected))
    assert err.count("错误 / error:") == len(dataset.errors) == 1


def test_missing_and_unreadable_inputs_give_the_batch_paths_errors(tmp_path: Path) -> None:
    for path in (tmp_path / "missing.csv", tmp_path):
        batch, streamed = _both(path, 2023)
        assert isinstance(batch, tuple) and streamed == batch
    with pytest.raises(InputFileError, match="流式读取"):
        report_csv(tmp_path / "data.json")


@pytest.mark.parametrize("damaged", [("transfers",), ("orders", "transfers")])
def test_a_damaged_file_read_ahead_raises_the_batch_paths_first_error(tmp_path: Path, damaged: tuple[str, ...]) -> None:
    """The transfers' memos are read ahead (for the codes they name) before the orders: a damaged transfers
    file must not make its error come first — the batch path reads the orders first and raises theirs."""
    path = write_directory(_sample(), tmp_path / "s")
    for kind in damaged:
        with open(path / f"{kind}.csv", "ab") as handle:
            handle.write(b"\xff\xfe\xfa not text in any encoding \x81\x30\n")
    batch, streamed = _both(path, 2023)
    assert batch[0] == "InputFileError" and batch[1] == f"{damaged[0]}.csv" and streamed == batch


def test_a_year_without_policy_data_or_filings_raises_like_the_batch_path(tmp_path: Path) -> None:
    path = write_directory(_sample(), tmp_path / "s")
    batch, streamed = _both(path, 2031)
    assert batch[0] == "PolicyNotFound" and streamed == batch
    with pytest.raises(PolicyNotFound):
        report_csv(write_directory({"units": [{"code": "D1", "name": "某厅"}]}, tmp_path / "u"))


def test_more_than_a_bound_set_is_refused_on_the_same_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from poverty_procurement.reporting import records

    monkeypatch.setattr(records, "MAX_ROWS", 20)
    document = _sample()
    assert sum(len(document[kind]) for kind in KINDS) > 20
    for path in (write_directory(document, tmp_path / "s"), write_single(document, tmp_path / "one.csv")):
        batch, streamed = _both(path, 2023)
        assert batch[0] == "InputFileError" and streamed == batch
    assert MAX_ROWS is None  # restored for other tests by monkeypatch: by default there is no limit (issue 18)


def test_a_file_changed_between_the_passes_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from poverty_procurement.reporting import stream

    path = write_directory(_sample(), tmp_path / "s")
    stamps = iter(range(1000))
    monkeypatch.setattr(stream, "_stamp", lambda _path: (next(stamps), 0))
    with pytest.raises(InputFileError, match="读取过程中被修改"):
        report_csv(path, 2023)


def _one_unit(folder: Path) -> None:
    """``folder`` made, with units.csv (a department D1 and its unit U1) and filings.csv (U1's 2023 filing)."""
    folder.mkdir()
    (folder / "units.csv").write_text("code,name,superior\nD1,某厅,\nU1,某中心,D1\n", encoding="utf-8")
    (folder / "filings.csv").write_text("unit,year,arrangement,canteen_total,ratio,contact_name,contact_mobile\n"
                                        "U1,2023,own,1000000,30,张三,13800138000\n", encoding="utf-8")


def _big(folder: Path, orders: int, transfers: int) -> Path:
    """A directory with ``orders`` orders awaiting payment and ``transfers`` transfers paying them in time order."""
    _one_unit(folder)
    with open(folder / "orders.csv", "w", encoding="utf-8") as handle:
        handle.write("number,buyer_unit,placed_by,channel,supplier,account_number,bank,bank_code,amount,"
                     "origin_county,payment_code\n")
        for n in range(orders):
            handle.write(f"XD20230707{n:08d},U1,unit,trading-platform,某供应商,35000188110503337,某银行,303100000241,"
                         f"{100 + n % 50}.00,融水苗族自治县,q{n:05d}\n")
    with open(folder / "transfers.csv", "w", encoding="utf-8") as handle:
        handle.write("transaction_id,payer_name,payer_account,payee_account,amount,memo,time\n")
        for n in range(transfers):
            handle.write(f"SB{n:08d},某中心,44001000000000000001,35000188110503337,{100 + n % 50}.00,"
                         f"货款 q{n % orders:05d},2023-11-{1 + n * 29 // transfers:02d}T10:00:00\n")
    return folder


def _peak(run: Any) -> tuple[int, Any]:
    tracemalloc.start()
    try:
        result = run()
        return tracemalloc.get_traced_memory()[1], result
    finally:
        tracemalloc.stop()


def test_streaming_holds_the_open_orders_not_the_transfers_or_the_rows(tmp_path: Path) -> None:
    """Every order open and paid by a transfer: the stream holds each open order (kept until matched, its own index
    entry) and nothing per transfer or row; the batch path holds every order, every transfer and the structured
    rows. Measured at 2,000 and 4,000 of each, so that the per-order cost is measured, not a fixed overhead."""
    small, large = _big(tmp_path / "small", 2_000, 2_000), _big(tmp_path / "large", 4_000, 4_000)
    build_report(read_dataset(large), 2023), report_csv(large, 2023)  # tables and caches loaded before measuring:
    # otherwise the batch peak includes whatever the tests before this one left unloaded (3.7-7.5 MB seen)
    batch_small, _ = _peak(lambda: build_report(read_dataset(small), 2023))
    batch_large, batch = _peak(lambda: build_report(read_dataset(large), 2023))
    stream_small, _ = _peak(lambda: report_csv(small, 2023))
    stream_large, streamed = _peak(lambda: report_csv(large, 2023))
    assert streamed.streamed and streamed.report == batch
    per_open_order = (stream_large - stream_small) / 2_000
    per_batch_order = (batch_large - batch_small) / 2_000
    # per open order: the Order (~380 bytes: the orders of one account share it), and per crediting transfer its
    # transaction id, order number and time (~470): ~855 bytes measured; the batch path ~2,000 (the order, the
    # transfer, the structured rows)
    assert per_open_order < 1_200, per_open_order
    assert stream_large < batch_large * 3 / 4, (stream_large, batch_large, per_batch_order)


def test_unresolved_counties_and_unassigned_orders_come_in_the_batch_order(tmp_path: Path) -> None:
    document = _sample()
    for order in document["orders"]:
        order["origin_county"] = "火星县"
    document["orders"].reverse()
    document["orders"].append({**document["orders"][0], "number": "XD2023123100000099", "buyer_unit": "Z9",
                                 "payment_code": "zz9zz8"})
    path = write_directory(document, tmp_path / "s")
    streamed = report_csv(path, 2023)
    assert streamed.report == build_report(read_dataset(path), 2023)
    numbers = [u.order_number for u in streamed.report.unresolved_counties]
    assert len(numbers) > 2 and numbers == sorted(numbers)
    assert streamed.report.unassigned_orders == ("XD2023123100000099",)


@pytest.mark.parametrize("held", [1, 4096])
def test_priority_is_summed_county_by_county_exactly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     held: int) -> None:
    """Each county classified once (or, holding one, again and again), each order added to its tier: the tiers,
    counts, shares and unresolved counties of the batch path's ``summarize_priority`` over all the orders."""
    from poverty_procurement.reporting import stream

    monkeypatch.setattr(stream, "_COUNTIES_HELD", held)
    document = _sample()
    document["orders"][0]["origin_county"] = "火星县"
    document["orders"][1]["origin_county"] = "火星县"
    path = write_directory(document, tmp_path / "s")
    report = report_csv(path, 2023).report
    assert report == build_report(read_dataset(path), 2023)
    assert sum(line.count for line in report.priority) > 2
    unresolved = report.unresolved_counties
    assert len(unresolved) >= 2 and {county.county for county in unresolved} == {"'火星县'"}


def test_the_memory_benchmark_runs_and_its_reports_are_equal() -> None:
    import sys

    folder = str(Path(__file__).resolve().parents[2] / "benchmarks")
    sys.path.insert(0, folder)
    try:
        import bench_report_memory  # type: ignore[import-not-found,unused-ignore]
    finally:
        sys.path.remove(folder)
    report = bench_report_memory.measure([600])
    # peak memory and time against the batch path, and per row against a csv.DictReader pass (issue 18)
    assert len(report.rows) == 3 and all(row.ratio > 0 for row in report.rows)
    assert "reports equal: True" in report.notes[0]


def test_after_matching_only_the_open_orders_a_memo_names_are_alive(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """300 orders awaiting payment, 100 transfers whose memos name 100 of them: those 100 are kept until they are
    counted (after matching); the 200 no memo names were counted and dropped at once; no transfer is kept."""
    import gc

    from poverty_procurement.model.order import Order
    from poverty_procurement.model.payment import BankTransfer
    from poverty_procurement.reporting import stream

    alive: list[tuple[int, int]] = []
    from poverty_procurement.rules.payments.matching import iter_match_transfers as real

    def watched(*args: Any) -> Any:
        yield from real(*args)
        gc.collect()
        objects = gc.get_objects()
        alive.append((sum(isinstance(o, Order) and o.number.startswith("XD20230707") for o in objects),
                      sum(isinstance(o, BankTransfer) and o.transaction_id.startswith("SB") for o in objects)))

    monkeypatch.setattr(stream, "iter_match_transfers", watched)
    path = _big(tmp_path / "big", 300, 100)
    outcome = report_csv(path, 2023)
    assert outcome.streamed and len(alive) == 1  # only this file's rows are counted (other tests may hold others)
    orders, transfers = alive[0]
    # the 100 kept, and at most the last order counted and the last result: still the consumers' loop variables
    assert orders in (100, 101) and transfers <= 1, (orders, transfers)
    dataset = read_dataset(path)
    assert (len(dataset.orders), len(dataset.transfers)) == (300, 100)
    assert outcome.report == build_report(dataset, 2023)


@given(messy_documents(), st.sampled_from([2023, None]), st.booleans(), st.sampled_from([8, 64]))
def test_a_filter_flagging_numbers_never_met_settles_to_the_batch_results(
        case: tuple[Document, bool], year: int | None, single: bool, bits: int) -> None:
    """The repeat filter (reporting.repeats) may flag a number never met; a filter of 8 or 64 bits flags
    nearly every number, so nearly every order is held back and settled by reading the orders again —
    the report and the check must still be the batch path's, repeats and their first rows included."""
    from unittest import mock

    from poverty_procurement.reporting import stream

    document = case[0]
    with tempfile.TemporaryDirectory() as folder, mock.patch.object(stream, "bits_for", lambda size: bits):
        path = write_single(document, Path(folder) / "data.csv") if single else write_directory(document,
                                                                                                Path(folder) / "d")
        if not single and not any(document[kind] for kind in KINDS):
            return
        batch, streamed = _both(path, year)
        assert (streamed.report if isinstance(streamed, StreamedReport) else streamed) == batch
        assert read_filings_csv(path) == attrs.evolve(read_dataset(path), orders=(), transfers=())


def _paid_orders(folder: Path, paid: int) -> Path:
    """units.csv, filings.csv, 100 orders awaiting payment then ``paid`` paid ones (all with a payment code),
    and 100 transfers paying the open ones."""
    _one_unit(folder)
    with open(folder / "orders.csv", "w", encoding="utf-8") as handle:
        handle.write("number,buyer_unit,placed_by,channel,supplier,account_number,bank,bank_code,amount,"
                     "origin_county,payment_code,status,paid_at\n")
        for n in range(100 + paid):
            state = ",paid,2023-06-01T10:00:00" if n >= 100 else ",,"
            handle.write(f"XD20230707{n:08d},U1,unit,trading-platform,某供应商,35000188110503337,某银行,303100000241,"
                         f"{100 + n % 50}.00,融水苗族自治县,q{n:05x}{state}\n")
    with open(folder / "transfers.csv", "w", encoding="utf-8") as handle:
        handle.write("transaction_id,payer_name,payer_account,payee_account,amount,memo,time\n")
        handle.writelines(f"SB{n:08d},某中心,44001000000000000001,35000188110503337,{100 + n % 50}.00,"
                          f"货款 q{n:05x},2023-11-01T10:{n // 60:02d}:{n % 60:02d}\n" for n in range(100))
    return folder


def test_memory_does_not_grow_with_the_orders_no_transfer_can_change(tmp_path: Path) -> None:
    """Issue 18: memory bounded by the open orders, not the rows. Four times the paid orders (24,000 more)
    must add far less than the ~370 bytes an order cost before (its number kept to name a repeat, its index
    entry): only the repeat filter grows with the file (one bit a byte, up to its bound). Both files are
    over 1 MiB, so the encoding check's chunk (a fixed transient) is the same for both."""
    small = _paid_orders(tmp_path / "small", 8_000)
    large = _paid_orders(tmp_path / "large", 32_000)
    report_csv(small, 2023)  # modules and tables loaded before measuring
    small_peak, small_outcome = _peak(lambda: report_csv(small, 2023))
    large_peak, large_outcome = _peak(lambda: report_csv(large, 2023))
    for outcome, orders in ((small_outcome, 8_100), (large_outcome, 32_100)):
        assert outcome.streamed and dict(outcome.report.counts)["orders"] == orders
        assert not outcome.report.manual_confirmations and len(outcome.report.credited_transfers) == 100
    assert large_peak - small_peak < 24_000 * 100, (small_peak, large_peak)


def test_a_single_files_problems_are_noted_once_each_in_their_pass(tmp_path: Path) -> None:
    """A single file is read by kind: units and filings (with the header and the rows whose 类型 is no kind) ahead,
    orders in the main pass, transfers when matched. Every problem is still noted exactly once — an unknown
    column, a row of no kind, a bad cell of each kind, a cell outside the header, a ratio warning — and a
    transfer whose row is bad but whose memo names an open order's code (read ahead as written) changes nothing."""
    document = _sample()
    open_order = next(order for order in document["orders"] if order["status"] == "awaiting-payment")
    document["units"][1]["name"] = ""  # required
    document["filings"][1]["ratio"] = "三十"  # not a ratio
    document["filings"][2]["ratio"] = "0.3"  # a warning: 0.3% read, 30% perhaps meant
    document["orders"][2]["amount"] = "1.2.3"
    document["transfers"].append({**document["transfers"][-1], "transaction_id": "BAD1", "amount": "很多",
                                  "memo": f"货款 {open_order['payment_code']}"})
    path = write_single(document, tmp_path / "data.csv")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[0].append("备用列")  # an unknown column (its cells must stay empty)
    rows.insert(5, ["账单", *[""] * (len(rows[0]) - 1)])  # a row of no kind
    transfer_at = next(at for at, row in enumerate(rows) if row[0] == "transfers")
    rows[transfer_at] += ["", "多出的一格"]  # a cell outside the header's columns
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    dataset = read_dataset(path, year=2023)
    streamed = report_csv(path, 2023)
    assert streamed.streamed and streamed.report == build_report(dataset, 2023)
    assert streamed.warnings == dataset.warnings and len(dataset.warnings) == 1
    places = [(error.row_number, error.field) for error in streamed.report.input_errors]
    assert len(places) == len(set(places)) == 7, places  # each problem once (a row and column of its own)
