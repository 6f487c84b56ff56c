"""Every public value and result type pickles with the standard ``pickle`` to an equal value (issue 19).

The types are *enumerated*, not hand-picked: every class named in the ``__all__`` of the front door,
an area namespace or a kernel module is either found in a corpus of real results (the library run
on the sample data set and on inputs with errors) or drawn from its registered Hypothesis
strategy, or listed in ``NOT_VALUES`` with the reason it is not a value. A public class added
later that is none of these fails :func:`test_every_public_class_is_covered`.

A process pool, Dask and Spark pickle what crosses a process; ``types.MappingProxyType`` does not
pickle (``Totals``, ``FilingRollUp``, ``UnitTree``, ``CompletionRollUp`` failed before), and an
error compared by identity made a ``FilingCheck`` with an error unequal to its copy.
"""

from __future__ import annotations

import datetime
import enum
import importlib
import inspect
import io
import pickle
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import poverty_procurement as pp
from poverty_procurement import completion, counties, errors, filings, payments, policy, reporting, workflow
from poverty_procurement._hypothesis_plugin import REGISTRATIONS
from support import ACCOUNT, CONTACT, SAMPLE, order, to_csv, transfer

KERNEL = ["money", "ratio", "errors", "explain", "form_grammar", "citation", "jurisdictions", "conventions",
          "shares", "terminal", "serialization"]
NAMESPACES = [pp, policy, filings, workflow, counties, payments, completion, reporting,
              *(importlib.import_module(f"poverty_procurement.{name}") for name in KERNEL)]

#: public classes that are not values, with the reason
NOT_VALUES: dict[str, str] = {
    "PicklesReadOnlyMappings": "a mixin for the value classes, never instantiated on its own",
    "PPConverter": "the cattrs converter class (JSON), a tool rather than a value",
    "FilingLike": "a typing Protocol",
    "UnitLike": "a typing Protocol",
    "CompletionAccumulator": "a mutable accumulator without __eq__: pickled and compared by its results below",
    "OrderIndex": "a mutable index the caller keeps and updates (issue 18), compared by identity like a dict view",
}


def public_classes() -> dict[str, type[Any]]:
    found: dict[str, type[Any]] = {}
    for namespace in NAMESPACES:
        for name in namespace.__all__:
            value = getattr(namespace, name)
            if inspect.isclass(value):
                found[value.__name__] = value
    return found


def _children(value: object) -> Iterator[object]:
    if isinstance(value, (str, bytes, int, float, datetime.date, enum.Enum, type)) or value is None:
        return
    if isinstance(value, Mapping):
        yield from value.keys()
        yield from value.values()
    elif isinstance(value, (tuple, list, set, frozenset)):
        yield from value
    if attrs.has(type(value)):
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]
            yield getattr(value, field.name)
    elif isinstance(value, BaseException):
        yield from value.args


def _walk(roots: list[object]) -> dict[type[Any], list[object]]:
    by_class: dict[type[Any], list[object]] = {}
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        found = by_class.setdefault(type(value), [])
        if len(found) < 5:
            found.append(value)
        stack.extend(_children(value))
    return by_class


