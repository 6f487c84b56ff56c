"""备注识别 — what the platform reads in a filing's remark: 无食堂, 共用XX单位食堂, or nothing.

Sources: 粤财采购〔2023〕2号 二（一）: a unit without a canteen "应在填报信息时在备注栏注明“无食堂”
（不可注明为“无饭堂”或其他文字，否则系统无法识别）"; 财办库〔2023〕45号 第二条 ("在系统中注明“无食堂”");
二（三）2: units sharing a canteen other than the representative note "共用 XX 单位食堂".

What is accepted (the safest reading — the platform "无法识别" anything else, so the library
normalises **nothing** before recognising a remark):

* **no canteen**: the remark is exactly the three characters ``无食堂`` — no surrounding or
  inner spaces, no punctuation, no full-width or traditional variants, nothing before or after.
* **shared canteen** (Guangdong wording): ``共用`` + the host (representative) unit's name +
  ``食堂``, with no whitespace anywhere, e.g. ``共用广东省财政厅食堂``. The notice's "XX 单位" is
  read as the placeholder for the host's name ("XX单位" = "such-and-such unit"; the spaces are
  the printed notice's typesetting): a literal ``单位`` before ``食堂`` is also accepted and is not
  part of the host's name (``共用广东省财政厅单位食堂`` names 广东省财政厅). The host must be a real
  name (:func:`host_is_name`): at least one letter or ideograph, no invisible or control
  character (zero-width, BOM, word joiner, bidi controls), no edge whitespace, and not a
  placeholder (``共用XX单位食堂``, ``共用本单位食堂``, ``共用某单位食堂``); otherwise the remark is a
  near-miss, with the exact text to write when the name can be recovered (invisible characters
  removed), exactly as for 无食堂.
* **anything else** is ``OTHER``. Near-misses — the same meaning in other words or forms
  (无饭堂, 没有食堂, 无食堂。, 无 食 堂, 無食堂, full-width or spaced text, 共用 … 食堂 with
  spaces, other provinces' wordings) — are reported with the exact text to write instead where
  it can be derived.

Wordings are data per jurisdiction (:func:`remark_wording`): Guangdong's (the notice's) is the
default for every province without its own; Shanxi's platform FAQ (2022) asks sharing units for
"共用食堂,由XX填报" instead (a secondary source, confidence "good"). A jurisdiction-year's own
wording from a policy table (``shared_canteen_remark``, e.g. 广西 2024
"与XX单位共用食堂,由XX单位预留份额并实施采购" written ``与{host}共用食堂,由{host}预留份额并实施采购``) is
accepted beside it when :func:`classify_remark` is given the ``year`` (and ``policy``): every
``{host}`` must name the same host, exactly as written, with no whitespace
(:func:`local_remark_wording`). Remarks are bounded to
:data:`~poverty_procurement.model.filing.MAX_FILING_REMARK_LENGTH` characters, the
same bound a :class:`~poverty_procurement.model.filing.Filing` puts on its remark.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import attrs

from ...citation import Citation
from ...conventions import LabelledEnum
from ...errors import InvalidRemark, UnsupportedType
from ...jurisdictions import Province, resolve_province
from ...model.filing import MAX_FILING_REMARK_LENGTH, Filing
from ..policy.local_rules import shared_canteen_rule
from ..policy.table import LocalRules, PolicyTable

__all__ = [
    "NO_CANTEEN_REMARK",
    "RemarkKind",
    "RemarkReading",
    "RemarkWording",
    "classify_remark",
    "filing_wording",
    "host_is_name",
    "local_remark_wording",
    "read_remark",
    "remark_wording",
]

#: The only text the platform reads as "no canteen" (粤财采购〔2023〕2号 二（一）).
NO_CANTEEN_REMARK = "无食堂"

_PLACEHOLDERS = frozenset({"XX", "xx", "Xx", "ＸＸ", "ｘｘ", "××", "X", "x", "Ｘ", "ｘ", "×", "某", "某某", "某单位",
                           "某某单位", "单位", "本单位", "本", "XX单位", "xx单位", "代表单位", "…", "……"})


class RemarkKind(LabelledEnum):
    """备注含义 — what the platform reads in a remark."""

    #: exactly 无食堂
    NO_CANTEEN = ("no-canteen", "无食堂")
    #: 共用XX单位食堂 with the host named
    SHARED_CANTEEN = ("shared-canteen", "共用食堂")
    #: anything else (free text, empty, or a near-miss the platform will not recognise)
    OTHER = ("other", "其他")


@attrs.frozen
class RemarkWording:
    """备注写法 — the wordings one jurisdiction prescribes, with their source.

    ``shared_pattern`` is a regular expression with a named group ``host`` matched against the
    whole remark; ``shared_template`` writes the remark for a host (``{host}``).
    """

    jurisdiction: str
    no_canteen: str
    shared_pattern: re.Pattern[str]
    shared_template: str
    citation: Citation
    shared_citation: Citation


_NOTICE = RemarkWording(
    jurisdiction="440000",
    no_canteen=NO_CANTEEN_REMARK,
    shared_pattern=re.compile(r"共用(?P<host>\S+?)(?:单位)?食堂"),
    shared_template="共用{host}食堂",
    citation=Citation("粤财采购〔2023〕2号", "二（一）",
                      "在备注栏注明“无食堂”（不可注明为“无饭堂”或其他文字，否则系统无法识别）"),
    shared_citation=Citation("粤财采购〔2023〕2号", "二（三）2", "在备注栏注明“共用 XX 单位食堂”"),
)
_SHANXI = RemarkWording(
    jurisdiction="140000",
    no_canteen=NO_CANTEEN_REMARK,
    shared_pattern=re.compile(r"共用食堂[,，]由(?P<host>\S+?)填报"),
    shared_template="共用食堂,由{host}填报",
    citation=Citation("财办库〔2023〕45号", "第二条", "对无食堂的预算单位，应要求其在系统中注明“无食堂”",
                      source="粤财采购〔2023〕2号 附件1"),
    shared_citation=Citation("山西省 832 平台常见问题（2022）", "", "共用食堂,由XX填报",
                             source="网址未记录 (address not recorded)", confidence="good"),
)
_WORDINGS = {wording.jurisdiction: wording for wording in (_NOTICE, _SHANXI)}


def remark_wording(province: Province | str | int | None = None) -> RemarkWording:
    """备注写法 — the remark wordings for ``province`` (the notice's for any without its own).

    >>> remark_wording("广东").shared_template
    '共用{host}食堂'
    >>> remark_wording("山西").shared_template
    '共用食堂,由{host}填报'
    >>> remark_wording("湖南").jurisdiction
    '440000'
    """
    if province is None:
        return _NOTICE
    return _WORDINGS.get(resolve_province(province).code, _NOTICE)


@functools.lru_cache(maxsize=256)
def local_remark_wording(rule: LocalRules) -> RemarkWording | None:
    """本地共用食堂备注写法 — ``rule``'s own shared-canteen wording as a :class:`RemarkWording`, or None
    when the rule gives none (广西 2024 "与XX单位共用食堂,由XX单位预留份额并实施采购").

    Every ``{host}`` of the template is the representative unit's name, the same at each place
    (one name, no whitespace); the rest is matched literally. The no-canteen text stays 无食堂.

    >>> from poverty_procurement.policy import load_policy_table
    >>> table = load_policy_table({"local_rules": [{"jurisdiction": "广西", "year": 2026,
    ...     "shared_canteen_remark": "与{host}共用食堂,由{host}预留份额并实施采购",
    ...     "citation": {"document": "桂财采〔2026〕X号（示例）"}}]})
    >>> wording = local_remark_wording(table.local_rules["450000", 2026])
    >>> wording.shared_pattern.fullmatch("与广西区财政厅共用食堂,由广西区财政厅预留份额并实施采购")["host"]
    '广西区财政厅'
    """
    if not isinstance(rule, LocalRules):
        raise UnsupportedType("rule", f"需要 LocalRules，收到 {type(rule).__name__}",
                              f"expected LocalRules, got {type(rule).__name__}")
    template = rule.shared_canteen_remark
    if template is None:
        return None
    parts = [re.escape(part) for part in template.split("{host}")]
    pattern = parts[0] + r"(?P<host>\S+?)" + "(?P=host)".join(parts[1:])
    return RemarkWording(rule.jurisdiction, NO_CANTEEN_REMARK, re.compile(pattern), template,
                         _NOTICE.citation, rule.citation)


@functools.lru_cache(maxsize=1024)
def _shipped_wording(year: int, province_code: str, locality: str | None) -> RemarkWording | None:
    rule = shared_canteen_rule(year, province_code, locality=locality)
    return None if rule is None else local_remark_wording(rule)


def filing_wording(filing: Filing, policy: PolicyTable | None = None) -> RemarkWording | None:
    """本地共用食堂备注写法（按填报） — the own shared-canteen wording of ``filing``'s jurisdiction-year in
    ``policy`` (default: the shipped table; the unit placed in its city or county by the table),
    or None (广西 2024 "与XX单位共用食堂,由XX单位预留份额并实施采购")."""
    if policy is None:
        return _shipped_wording(filing.year, filing.unit.province.code, None)
    rule = shared_canteen_rule(filing.year, filing.unit.province, locality=policy.locality_of(filing.unit.code),
                               policy=policy)
    return None if rule is None else local_remark_wording(rule)


def _loose_hosts(wording: RemarkWording, text: str) -> tuple[str, ...] | None:
    """The names at each ``{host}`` when ``text`` has the template's shape but different names there."""
    parts = [re.escape(part) for part in wording.shared_template.split("{host}")]
    if len(parts) < 3:
        return None
    found = re.fullmatch(r"(\S+?)".join(parts), text)
    return None if found is None else tuple(found.groups())


@attrs.frozen
class RemarkReading:
    """备注识别结果 — the platform's reading of a remark, and what to write if it is a near-miss.

    ``kind`` is what the platform recognises; ``host`` the host unit named by a shared-canteen
    remark; ``near_miss`` the meaning the writer evidently intended when the platform will not
    recognise it; ``suggestion`` the exact text to write instead (``None`` when it cannot be
    derived, e.g. the host's name is missing); ``advice`` says so in Chinese.
    """

    text: str
    kind: RemarkKind
    host: str | None = None
    near_miss: RemarkKind | None = None
    suggestion: str | None = None
    advice: str = ""
    citation: Citation | None = None

    @property
    def recognised(self) -> bool:
        """True when the platform reads the remark as 无食堂 or as a shared canteen."""
        return self.kind is not RemarkKind.OTHER


_EMPTY = RemarkReading("", RemarkKind.OTHER)
_TRADITIONAL = str.maketrans({"無": "无", "飯": "饭", "沒": "没", "單": "单", "與": "与", "設": "设",
                              "暫": "暂", "廳": "厅", "報": "报", "廰": "厅"})
_NEGATIONS = ("无", "没有", "没", "未设", "未设置", "不设", "暂无", "不存在", "未开设", "未建")
_CANTEEN_WORDS = ("食堂", "饭堂", "餐厅", "伙房", "职工餐厅")
_SHARED_MARKERS = ("共用", "共享", "合用", "共同使用", "公用", "共餐")
_BARE_NEGATIONS = frozenset({"无", "没有", "否", "不适用", "暂无"})
_LOOSE_HOST = re.compile(r"(?:共用|共享|合用|共同使用|公用)(?:食堂由)?(?P<host>.+?)(?:单位)?(?:的)?(?:食堂|饭堂|餐厅)")
_HOST_BY = re.compile(r"由(?P<host>.+?)(?:单位)?(?:代表)?填报")
_HOST_WITH = re.compile(r"(?:与|和|同)(?P<host>.+?)(?:单位)?(?:共用|共享|合用)")


def _squeeze(text: str) -> str:
    """Whitespace removed, traditional characters mapped, outer punctuation stripped."""
    squeezed = "".join(ch for ch in "".join(text.split()) if not _invisible(ch)).translate(_TRADITIONAL)
    while squeezed and unicodedata.category(squeezed[0])[0] in "PZC":
        squeezed = squeezed[1:]
    while squeezed and unicodedata.category(squeezed[-1])[0] in "PZC":
        squeezed = squeezed[:-1]
    return squeezed


def _bare(text: str) -> str:
    """NFKC, no whitespace, punctuation, symbols or controls, traditional characters mapped."""
    folded = unicodedata.normalize("NFKC", text).translate(_TRADITIONAL)
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] not in "PZCS")


