"""The documentation site in a real browser: Debian's headless chromium, driven through chromedriver.

What ``sphinx-build -W`` cannot see: that search returns (a JavaScript error left every query on
"正在搜索中"), that the phrases analysts type find their page, that no page logs a console error,
and that the county and ratio tables read on a 390 px phone and a 1280 px desktop.

The site comes from ``$DOCS_HTML`` (``scripts/check.sh`` builds it first and sets it) or is built
here. Without chromium and chromedriver the module is skipped, unless ``$DOCS_BROWSER=required``
(set by the check, which installs them with apt) makes that a failure. Screenshots of the key
pages are saved next to the site, in ``<site>/../screenshots/``, for review.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

#: (what an analyst types, a page that must be among the results)
QUERIES = [
    ("无食堂", "rules/remarks"),
    ("无饭堂", "rules/remarks"),
    ("备注 无食堂", "rules/remarks"),
    ("预留份额", "rules/share"),
    ("预留份额怎么算", "rules/share"),
    ("预留比例", "rules/minimum-ratios"),
    ("最低预留比例", "rules/minimum-ratios"),
    ("付款识别码", "rules/payments"),
    ("货款确认", "rules/payments"),
    ("重点帮扶县", "rules/counties"),
    ("罗城仫佬族自治县", "rules/counties"),
    ("西林县", "rules/counties"),
    ("威宁", "rules/counties"),
    ("compute_share", "dev/api"),
    ("minimum_ratio", "dev/api"),
    ("extract_payment_codes", "dev/api"),
]

#: Pages whose tables are measured at both widths: the county lists and the ratio table.
TABLE_PAGES = ["rules/counties", "rules/minimum-ratios"]
WIDTHS = [390, 1280]
#: A "word" here is a run without spaces or Chinese punctuation (CJK typography breaks before 〔 too)
#: of at most this many characters (a county name, a code, a label); longer runs are sentences (the
#: quoted notice text) and may wrap.
LONGEST_WORD = 12


def _browser_required() -> bool:
    return os.environ.get("DOCS_BROWSER") == "required"


def _site() -> Path:
    given = os.environ.get("DOCS_HTML")
    if given:
        path = Path(given)
        assert (path / "index.html").is_file(), f"DOCS_HTML={given} holds no built site"
        return path
    out = Path(tempfile.mkdtemp(prefix="docs-browser-")) / "html"
    subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(ROOT / "docs"), str(out)], check=True)
    return out


@pytest.fixture(scope="module")
def site() -> Path:
    return _site()


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        if _browser_required():
            pytest.fail("DOCS_BROWSER=required but /usr/bin/chromium or /usr/bin/chromedriver is missing "
                        "(apt-get install -y chromium chromium-driver)")
        pytest.skip("chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="docs-browser-profile-")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1280,900"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=str(CHROMEDRIVER))
    browser = webdriver.Chrome(options=options, service=service)
    browser.set_page_load_timeout(60)
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _severe(driver: Any) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def _wait(driver: Any, script: str, timeout: float = 30) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(lambda d: d.execute_script(script))


def _search(driver: Any, base_url: str, query: str) -> list[str]:
    """The pages (docnames) a search for ``query`` lists, after it has finished."""
    driver.get(base_url + "search.html?" + urllib.parse.urlencode({"q": query}))
    # searchtools.js fills .search-summary when the search is over (found or not).
    _wait(driver, "const s = document.querySelector('#search-results .search-summary');"
                  "return s !== null && s.innerText.trim().length > 0;")
    links = driver.execute_script(
        "return [...document.querySelectorAll('#search-results ul.search li > a')].map(a => a.getAttribute('href'));")
    return [re.sub(r"\.html.*$", "", link) for link in links]


def test_analyst_queries_find_their_pages(driver: Any, base_url: str) -> None:
    missing = {}
    for query, page in QUERIES:
        found = _search(driver, base_url, query)
        if page not in found:
            missing[query] = (page, found)
    assert not missing, f"queries that did not find their page (expected, found): {missing}"
    assert _severe(driver) == []


def _pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html")
                  if not str(p.relative_to(site)).startswith(("_modules", "_static", "_sources")))


def test_every_page_loads_without_console_errors(driver: Any, base_url: str, site: Path) -> None:
    driver.set_window_size(1280, 900)
    errors: dict[str, list[str]] = {}
    pages = _pages(site)
    assert len(pages) > 20
    for page in pages:
        driver.get(base_url + page)
        _wait(driver, "return document.readyState === 'complete';")
        if found := _severe(driver):
            errors[page] = found
    assert errors == {}


#: For every table: does it fit, or scroll inside its own box? Is any cell narrower than its
#: longest word? Returns a list of problems (strings), empty when all is well.
_MEASURE_TABLES = r"""
const longest = arguments[0];
const canvas = document.createElement('canvas').getContext('2d');
const problems = [];
const page = document.documentElement;
if (page.scrollWidth > window.innerWidth + 1) {
  problems.push(`the page scrolls sideways: ${page.scrollWidth} > ${window.innerWidth}`);
}
document.querySelectorAll('article table').forEach((table, t) => {
  let box = table.parentElement;
  const overflowX = getComputedStyle(box).overflowX;
  const scrollsInBox = (overflowX === 'auto' || overflowX === 'scroll');
  if (table.scrollWidth > box.clientWidth + 1 && !scrollsInBox) {
    problems.push(`table ${t} is wider than its box and the box does not scroll`);
  }
  table.querySelectorAll('th, td').forEach((cell) => {
    const style = getComputedStyle(cell);
    canvas.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const words = cell.innerText.split(/[\s，。；：、（）〔〕“”《》]+/u);
    words.filter((w) => w.length > 0 && w.length <= longest).forEach((word) => {
      const need = canvas.measureText(word).width;
      if (inner + 1 < need) {
        problems.push(`table ${t}: '${word}' needs ${need.toFixed(0)} px, its cell has ${inner.toFixed(0)} px`);
      }
    });
  });
});
return problems;
"""


@pytest.mark.parametrize("width", WIDTHS)
def test_tables_read_on_phone_and_desktop(driver: Any, base_url: str, site: Path, width: int) -> None:
    shots = site.parent / "screenshots"
    shots.mkdir(exist_ok=True)
    driver.set_window_size(width, 900)
    problems: dict[str, list[str]] = {}
    for page in TABLE_PAGES:
        driver.get(base_url + page + ".html")
        _wait(driver, "return document.readyState === 'complete';")
        assert driver.execute_script("return document.querySelectorAll('article table').length;") > 0
        if found := driver.execute_script(_MEASURE_TABLES, LONGEST_WORD):
            problems[page] = found[:5] + ([f"... {len(found) - 5} more"] if len(found) > 5 else [])
        driver.execute_script(  # the widest table (most columns, then most rows), scrolled to without animation
            "const tables = [...document.querySelectorAll('article table')];"
            "const size = (t) => t.rows[0].cells.length * 1000 + t.rows.length;"
            "tables.sort((a, b) => size(b) - size(a));"
            "tables[0].scrollIntoView({behavior: 'instant', block: 'start'});")
        driver.save_screenshot(str(shots / f"{page.replace('/', '-')}-{width}.png"))
    for page in ("index", "search"):
        driver.get(base_url + page + ".html" + ("?q=无食堂" if page == "search" else ""))
        _wait(driver, "return document.readyState === 'complete';")
        driver.save_screenshot(str(shots / f"{page}-{width}.png"))
    assert problems == {}
    assert _severe(driver) == []


def test_county_lists_download_as_csv_and_xlsx(site: Path, base_url: str) -> None:
    import csv
    import io
    import urllib.request

    page = (site / "rules" / "counties.html").read_text(encoding="utf-8")
    links = re.findall(r'href="\.\./(_downloads/[^"]+\.(?:csv|xlsx))"', page)
    names = sorted(Path(link).name for link in links)
    assert names == ["guangdong-paired-counties-2023.csv", "guangdong-paired-counties-2023.xlsx",
                     "poverty-counties-832.csv", "poverty-counties-832.xlsx"]
    for link in links:
        with urllib.request.urlopen(base_url + link) as response:
            body = response.read()
        if link.endswith(".csv"):
            rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
            assert len(rows) - 1 == (99 if "guangdong" in link else 831)
        else:
            assert body[:2] == b"PK"  # an xlsx is a zip file


def test_furo_chrome_speaks_chinese(site: Path) -> None:
    page = (site / "rules" / "share.html").read_text(encoding="utf-8")
    for label in ("回到顶部", "上一页", "下一页", "本页目录"):
        assert label in page
    for english in ("Back to top", ">Next<", ">Previous<", "On this page"):
        assert english not in page
    # the labels furo writes into its templates, translated after the build (docs/_ext/docs_chrome.py)
    for label in ("跳到正文", 'aria-label="显示或隐藏站点导航"', 'aria-label="切换浅色、深色或自动配色"',
                  "<title>浅色</title>", "展开或收起："):
        assert label in page
    for english in ("Skip to content", "Toggle site navigation sidebar", "Toggle Light / Dark / Auto color theme",
                    "<title>Light mode</title>", "Toggle navigation of", ">Copyright<", "Copyright &#169;"):
        assert english not in page
