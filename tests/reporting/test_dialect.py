"""One JSON dialect: the converter writes and reads the data files' records; the JSON Schema agrees with it."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema  # type: ignore[import-untyped,unused-ignore]
import pytest
from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement import BudgetUnit, Filing, converter
from poverty_procurement.dialect import generate_json_schema, json_schema, render_json_schema
from poverty_procurement.errors import StructureError
from poverty_procurement.payments import BankTransfer, Order
from poverty_procurement.reporting import Dataset, parse_json, sample_dataset
from poverty_procurement.strategies.report import dataset_documents, datasets

SCHEMA = json_schema()
VALUE_OBJECTS: dict[str, type[Any]] = {"BudgetUnit": BudgetUnit, "Filing": Filing, "Order": Order,
                                       "BankTransfer": BankTransfer}


def _validator(definition: str | None = None) -> jsonschema.protocols.Validator:
    schema = SCHEMA if definition is None else {"$schema": SCHEMA["$schema"], "$defs": SCHEMA["$defs"],
                                                "$ref": f"#/$defs/{definition}"}
    return jsonschema.Draft202012Validator(schema)


VALIDATORS = {name: _validator(name) for name in VALUE_OBJECTS}
DOCUMENT = _validator()


def _document(dataset: Dataset) -> dict[str, Any]:
    """A dataset written in the dialect by the converter, record by record."""
    return {"year": 2023, "units": converter.unstructure(list(dataset.units)),
            "filings": converter.unstructure(list(dataset.filings)),
            "orders": converter.unstructure(list(dataset.orders)),
            "transfers": converter.unstructure(list(dataset.transfers))}


def test_the_shipped_schema_is_the_generated_one() -> None:
    from importlib.resources import files

    shipped = files("poverty_procurement.data").joinpath("dataset.schema.json").read_text(encoding="utf-8")
    assert shipped == render_json_schema(), (
        "regenerate it: python -c \"from poverty_procurement.dialect import render_json_schema as r; "
        "open('src/poverty_procurement/data/dataset.schema.json', 'w', encoding='utf-8').write(r())\"")
    assert json_schema() == generate_json_schema()
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_schema_is_published_in_the_docs() -> None:
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs"
    page = (docs / "dataset-schema.md").read_text(encoding="utf-8")
    assert "../src/poverty_procurement/data/dataset.schema.json" in page


@given(st.from_type(BudgetUnit), st.from_type(Filing), st.from_type(Order), st.from_type(BankTransfer))
def test_the_schema_validates_every_converter_output(unit: BudgetUnit, filing: Filing, order: Order,
                                                     transfer: BankTransfer) -> None:
    for name, value in (("BudgetUnit", unit), ("Filing", filing), ("Order", order), ("BankTransfer", transfer)):
        data = json.loads(json.dumps(converter.unstructure(value)))
        VALIDATORS[name].validate(data)
        assert converter.structure(data, VALUE_OBJECTS[name]) == value


@given(datasets())
def test_a_dataset_written_by_the_converter_is_read_by_the_command_lines_reader(dataset: Dataset) -> None:
    document = _document(dataset)
    DOCUMENT.validate(document)
    again = parse_json(json.dumps(document, ensure_ascii=False))
    assert again.errors == ()
    assert (again.units, again.filings, again.orders, again.transfers) == (
        dataset.units, dataset.filings, dataset.orders, dataset.transfers)


@given(dataset_documents())
def test_every_valid_data_file_is_valid_under_the_schema(document: dict[str, Any]) -> None:
    assert parse_json(json.dumps(document, ensure_ascii=False)).errors == ()
    DOCUMENT.validate(document)


def test_the_sample_and_the_examples_are_valid_under_the_schema() -> None:
    from importlib.resources import files

    sample = json.loads(files("poverty_procurement.data").joinpath("sample/guangdong-department-2023.json")
                        .read_text(encoding="utf-8"))
    DOCUMENT.validate(sample)
    DOCUMENT.validate(_document(sample_dataset()))


def test_filings_with_their_units_inline_join_the_units() -> None:
    data = sample_dataset()
    inline = {"year": 2023, "filings": converter.unstructure(list(data.filings))}
    read = parse_json(json.dumps(inline, ensure_ascii=False))
    assert read.errors == ()
    assert read.filings == data.filings
    assert {u.code for u in read.units} == {f.unit.code for f in data.filings}


def test_an_inline_unit_that_contradicts_the_listed_one_is_a_row_error() -> None:
    document = {"units": [{"code": "D1", "name": "某厅", "province": "广东"}],
                "filings": [{"unit": {"code": "D1", "name": "某厅", "province": "粤"}, "year": 2023,
                             "arrangement": "none", "remark": "无食堂"},
                            {"unit": {"code": "D1", "name": "另一个厅", "province": "广东"}, "year": 2024,
                             "arrangement": "none", "remark": "无食堂"}]}
    read = parse_json(json.dumps(document, ensure_ascii=False))
    assert [f.year for f in read.filings] == [2023]
    (error,) = read.errors
    assert (error.source, error.row_number, error.field) == ("filings", 2, "unit")
    assert "与单位表中同一代码的单位不一致" in error.message


# --- the schema rejects what structure rejects ----------------------------------------------------------------

_WRONG_TYPES = (1.5, [1], {"x": 1}, True, "OWN", "1,000", "1e3", "-1", "1.005", "火星")


def _mutations(draw: st.DrawFn, data: dict[str, Any], required: list[str]) -> dict[str, Any]:
    mutated = copy.deepcopy(data)
    kind = draw(st.sampled_from(["drop", "extra", "wrong"]))
    if kind == "drop":
        del mutated[draw(st.sampled_from(required))]
    elif kind == "extra":
        mutated[draw(st.sampled_from(["colour", "contact", "union", "settlement_account", "_claimed_share"]))] = "x"
    else:
        key = draw(st.sampled_from(sorted(mutated)))
        mutated[key] = draw(st.sampled_from([bad for bad in _WRONG_TYPES if _refused(key, bad)]))
    return mutated


def _refused(key: str, bad: object) -> bool:
    """Whether ``bad`` is structurally wrong for ``key`` (not, e.g., a valid text for a free-text field)."""
    free_text = {"name", "code", "superior", "remark", "union_remark", "contact_name", "contact_mobile",
                 "contact_landline", "executing_entity", "number", "buyer_unit", "supplier", "account_number", "bank",
                 "bank_code", "origin_county", "account_holder", "payment_code", "transaction_id", "payer_name",
                 "payer_account", "payee_account", "memo"}
    if key in free_text:
        return not isinstance(bad, str)
    if key in {"has_union_need", "voucher_redemption"}:
        return not isinstance(bad, bool)
    return True


@st.composite
def _broken(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    name = draw(st.sampled_from(sorted(VALUE_OBJECTS)))
    value = draw(st.from_type(VALUE_OBJECTS[name]))
    data = json.loads(json.dumps(converter.unstructure(value)))
    return name, _mutations(draw, data, SCHEMA["$defs"][name]["required"])


@given(_broken())
def test_the_schema_rejects_what_structure_rejects(case: tuple[str, dict[str, Any]]) -> None:
    name, data = case
    with pytest.raises(StructureError):
        converter.structure(data, VALUE_OBJECTS[name])
    assert not VALIDATORS[name].is_valid(data), data


@pytest.mark.parametrize(("name", "data"), [
    ("BudgetUnit", {"code": "D1", "name": "某厅", "province": {"code": "440000", "colour": "red"}}),
    ("BudgetUnit", {"code": "D1", "name": "某厅", "province": 99}),
    ("BudgetUnit", {"code": "D1", "name": "某厅"}),
    ("Filing", {"unit": "D1", "year": 2023, "arrangement": "none"}),
])
def test_the_schema_and_the_converter_refuse_these_alike(name: str, data: dict[str, Any]) -> None:
    with pytest.raises(StructureError):
        converter.structure(data, VALUE_OBJECTS[name])
    assert not VALIDATORS[name].is_valid(data)


def _sample_records() -> tuple[dict[str, Any], dict[str, Any]]:
    data = sample_dataset()
    filing = next(f for f in data.filings if f.union is not None)
    return converter.unstructure(filing), converter.unstructure(data.orders[0])


def test_a_union_remark_without_union_figures_is_the_no_union_need_remark() -> None:
    """附件2 一、第四步: 选择“否”，需“备注”有关情况 — the same column, read as the reason (issue 16)."""
    filing_record, _ = _sample_records()
    record = {**filing_record, "union_total": None, "union_ratio": None, "has_union_need": False,
              "union_remark": "本单位无工会采购需求"}
    filing = converter.structure(record, Filing)
    assert (filing.union, filing.has_union_need, filing.union_remark) == (None, False, "本单位无工会采购需求")
    assert converter.unstructure(filing)["union_remark"] == "本单位无工会采购需求"


@pytest.mark.parametrize(("kind", "change", "path", "words"), [
    ("filing", {"union_ratio": None}, "$.union_total", "工会采购总额和工会采购预留比例须同时填写"),
    ("filing", {"union_ratio": "120"}, "$.union_ratio", "0"),
    ("filing", {"contact_name": None, "contact_mobile": None, "contact_landline": "12"}, "$.contact_name", "联系人"),
    ("filing", {"contact_name": "张三", "contact_mobile": "12"}, "$.contact_mobile", "手机号码"),
    ("filing", {"remark": "x" * 300}, "$.remark", "备注"),
    ("order", {"account_number": "12"}, "$.account_number", "银行账号"),
    ("order", {"bank_code": "1"}, "$.bank_code", "联行号"),
    ("order", {"account_holder": " "}, "$.account_holder", ""),
    ("order", {"amount": "0"}, "$.amount", ""),
    ("order", {"number": "XD1"}, "$.number", "订单号"),
])
def test_a_records_constructor_errors_are_reported_at_its_key(kind: str, change: dict[str, Any], path: str,
                                                              words: str) -> None:
    filing, order = _sample_records()
    data, cls = ({**filing, **change}, Filing) if kind == "filing" else ({**order, **change}, Order)
    with pytest.raises(StructureError) as raised:
        converter.structure(data, cls)
    ((where, message),) = raised.value.errors
    assert where == path
    assert words in message


def test_an_inline_unit_with_an_unknown_province_is_compared_as_written() -> None:
    document = {"units": [{"code": "D1", "name": "某厅", "province": "火星"}],
                "filings": [{"unit": {"code": "D1", "name": "某厅", "province": "火星"}, "year": 2023,
                             "arrangement": "none", "remark": "无食堂"}]}
    read = parse_json(json.dumps(document, ensure_ascii=False))
    # the unit's own error, and the filing's of a unit not read; no contradiction reported
    assert sorted((e.source, e.field) for e in read.errors) == [("filings", "unit"), ("units", "province")]