def _invisible(ch: str) -> bool:
    """Format, control, private-use, surrogate or unassigned: zero-width space/joiners, BOM,
    word joiner, bidi controls and the like — characters a reader cannot see."""
    return unicodedata.category(ch)[0] == "C"


def host_is_name(host: str) -> bool:
    """代表单位名称是否有效 — True when ``host`` can be a unit's name in 共用XX单位食堂.

    粤财采购〔2023〕2号 二（三）2: XX is the representative unit that "作为代表填报预留份额", so XX must
    name it: at least one letter or ideograph (Unicode category L), no invisible or control
    character (zero-width, BOM, word joiner, bidi controls — the platform "无法识别" them, as for
    无食堂 in 二（一）), no whitespace at either edge, and not a generic placeholder (XX, X, 某单位,
    本单位 …).

    >>> host_is_name("广东省财政厅"), host_is_name("XX"), host_is_name("。。"), host_is_name("财政\u200b厅")
    (True, False, False, False)
    """
    if not isinstance(host, str):
        raise UnsupportedType("host", f"代表单位名称须为文本，收到 {type(host).__name__}",
                              f"the host's name must be a str, got {type(host).__name__}")
    if not host or host != host.strip() or host in _PLACEHOLDERS or host.upper().startswith("XX"):
        return False
    if any(_invisible(ch) for ch in host):
        return False
    return any(unicodedata.category(ch)[0] == "L" for ch in host)


