"""The evidence browser (sino_russian_patrols.site): every page is valid HTML with working
links, every row of events, aircraft and statements is reachable from the index, every
highlight is the verbatim span and leads to the rows it supports, two builds give the same
bytes, and, in a real headless Chromium, two clicks lead from the index to the words behind
South Korea's count of four Tu-95 bombers on 30 November 2022."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sino_russian_patrols.site import build_site, site_files
from sino_russian_patrols.site.highlight import highlighted, span_id
from sino_russian_patrols.site.model import read_rows
from sino_russian_patrols.site.sources import BELOW

ROOT = Path(__file__).resolve().parents[1]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
PATROL = "2022-11-30-joint-air-patrol"


class Page(HTMLParser):
    """One parsed page: its ids (with the text inside each), links, headings and problems."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.ids: dict[str, list[str]] = {}
        self.links: list[tuple[str, str, str]] = []  # (href, text, aria-label)
        self.headings: list[int] = []
        self.html_lang: str | None = None
        self.viewport = False
        self.open_ids: list[tuple[int, str]] = []
        self.open_link: list[list[str]] = []
        self.skip_text = 0  # inside a.ref: the numbers after a highlight, not its words
        self.marks: list[str] = []
        self._link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "meta" and a.get("name") == "viewport":
            self.viewport = "width=device-width" in (a.get("content") or "")
        if tag == "img" and not a.get("alt"):
            self.problems.append("an img without alt text")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag not in VOID:
            self.stack.append(tag)
        if "id" in a:
            ident = a["id"] or ""
            if ident in self.ids:
                self.problems.append(f"id {ident!r} twice")
            self.ids[ident] = []
            if tag not in VOID:
                self.open_ids.append((len(self.stack), ident))
            if tag == "mark":
                self.marks.append(ident)
        if tag == "a":
            self.open_link.append([a.get("href") or "", a.get("aria-label") or ""])
            if "ref" in (a.get("class") or "").split():
                self.skip_text += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        depth = len(self.stack)
        self.stack.pop()
        while self.open_ids and self.open_ids[-1][0] == depth:
            self.open_ids.pop()
        if tag == "a":
            href, label = self.open_link.pop()[:2]
            self.links.append((href, "".join(self._link_text), label))
            self._link_text = []
            if self.skip_text:
                self.skip_text -= 1

    def handle_data(self, data: str) -> None:
        if self.open_link:
            self._link_text = [*self._link_text, data]
        if self.skip_text:
            return
        for _, ident in self.open_ids:
            self.ids[ident].append(data)


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    if page.stack:
        page.problems.append(f"unclosed {page.stack}")
    return page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    build_site(out, ROOT)
    return out


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, Page]:
    return {
        p.relative_to(site).as_posix(): parse(p.read_text("utf-8")) for p in site.rglob("*.html")
    }


@pytest.fixture(scope="module")
def rows():  # type: ignore[no-untyped-def]
    return read_rows(ROOT)


def resolve(page: str, href: str) -> tuple[str, str]:
    """(page, fragment) an internal link of `page` leads to."""
    target, fragment = urldefrag(href)
    if not target:
        return page, unquote(fragment)
    return os.path.normpath(os.path.join(os.path.dirname(page), unquote(target))), unquote(fragment)


def test_every_page_is_valid_accessible_html(pages: dict[str, Page]) -> None:
    assert "index.html" in pages
    for name, page in pages.items():
        assert not page.problems, (name, page.problems)
        assert page.html_lang == "en", name
        assert page.viewport, name
        assert page.headings.count(1) == 1 and page.headings[0] == 1, (name, page.headings)
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, f"{name}: h{before} then h{after}"
        for href, text, label in page.links:
            assert text.strip() or label, f"{name}: a link to {href} without text"


def test_every_internal_link_resolves(site: Path, pages: dict[str, Page]) -> None:
    for name, page in pages.items():
        for href, _, _ in page.links:
            if href.startswith(("http://", "https://")):
                continue
            assert "://" not in href, f"{name}: {href}"
            target, fragment = resolve(name, href)
            assert (site / target).is_file(), f"{name}: {href} leads to no file"
            if fragment:
                assert fragment in pages[target].ids, f"{name}: {href}: no #{fragment}"
    css = (site / "style.css").read_text("utf-8")
    assert ":focus-visible" in css and "@media (max-width" in css