def _corpus(tmp: Path) -> dict[type[Any], list[object]]:
    """Real results: the library on the sample data set, and on inputs with errors."""
    data = reporting.sample_dataset()
    report = reporting.build_report(data)
    (tmp / "sample.csv").write_text(to_csv(SAMPLE), encoding="utf-8")
    streamed = reporting.report_csv(tmp / "sample.csv", 2023)
    bad_rows = reporting.parse_csv(io.StringIO("kind,code\nunit,?\n"))
    unit = pp.BudgetUnit("44000001", "某单位", "广东")
    member = pp.BudgetUnit("44000002", "某中心", "广东", "44000001")
    filing = pp.Filing(unit, 2023, "shared-representative", canteen_total="3000000", ratio=20, contact=CONTACT)
    shared = pp.Filing(member, 2023, "shared-member", remark="共用某单位食堂", contact=CONTACT)
    tree = pp.UnitTree.of([unit, member])
    unchecked = filings.check_filings([filing, "not a filing"])  # type: ignore[list-item]
    rolled = filings.roll_up_filings(tree, [filing, shared, filing], 2023)
    matched = payments.match_transfers([transfer(), transfer(), transfer(transaction_id="B2", memo="x")], [order()])
    paid = attrs.evolve(order(), buyer_unit="44000001", status=payments.OrderStatus.PAID,
                        paid_at=datetime.datetime(2023, 3, 1, 10))
    record = workflow.FilingRecord.open(unit, 2023)
    actor = workflow.Actor.unit("44000001")
    at = datetime.datetime(2023, 3, 1, 10, tzinfo=datetime.timezone.utc)
    actions = [workflow.Submit(filing), workflow.Modify(filing), workflow.Confirm(), workflow.Return("缺联系人"),
               workflow.SubmitToFinance(), workflow.FinanceApprove(), workflow.FinanceReturn("重填")]
    calendar = payments.parse_calendar_text(
        '{"years": [{"year": 2031, "holidays": ["2031-01-01"], "working_days": [], '
        '"citation": {"document": "某通知"}}]}')
    table = policy.read_policy_file(Path(__file__).parents[2] / "examples" / "policy-2026.json")
    nanning = pp.BudgetUnit("45010001", "南宁市某局", "广西")
    last = pp.Filing(nanning, 2025, "own", canteen_total="2000000", ratio=20, contact=CONTACT)
    this = pp.Filing(nanning, 2026, "own", canteen_total="1500000", ratio=20, contact=CONTACT)
    stray = pp.Filing(pp.BudgetUnit("44000003", "某站", "广东", "44000001"), 2023, "shared-member",
                      remark="共用不存在单位食堂", contact=CONTACT)
    roots: list[object] = [
        table, policy.local_findings(this, policy=table, last_year=last),
        policy.resolve_minimum_ratio(2026, "广西", locality="450100", policy=table),
        filings.canteen_groups([filing, shared]), filings.canteen_findings([filing, shared, stray]),
        data, report, streamed, bad_rows, unchecked, rolled, matched, tree, actions, record, actor, calendar,
        completion.roll_up_completion(tree, [paid], [filing], 2023),
        completion.completion_by_unit([paid], [filing]),
        completion.count_decision(paid, "44000001", 2023),
        completion.completion_by_canteen(completion.completion_by_unit([paid], [filing, shared]).by_unit,
                                         filings.canteen_groups([filing, shared])),
        filings.classify_remark("共用某单位食堂"), filings.remark_wording("广东"),
        policy.explain_share("1000.05", 50), policy.policy_overview(year=2023),
        policy.minimum_ratio(2023, "广东"), pp.policy.resolve_province("广东"),
        policy.local_findings(filing),
        counties.pairing_table(), counties.poverty_county_table(), counties.lookup_county("三都县"),
        counties.summarize_priority([("三都县", "100"), ("不存在县", "1"), ("三都县", "x")]),
        ACCOUNT, payments.match_transfers([transfer(), transfer(memo="x")], [order()], lazy=True),
        reporting.report_tables(report),
    ]
    roots.append(workflow.apply_action(record, workflow.Submit(filing), actor, at))
    roots.append(workflow.ChangeContact(CONTACT))
    late = datetime.datetime(2023, 4, 30, 10, tzinfo=datetime.timezone.utc)  # after the 2023 deadline
    submitted, _ = workflow.apply_action(record, workflow.Submit(filing), actor, late)
    roots.append(workflow.check_deadlines([submitted], as_of=late))
    return _walk(roots)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[type[Any], list[object]]:
    return _corpus(tmp_path_factory.mktemp("pickling"))