def classify_remark(text: str, province: Province | str | int | None = None, *, year: int | None = None,
                    locality: str | None = None, policy: PolicyTable | None = None) -> RemarkReading:
    """备注识别 — what the platform reads in ``text``: 无食堂, 共用XX单位食堂 (or its own wording), or other.

    Only the exact wordings count (see the module docstring); near-misses come back as
    ``OTHER`` with ``near_miss`` and the exact ``suggestion``. ``province`` selects the
    jurisdiction's wording (default: the notice's). With ``year``, the jurisdiction-year's own
    shared-canteen wording of ``policy`` (default: the shipped table; ``locality`` places the
    unit in a city or county) is accepted too, and named in the suggestion. Cites 粤财采购〔2023〕2号
    二（一）, 二（三）2, and the local notice for its own wording.

    >>> classify_remark("无食堂").kind
    <RemarkKind.NO_CANTEEN: 'no-canteen'>
    >>> reading = classify_remark("共用广东省财政厅食堂")
    >>> reading.kind.value, reading.host
    ('shared-canteen', '广东省财政厅')
    >>> classify_remark("共用广东省财政厅单位食堂").host
    '广东省财政厅'
    >>> miss = classify_remark("无饭堂")
    >>> miss.kind.value, miss.near_miss.value, miss.suggestion
    ('other', 'no-canteen', '无食堂')
    >>> classify_remark("共用 广东省财政厅 食堂").suggestion
    '共用广东省财政厅食堂'
    >>> classify_remark("共用XX单位食堂").host is None
    True
    """
    local = None
    if year is not None:
        rule = shared_canteen_rule(year, province, locality=locality, policy=policy)
        local = None if rule is None else local_remark_wording(rule)
    elif policy is not None or locality is not None:
        raise UnsupportedType("year", "给出 policy 或 locality 时须同时给出年度 year",
                              "give the year with policy or locality")
    return read_remark(text, province, local)


