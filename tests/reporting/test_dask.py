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
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  memory_limit="1GiB") as cluster, distributed.Client(cluster) as connected:
        yield connected


def frame(kind: str, partitions: int = 4) -> Any:
    return dd.from_pandas(pd.DataFrame(ROWS[kind], dtype=object), npartitions=partitions)


def test_matching_on_dask_equals_one_process(client: Any) -> None:
    transfers = [transfer_from_row(row) for row in ROWS["transfers"]]
    orders = [order_from_row(row) for row in ROWS["orders"]]
    expected = match_transfers(transfers, orders, SEEN)
    assert {result.reason for result in expected} == set(MatchReason)  # every reason is in the statement
    got = pp_dask.match_transfers(frame("transfers", 6), frame("orders", 3), 5, SEEN)
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
        got = pp_dask.match_transfers(transfers, orders, 4, seen)
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
