"""Provinces: every spelling of a province, the errors naming an unknown one, a duplicate key in the data."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest

from poverty_procurement import Province, jurisdictions, resolve_province
from poverty_procurement.errors import PolicyDataError, PovertyProcurementError, UnknownProvince, UnsupportedType
from poverty_procurement.policy import provinces
from support import told

pytestmark = pytest.mark.mutation
Case = tuple[str, Callable[[], object], type[PovertyProcurementError], str, str, str]
PROVINCE_CASES: list[Case] = [
    ("province: bool", lambda: resolve_province(True, "unit.province"), UnsupportedType, "unit.province",
     "省份须为名称或代码，收到 bool", "a province is a name or a code, got bool"),
    ("province: None", lambda: resolve_province(None), UnsupportedType, "province",  # type: ignore[arg-type]
     "省份须为名称或代码，收到 NoneType", "a province is a name or a code, got NoneType"),
    ("province: unknown", lambda: resolve_province("火星", "unit.province"), UnknownProvince, "unit.province",
     "未知省份 '火星'，请用“广东省”“广东”“粤”或代码“440000”这样的写法",
     "unknown province '火星'; write it as 广东省, 广东, 粤 or 440000"),
    ("province: unknown code", lambda: resolve_province(990000), UnknownProvince, "province",
     "未知省份 990000，请用“广东省”“广东”“粤”或代码“440000”这样的写法",
     "unknown province 990000; write it as 广东省, 广东, 粤 or 440000"),
]


@pytest.mark.parametrize("case", PROVINCE_CASES, ids=[case[0] for case in PROVINCE_CASES])
def test_province_errors_in_full(case: Case) -> None:
    _, call, error, field, zh, en = case
    assert told(call, error) == (field, zh, en)


def test_provinces_by_every_spelling() -> None:
    guangdong = Province("440000", "广东省", "广东")
    for spelling in ("广东", "广东省", "440000", "44", 440000, 44, " ４４００００ ", "\u3000广东\u3000"):
        assert resolve_province(spelling) == guangdong
    assert resolve_province(guangdong) is guangdong
    assert str(guangdong) == "广东省"
    all_provinces = provinces()
    assert len(all_provinces) == 31
    assert all_provinces[0] == Province("110000", "北京市", "北京")
    assert all_provinces[-1].code == "650000"
    assert [p.code for p in all_provinces] == sorted(p.code for p in all_provinces)


@pytest.fixture
def fresh_province_table() -> Iterator[None]:
    jurisdictions._table.cache_clear()
    yield
    jurisdictions._table.cache_clear()


@pytest.mark.parametrize(
    ("rows", "key"),
    [
        ([["440000", "广东省", "广东"], ["440000", "广西", "广西"]], "440000"),
        ([["440000", "广东省", "广东"], ["449999", "东省", "东"]], "44"),
        ([["440000", "广东省", "广东"], ["450000", "广东省", "桂"]], "广东省"),
        ([["440000", "广东省", "广东"], ["450000", "广西壮族自治区", "广东"]], "广东"),
    ],
)
def test_a_duplicate_province_key_in_the_data_is_rejected(
    rows: list[list[str]], key: str, fresh_province_table: None, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(jurisdictions, "read_text", lambda name: json.dumps({"provinces": rows}))
    with pytest.raises(PolicyDataError) as raised:
        resolve_province("广东")
    assert (raised.value.field, raised.value.zh, raised.value.en) == (
        "provinces.json", f"重复的省份键 {key}", f"duplicate key {key}")