def read_remark(text: str, province: Province | str | int | None, local: RemarkWording | None) -> RemarkReading:
    """备注识别（已定写法） — :func:`classify_remark` with the jurisdiction-year's own wording ``local`` already found
    (粤财采购〔2023〕2号 二（一）, 二（三）2): ``local`` first, then the province's wording."""
    if not isinstance(text, str):
        raise UnsupportedType("remark", f"备注须为文本，收到 {type(text).__name__}",
                              f"a remark is a str, got {type(text).__name__}")
    if len(text) > MAX_FILING_REMARK_LENGTH:
        raise InvalidRemark("remark", f"备注过长（最多 {MAX_FILING_REMARK_LENGTH} 个字符）",
                            f"the remark is too long (at most {MAX_FILING_REMARK_LENGTH} characters)")
    if not text:
        return _EMPTY
    wording = remark_wording(province)
    if text == wording.no_canteen:
        return RemarkReading(text, RemarkKind.NO_CANTEEN, citation=wording.citation)
    for candidate in (wording,) if local is None else (local, wording):
        match = candidate.shared_pattern.fullmatch(text)
        if match is not None and host_is_name(match["host"]):
            return RemarkReading(text, RemarkKind.SHARED_CANTEEN, host=match["host"],
                                 citation=candidate.shared_citation)
    if local is not None:
        hosts = _loose_hosts(local, text)
        if hosts is not None and len(set(hosts)) > 1:
            return RemarkReading(
                text, RemarkKind.OTHER, near_miss=RemarkKind.SHARED_CANTEEN,
                advice=f"备注中的代表单位前后不一致（{'、'.join(dict.fromkeys(hosts))}）：按"
                       f"“{local.shared_template.format(host='XX单位')}”写法，每处都写同一个代表单位的名称",
                citation=local.shared_citation)
    return _near_miss(text, wording if local is None else local)