REGISTERED = {name for _, name, _, _ in REGISTRATIONS}


def _round_trips(value: object) -> None:
    again = pickle.loads(pickle.dumps(value))
    assert type(again) is type(value)
    assert again == value, type(value).__name__
    if not isinstance(value, BaseException):
        assert hash(again) == hash(value) if _hashable(value) else True


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def test_every_public_class_is_covered(corpus: dict[type[Any], list[object]]) -> None:
    missing = sorted(name for name, cls in public_classes().items()
                     if name not in NOT_VALUES and cls not in corpus and name not in REGISTERED
                     and not issubclass(cls, (BaseException, enum.Enum)))
    assert missing == [], missing


@pytest.mark.parametrize("name", sorted(set(public_classes()) - set(NOT_VALUES)))
def test_every_public_value_in_the_results_pickles_to_an_equal_value(
    name: str, corpus: dict[type[Any], list[object]]
) -> None:
    cls = public_classes()[name]
    if issubclass(cls, enum.Enum):
        values: list[object] = list(cls)
    elif issubclass(cls, BaseException):
        values = [cls("field", "中文说明", "english")]
    else:
        values = corpus.get(cls, [])
    for value in values:
        _round_trips(value)


@pytest.mark.parametrize("name", sorted(REGISTERED))
@given(data=st.data())
def test_every_registered_value_pickles_to_an_equal_value(name: str, data: st.DataObject) -> None:
    _round_trips(data.draw(st.from_type(public_classes()[name])))


def test_every_error_class_pickles_to_an_equal_error() -> None:
    classes = [getattr(errors, name) for name in errors.__all__]
    assert len(classes) > 20
    for cls in classes:
        error = cls("canteen_total", "不能为空", "must not be empty")
        assert pickle.loads(pickle.dumps(error)) == error
        assert hash(pickle.loads(pickle.dumps(error))) == hash(error)
    assert errors.InvalidAmount("f", "甲", "a") != errors.InvalidRatio("f", "甲", "a")
    assert errors.InvalidAmount("f", "甲", "a") != errors.InvalidAmount("f", "乙", "a")
    structure = errors.StructureError("f", "甲", "a", (("$.x", "bad"),))
    assert pickle.loads(pickle.dumps(structure)).errors == (("$.x", "bad"),)


def test_the_four_results_that_failed_pickle_now_and_stay_read_only(
    corpus: dict[type[Any], list[object]]
) -> None:
    """Regression (issue 19): ``cannot pickle 'mappingproxy' object``; a FilingCheck with an error unequal."""
    for cls in (filings.Totals, filings.FilingRollUp, pp.UnitTree, completion.CompletionRollUp, policy.PolicyTable,
                payments.WorkingCalendar):
        assert corpus.get(cls), cls
        for value in corpus[cls]:
            again = pickle.loads(pickle.dumps(value))
            assert again == value
            for field in attrs.fields(cls):
                if isinstance(getattr(value, field.name), Mapping):
                    with pytest.raises(TypeError):
                        getattr(again, field.name)["x"] = 1
    checks = [check for check in corpus[filings.FilingCheck] if check.error is not None]  # type: ignore[attr-defined]
    assert checks
    assert pickle.loads(pickle.dumps(checks)) == checks


def test_a_pickled_accumulator_gives_the_same_results() -> None:
    unit = pp.BudgetUnit("44000001", "某单位", "广东")
    filing = pp.Filing(unit, 2023, "own", canteen_total="3000000", ratio=30, contact=CONTACT)
    paid = attrs.evolve(order(), buyer_unit="44000001", status=payments.OrderStatus.PAID,
                        paid_at=datetime.datetime(2023, 3, 1, 10))
    tally = completion.CompletionAccumulator([filing]).add_all([paid, order()])
    again = pickle.loads(pickle.dumps(tally))
    assert again.report() == tally.report() and again.unfiled_count == tally.unfiled_count
