"""中文搜索 — Chinese search that finds the words analysts type, in the browser.

Sphinx's own ``zh`` search language segments the *index* with jieba but leaves the *query* whole:
``无食堂`` is looked up as one term while the index holds ``食堂`` (jieba's dictionary does not know
the platform's words), so most phrases find nothing. Sphinx 9.0 also writes
``window.Stemmer = ChineseStemmer;`` into ``language_data.js``, a class that does not exist, so
every search stops with a ``ReferenceError`` (fixed upstream after 9.0.4). This extension
registers its own ``zh`` search language that

* teaches jieba the domain's words (:data:`DOMAIN_TERMS`) and every county name of the shipped
  data, so each is one index term (jieba's search mode still adds the shorter words inside it);
* names the English stemmer class that ``english-stemmer.js`` really defines (Latin words are
  stemmed with the English Snowball stemmer on both sides, as Sphinx does);
* replaces the query splitter: a run of Chinese characters is cut by forward maximum matching
  against the terms *of the index itself*, so the query is segmented the way the pages were;
  pieces the index does not know are dropped unless nothing is left.

>>> {"无食堂", "付款识别码", "重点帮扶县"} <= segmentation_terms()
True
>>> "罗城仫佬族自治县" in county_terms() and "西林县" in county_terms()
True
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from sphinx.search.zh import SearchChinese

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["DOMAIN_TERMS", "JS_SPLITTER", "SearchChineseSegmented", "county_terms", "segmentation_terms", "setup"]

#: Words of the 832 rules that jieba's dictionary cuts apart; each becomes one index term.
DOMAIN_TERMS = (
    "无食堂", "无饭堂", "有食堂", "自有食堂", "共用食堂", "外包食堂",
    "预留份额", "预留比例", "最低预留比例", "工会采购预留比例", "付款识别码", "货款确认", "人工确认",
    "重点帮扶县", "对接帮扶县", "乡村振兴重点帮扶县", "脱贫县", "脱贫地区", "帮扶城市",
    "食堂食材", "采购总额", "农副产品", "预算单位", "主管预算单位", "填报截止", "832平台",
)

#: The query splitter, written into ``language_data.js`` after ``searchtools.js`` (which only
#: defines its default ``splitQuery`` when none exists, so this assignment replaces it).
JS_SPLITTER = r"""
splitQuery = function (query) {
  const index = typeof Search !== "undefined" ? Search._index : null;
  const has = (o, t) => o !== undefined && o !== null && Object.prototype.hasOwnProperty.call(o, t);
  const known = (t) => index !== null && (has(index.terms, t) || has(index.titleterms, t));
  const out = [];
  query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu).forEach((piece) => {
    piece.split(/(\p{Script=Han}+)/u).forEach((run) => {
      if (!run) return;
      if (!/^\p{Script=Han}+$/u.test(run)) { out.push(run); return; }
      const found = [];
      let i = 0;
      while (i < run.length) {
        let j = run.length;
        while (j > i + 1 && !known(run.slice(i, j))) j -= 1;
        if (j > i + 1) { found.push(run.slice(i, j)); i = j; } else { i += 1; }
      }
      out.push(...(found.length ? found : [run]));
    });
  });
  return out;
};
"""


@functools.cache
def county_terms() -> frozenset[str]:
    """Every county name of the shipped data: today's name, the printed and listed names."""
    from poverty_procurement.rules.counties.lookup import paired_counties, poverty_counties

    names: set[str] = set()
    for paired in paired_counties():
        names.update((paired.name, paired.printed_name, paired.prefecture))
    for county in poverty_counties():
        names.add(county.name)
        names.update(county.listed_as)
    return frozenset(name for name in names if len(name) > 1)


def segmentation_terms() -> frozenset[str]:
    """The domain's words (without the county names)."""
    return frozenset(DOMAIN_TERMS)


class SearchChineseSegmented(SearchChinese):
    """Sphinx's ``zh`` search with the domain's words, a working stemmer and a segmenting query."""

    # english-stemmer.js defines EnglishStemmer; Sphinx <= 9.0.4 derives "ChineseStemmer" from this.
    language_name = "English"
    js_splitter_code = JS_SPLITTER

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        import jieba  # type: ignore[import-untyped]

        for word in sorted(segmentation_terms() | county_terms()):
            jieba.add_word(word)


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx entry point."""
    app.add_search_language(SearchChineseSegmented)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