def _near_miss(text: str, wording: RemarkWording) -> RemarkReading:
    bare = _bare(text)
    has_canteen_word = any(word in bare for word in _CANTEEN_WORDS)
    if any(marker in bare for marker in _SHARED_MARKERS) and has_canteen_word:
        squeezed = _squeeze(text)
        found = _HOST_BY.search(squeezed) or _HOST_WITH.search(squeezed) or _LOOSE_HOST.search(squeezed)
        host = found["host"] if found else None
        if host is not None and host_is_name(host):
            suggestion = wording.shared_template.format(host=host)
            return RemarkReading(
                text, RemarkKind.OTHER, near_miss=RemarkKind.SHARED_CANTEEN, suggestion=suggestion,
                advice=f"共用食堂请按规定写法注明，请改为：{suggestion}", citation=wording.shared_citation)
        template = wording.shared_template.format(host="XX单位")
        return RemarkReading(
            text, RemarkKind.OTHER, near_miss=RemarkKind.SHARED_CANTEEN,
            advice=f"共用食堂须写明代表单位名称：{template}（把 XX单位 换成代表单位的名称，不留空格）",
            citation=wording.shared_citation)
    if bare == wording.no_canteen or bare in _BARE_NEGATIONS or (
            has_canteen_word and any(word in bare for word in _NEGATIONS)):
        return RemarkReading(
            text, RemarkKind.OTHER, near_miss=RemarkKind.NO_CANTEEN, suggestion=wording.no_canteen,
            advice=(f"平台只识别“{wording.no_canteen}”三个字（不可写“无饭堂”或其他文字，不加空格、标点），"
                    f"请改为：{wording.no_canteen}"),
            citation=wording.citation)
    return RemarkReading(text, RemarkKind.OTHER)