def test_two_builds_are_byte_identical(rows, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = site_files(rows)
    again = site_files(read_rows(ROOT))
    assert first == again
    assert list(first) == sorted(first)
    build_site(tmp_path / "a", ROOT)
    build_site(tmp_path / "b", ROOT)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*"))
    assert files_a == files_b
    for rel in files_a:
        if (tmp_path / "a" / rel).is_file():
            assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()


def test_every_event_aircraft_and_statement_row_is_reachable_from_the_index(
    pages: dict[str, Page], rows
) -> None:  # type: ignore[no-untyped-def]
    reached: set[str] = {"index.html"}
    queue = deque(["index.html"])
    while queue:
        name = queue.popleft()
        for href, _, _ in pages[name].links:
            if "://" in href:
                continue
            target, _ = resolve(name, href)
            if target.endswith(".html") and target not in reached:
                reached.add(target)
                queue.append(target)
    ids_reached = {ident: name for name in reached for ident in pages[name].ids}
    for event in rows.tables["events"]:
        page = f"events/{event['event_id']}.html"
        assert page in reached, page
        assert "".join(pages[page].ids["main"]).count(event["summary"]) == 1
    for claim in rows.tables["aircraft"]:
        ident = f"aircraft-{claim['aircraft_id']}"
        assert ident in ids_reached, ident
        shown = "".join(pages[ids_reached[ident]].ids[ident])
        assert html.escape(claim["type_as_reported"], quote=False) in html.escape(shown, False)
    for remark in rows.tables["statements"]:
        ident = f"statement-{remark['statement_id']}"
        assert ident in ids_reached, ident
        assert remark["text"] in "".join(pages[ids_reached[ident]].ids[ident])


def test_every_highlight_is_its_span_and_links_to_existing_rows(
    pages: dict[str, Page], rows
) -> None:  # type: ignore[no-untyped-def]
    texts = {s["source_id"]: s["text"] for s in rows.tables["sources"]}
    spans = {(e["source_id"], e["char_start"], e["char_end"]) for e in rows.tables["evidence"]}
    spans |= {(s["source_id"], s["char_start"], s["char_end"]) for s in rows.tables["statements"]}
    for source_id, text in texts.items():
        name = f"sources/{source_id}.html"
        page = pages[name]
        marked = [m for m in page.marks if m]
        assert marked == sorted(
            set(marked), key=lambda m: (int(m.split("-")[1]), -int(m.split("-")[2]))
        )
        expected = {span_id((a, b)) for s, a, b in spans if s == source_id}
        assert set(marked) == expected, name
        for mark in marked:
            start, end = map(int, mark.split("-")[1:])
            words = "".join(page.ids[mark])
            assert words and text[start:end].startswith(words), (name, mark, words)
            entry = f"e-{start}-{end}"
            assert entry in page.ids, (name, entry)
            to_rows = [
                resolve(name, href)
                for href, _, _ in page.links
                if not href.startswith("#") and href in _links_inside(page, entry)
            ]
            assert to_rows, f"{name}: highlight {mark} links to no row"
            for target, fragment in to_rows:
                assert target in pages and (not fragment or fragment in pages[target].ids)


def _links_inside(page: Page, ident: str) -> set[str]:
    """The hrefs of the links of `page` whose text lies in the element `ident` (the list
    entry of one highlight: its rows' descriptions are the link texts)."""
    inside = "".join(page.ids[ident])
    return {href for href, text, _ in page.links if text and text in inside and "#e-" not in href}


def test_the_text_below_the_article_is_set_apart(pages: dict[str, Page], rows) -> None:  # type: ignore[no-untyped-def]
    cut = [s for s in rows.tables["sources"] if s["body_end"] is not None]
    assert cut, "the dataset has articles with reader comments or page furniture"
    for source in cut:
        page = pages[f"sources/{source['source_id']}.html"]
        below = "".join(page.ids["h-below"])
        assert below == BELOW
        tail = source["text"][source["body_end"] :].strip()
        assert tail[:40] in "".join(page.ids["main"])
        assert not any(
            m.startswith("s-") and int(m.split("-")[1]) >= source["body_end"]
            for m in page.marks
            if m
        )


def test_disagreeing_counts_stand_side_by_side(site: Path) -> None:
    page = (site / "events" / f"{PATROL}.html").read_text("utf-8")
    assert "Counts side by side" in page
    assert "Reported by South Korea" in page and "Reported by Japan" in page
    assert "4 Tu-95 (RUS, bomber)" in page and "2 aircraft (RUS, unspecified)" in page
    assert "sums differ" in page


@given(
    st.text(alphabet="ab <&>\n", min_size=1, max_size=30).flatmap(
        lambda text: st.tuples(
            st.just(text),
            st.lists(
                st.tuples(st.integers(0, len(text) - 1), st.integers(1, len(text))).filter(
                    lambda s: s[0] < s[1]
                ),
                max_size=6,
            ),
        )
    )
)
def test_overlapping_spans_make_balanced_marks_around_the_same_text(case) -> None:  # type: ignore[no-untyped-def]
    text, spans = case
    cut = len(text) // 2
    shown: set[tuple[int, int]] = set()
    out = highlighted(text, spans, 0, cut, after=lambda s: "", shown=shown)
    out += highlighted(text, spans, cut, len(text), after=lambda s: "", shown=shown)
    page = parse(f"<div>{out}</div>")
    assert not page.problems
    assert len(page.marks) == len({m for m in page.marks if m}) + page.marks.count("")
    assert {m for m in page.marks if m} == {span_id(s) for s in set(spans)}
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", out)) == text


def test_cli_writes_the_site_and_refuses_what_it_cannot_use(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "sino_russian_patrols", "site"]
    out = tmp_path / "out"
    done = subprocess.run(
        [*command, str(out), "--package", str(ROOT)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert (out / "index.html").is_file() and str(out / "index.html") in done.stdout
    again = subprocess.run(
        [*command, str(out), "--package", str(ROOT)], capture_output=True, text=True
    )
    assert again.returncode == 0 and (out / "index.html").is_file()
    missing = subprocess.run(
        [*command, str(tmp_path / "x"), "--package", str(tmp_path / "nothing")],
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert str(tmp_path / "nothing") in missing.stderr and not (tmp_path / "x").exists()
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep", encoding="utf-8")
    refused = subprocess.run(
        [*command, str(mine), "--package", str(ROOT)], capture_output=True, text=True
    )
    assert refused.returncode == 2 and str(mine) in refused.stderr
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]


def test_a_folder_that_looks_like_a_site_but_holds_the_user_s_files_is_never_replaced(
    tmp_path: Path,
) -> None:
    """index.html and style.css do not make a folder the package's: only its marker does,
    and only for the files the marker lists."""
    from sino_russian_patrols.site import MARKER, SiteError

    web = tmp_path / "web"
    (web / "photos").mkdir(parents=True)
    for name in ("index.html", "style.css", "thesis.tex", "photos/wedding.jpg"):
        (web / name).write_text("mine", encoding="utf-8")
    with pytest.raises(SiteError, match=r"did not write .*photos/wedding\.jpg"):
        build_site(web, package=ROOT)
    assert (web / "photos" / "wedding.jpg").read_text() == "mine"
    # a site it wrote is replaced; a file added to it afterwards stops that
    site = tmp_path / "site"
    build_site(site, package=ROOT)
    assert (site / MARKER).is_file()
    build_site(site, package=ROOT)
    (site / "events" / "my-notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(SiteError, match=r"events/my-notes\.txt"):
        build_site(site, package=ROOT)
    assert (site / "events" / "my-notes.txt").is_file()
    # a forged marker that does not list a file does not make it the package's either
    (site / MARKER).write_text('{"generator": "other", "files": []}')
    (site / "events" / "my-notes.txt").unlink()
    with pytest.raises(SiteError, match="did not write"):
        build_site(site, package=ROOT)


# -- in a real browser ---------------------------------------------------------------------


def _browser() -> tuple[str, str]:
    """The paths of Chromium and ChromeDriver, or a skip naming what is missing."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        pytest.skip("selenium is not installed: pip install -c constraints.txt -e '.[dev]'")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    missing = [n for n, p in (("chromium", chromium), ("chromedriver", driver)) if p is None]
    if missing:
        pytest.skip(
            f"{' and '.join(missing)} not found: run `make browser` (apt-get install chromium "
            "chromium-driver) to run the browser tests"
        )
    return chromium, driver  # type: ignore[return-value]


@pytest.mark.slow
def test_two_clicks_from_the_index_reach_the_words_behind_a_count(tmp_path: Path) -> None:
    chromium, driver_path = _browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    out = tmp_path / "site"
    build_site(out, ROOT)
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    options.add_argument("--window-size=1200,900")
    browser = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        wait = WebDriverWait(browser, 20)
        browser.get((out / "index.html").as_uri())
        browser.save_screenshot(str(tmp_path / "1-index.png"))
        # the filters work: choosing 2022 hides the other years
        browser.find_element(By.ID, "f-year").send_keys("2022")
        shown = browser.find_element(By.ID, "f-shown").text
        assert "shown" in shown
        hidden_2019 = browser.find_element(By.CSS_SELECTOR, 'section[data-year="2019"]')
        assert not hidden_2019.is_displayed()
        patrol = browser.find_element(By.CSS_SELECTOR, f'a[href="events/{PATROL}.html"]')
        assert "30 November 2022" in patrol.text
        patrol.click()  # first click
        wait.until(ec.presence_of_element_located((By.ID, "h-aircraft")))
        assert "Joint air patrol, 30 November 2022" in browser.find_element(By.TAG_NAME, "h1").text
        claim = browser.find_element(
            By.XPATH,
            "//h3[normalize-space()='Reported by South Korea']/following-sibling::ul[1]"
            "/li[contains(., '4 Tu-95')]",
        )
        evidence = claim.find_element(
            By.XPATH, ".//a[contains(@class, 'evidence') and contains(., 'four')]"
        )
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", claim)
        browser.save_screenshot(str(tmp_path / "2-event.png"))
        evidence.click()  # second click
        wait.until(ec.url_contains("/sources/"))
        target = wait.until(lambda b: b.execute_script("return document.querySelector(':target')"))
        assert target.tag_name == "mark"
        words = target.text
        assert "four" in words and "Tu-95" in words, words
        assert target.is_displayed()
        top, bottom, height = browser.execute_script(
            "const r = arguments[0].getBoundingClientRect(); "
            "return [r.top, r.bottom, window.innerHeight];",
            target,
        )
        assert top >= 0 and bottom <= height, "the highlighted words are in view"
        colour = target.value_of_css_property("background-color")
        plain = browser.find_element(By.CSS_SELECTOR, "mark.ev:not(:target)")
        assert colour != plain.value_of_css_property("background-color")
        browser.save_screenshot(str(tmp_path / "3-source.png"))
        # readable on a phone: no page is wider than a phone's screen
        browser.set_window_size(390, 844)
        for page in ("index.html", f"events/{PATROL}.html"):
            browser.get((out / page).as_uri())
            wide = browser.execute_script(
                "return document.documentElement.scrollWidth - window.innerWidth"
            )
            assert wide <= 0, f"{page} scrolls sideways on a phone by {wide}px"
        browser.save_screenshot(str(tmp_path / "4-event-phone.png"))
    finally:
        browser.quit()
    assert all((tmp_path / f).stat().st_size > 0 for f in ("1-index.png", "3-source.png"))


def test_the_release_zip_of_the_site_is_reproducible(rows, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    from sino_russian_patrols.release import site_zip_name, write_site_zip

    version = rows.version
    name = site_zip_name(version)
    assert name == f"sino-russian-patrols-site-{version}.zip"
    first = write_site_zip(ROOT, tmp_path / "a" / name, version)
    again = write_site_zip(ROOT, tmp_path / "b" / name, version)
    assert first == again
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    folder = name.removesuffix(".zip")
    with zipfile.ZipFile(tmp_path / "a" / name) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == sorted(i.filename for i in infos)
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        shipped = {i.filename.removeprefix(folder + "/"): archive.read(i) for i in infos}
    assert shipped == site_files(rows)


def test_an_archived_page_is_a_link_only_when_it_is_a_web_address() -> None:
    from sino_russian_patrols.site.sources import _archive_link

    web = _archive_link("https://tass.com/defense/1349479")
    assert web.startswith('<a href="https://tass.com/defense/1349479"') and "noopener" in web
    for hostile in ("javascript:alert(1)", "file:///etc/passwd", 'https://x" onclick="y'):
        shown = _archive_link(hostile)
        if hostile.startswith("https"):
            assert '" onclick' not in shown  # the quote is escaped inside the attribute
        else:
            assert "<a " not in shown and shown.startswith("<code>")
    assert _archive_link(None) == ""
