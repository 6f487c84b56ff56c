"""The Dask adapter on a LocalCluster (2 worker processes) gives the one-process results (issue 19).

20,000 transfers with every matching reason and 10,000 units in 20 departments
(``support.scale_rows``): transfer matching, filing checks and the roll-up, each equal to the
library run in this process on the same rows; no order is credited twice. Runs in the default
check (``scripts/check.sh`` installs the ``dask`` extra); skipped only where Dask is not installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from poverty_procurement import UnitTree, check_filings, match_transfers, roll_up_filings
from poverty_procurement.payments import MatchReason
from poverty_procurement.rows import (
    MATCH_COLUMNS,
    check_row,
    filing_contact_problems,
    filing_from_row,
    match_row,
    order_from_row,
    transfer_from_row,
    unit_from_row,
)
from support import scale_rows, scale_seen

pd = pytest.importorskip("pandas")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pp_dask = pytest.importorskip("poverty_procurement.dask")

ROWS = scale_rows()
SEEN = scale_seen(ROWS)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    # ":0": the scheduler's HTTP server (started even without a dashboard) on a free port; on its default
    # 8787 a second cluster on the machine makes distributed warn, and warnings are errors here.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  memory_limit="1GiB") as cluster, distributed.Client(cluster) as connected:
        yield connected


def frame(kind: str, partitions: int = 4) -> Any:
    return dd.from_pandas(pd.DataFrame(ROWS[kind], dtype=object), npartitions=partitions)


def test_matching_on_dask_equals_one_process(client: Any) -> None:
    transfers = [transfer_from_row(row) for row in ROWS["transfers"]]
    orders = [order_from_row(row) for row in ROWS["orders"]]
    expected = match_transfers(transfers, orders, SEEN)
    assert {result.reason for result in expected} == set(MatchReason)  # every reason is in the statement
    lazy = pp_dask.match_transfers(frame("transfers", 6), frame("orders", 3), 5, SEEN)
    assert isinstance(lazy, dd.DataFrame) and tuple(lazy.columns) == MATCH_COLUMNS
    got = pp_dask.collect_matches(lazy)
    want = pp_dask.match_frame(expected)
    assert got.equals(want)
    assert got.to_dict("records")[:50] == [dict(zip(MATCH_COLUMNS, match_row(n, r), strict=True))
                                           for n, r in enumerate(expected[:50])]
    credited = got[got["reason"] == "credited"]["order_number"]
    assert credited.is_unique and len(credited) > 5_000


def test_filing_checks_on_dask_equal_one_process(client: Any) -> None:
    units = {row["code"]: unit_from_row(row) for row in ROWS["units"]}
    filings = [filing_from_row(row, units[row["unit"]]) for row in ROWS["filings"]]
    expected = [check_row(check, filing_contact_problems(row))
                for check, row in zip(check_filings(filings), ROWS["filings"], strict=True)]
    got = pp_dask.check_filings(frame("units"), frame("filings", 5))
    assert [tuple(row) for row in got.itertuples(index=False)] == expected
    assert not got["acceptable"].all() and got["acceptable"].any()


def test_the_roll_up_on_dask_equals_one_process(client: Any) -> None:
    units = [unit_from_row(row) for row in ROWS["units"]]
    tree = UnitTree.of(units)
    by_code = {unit.code: unit for unit in units}
    expected = roll_up_filings(tree, [filing_from_row(row, by_code[row["unit"]]) for row in ROWS["filings"]], 2023)
    got = pp_dask.roll_up_filings(frame("units"), frame("filings", 5), 2023, 4)
    assert got == expected
    assert len(got.departments) == 20 and got.overall.units == 10_000


def test_the_adapter_in_this_process_on_a_small_statement() -> None:
    """The same functions with Dask's in-process scheduler (so that coverage sees the task code):
    a row that makes no filing, seen ids, repeats, several codes, one number under two codes."""
    import dask

    rows = scale_rows(400, departments=2, units_per_department=30)
    rows["filings"].append({**rows["filings"][0], "canteen_total": "1,000"})  # not a valid amount
    seen = scale_seen(rows)
    # in-process scheduler and task-based shuffles (a Client of another test may still be the default)
    with dask.config.set({"scheduler": "synchronous", "dataframe.shuffle.method": "tasks"}):
        transfers = dd.from_pandas(pd.DataFrame(rows["transfers"], dtype=object), npartitions=3)
        orders = dd.from_pandas(pd.DataFrame(rows["orders"], dtype=object), npartitions=2)
        got = pp_dask.collect_matches(pp_dask.match_transfers(transfers, orders, 4, seen))
        units = dd.from_pandas(pd.DataFrame(rows["units"], dtype=object), npartitions=2)
        filings = dd.from_pandas(pd.DataFrame(rows["filings"], dtype=object), npartitions=2)
        checks = pp_dask.check_filings(units, filings)
        rolled = pp_dask.roll_up_filings(units, dd.from_pandas(pd.DataFrame(rows["filings"][:-1], dtype=object),
                                                               npartitions=2), 2023, 3)
    expected = match_transfers([transfer_from_row(r) for r in rows["transfers"]],
                               [order_from_row(r) for r in rows["orders"]], seen)
    assert got.equals(pp_dask.match_frame(expected))
    assert checks["error"].iloc[-1] is not None and "canteen_total" in checks["error"].iloc[-1]
    assert checks["error"].iloc[:-1].isna().all()
    tree = UnitTree.of(unit_from_row(row) for row in rows["units"])
    by_code = {unit.code: unit for unit in tree.units.values()}
    assert rolled == roll_up_filings(tree, [filing_from_row(row, by_code[row["unit"]]) for row in rows["filings"][:-1]],
                                     2023)


_ACCOUNT = {"supplier": "供应商", "account_number": "35000188110503337", "bank": "中国光大银行北京分行营业室",
            "bank_code": "303100000241", "placed_by": "unit", "channel": "trading-platform",
            "origin_county": "三都县", "buyer_unit": "U1", "amount": "0.01"}


def _paid(tid: str, memo: str, minute: int, amount: str = "0.01") -> dict[str, str]:
    return {"transaction_id": tid, "payer_name": "某局", "payer_account": "1234567890123",
            "payee_account": "35000188110503337", "amount": amount, "memo": memo,
            "time": f"2022-11-23T10:{minute:02d}:00"}


def test_the_global_steps_on_dask_and_the_lazy_result_written_to_parquet(tmp_path: Any) -> None:
    """One order number under two codes in two match partitions (step 4 across tasks), an order's code
    in capitals (matched as the ``Order`` holds it: lower case), several codes with one, two or no
    known code, re-pushed, conflicting and seen ids; the lazy result goes to Parquet unchanged."""
    import dask

    from poverty_procurement.partitioning import partition_of

    assert partition_of("f54yxn", 4) != partition_of("m2n3b4", 4)
    orders = [{**_ACCOUNT, "number": "XD2022112300000007", "payment_code": "f54yxn"},
              {**_ACCOUNT, "number": "XD2022112300000007", "payment_code": "m2n3b4"},
              {**_ACCOUNT, "number": "XD2022112300000008", "payment_code": "K3M8PQ"},
              {**_ACCOUNT, "number": "XD2022112300000009", "payment_code": "x1y2z3"},
              {**_ACCOUNT, "number": "XD2022112300000010", "payment_code": ""}]
    transfers = [_paid("B2", "货款m2n3b4", 5), _paid("B1", "货款F54YXN", 1), _paid("B3", "货款k3m8pq", 2),
                 _paid("B4", "x1y2z3 zz9zz9", 3), _paid("B5", "x1y2z3 k3m8pq", 4), _paid("B6", "zz9zz9 q7w8e9", 4),
                 _paid("B7", "货款", 6), _paid("B7", "货款", 6), _paid("B8", "货款x1y2z3", 7),
                 _paid("B8", "货款x1y2z3", 7, "0.02"), _paid("SEEN1", "货款x1y2z3", 8)]
    expected = match_transfers([transfer_from_row(r) for r in transfers], [order_from_row(r) for r in orders],
                               frozenset({"SEEN1"}))
    reasons = [result.reason.value for result in expected]
    assert reasons == ["order-credited-by-another-transfer", "credited", "credited", "credited", "several-codes",
                       "unknown-code", "no-code", "duplicate-transaction", "conflicting-transaction",
                       "conflicting-transaction", "duplicate-transaction"]
    with dask.config.set({"scheduler": "synchronous", "dataframe.shuffle.method": "tasks"}):
        lazy = pp_dask.match_transfers(dd.from_pandas(pd.DataFrame(transfers, dtype=object), npartitions=3),
                                       dd.from_pandas(pd.DataFrame(orders, dtype=object), npartitions=2), 4,
                                       frozenset({"SEEN1"}))
        got = pp_dask.collect_matches(lazy)
        lazy.to_parquet(tmp_path / "matches", write_index=False)
        # read back with pandas (dask's Parquet reader warns under pandas 3.1)
        written = pp_dask.collect_matches(dd.from_pandas(pd.read_parquet(tmp_path / "matches"), npartitions=1))
    want = pp_dask.match_frame(expected)
    assert got.equals(want)
    assert written.equals(want)


def test_the_number_of_partitions_is_checked() -> None:
    from poverty_procurement.errors import InputError

    transfers = dd.from_pandas(pd.DataFrame([_paid("B1", "货款", 1)], dtype=object), npartitions=1)
    orders = dd.from_pandas(pd.DataFrame([{**_ACCOUNT, "number": "XD2022112300000007", "payment_code": "f54yxn"}],
                                         dtype=object), npartitions=1)
    for bad in (0, True):
        with pytest.raises(InputError) as raised:
            pp_dask.match_transfers(transfers, orders, bad)
        assert raised.value.field == "partitions"
