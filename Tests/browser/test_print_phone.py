"""Browser tests of printing and of phones: the domain page printed as a decision memo
(headless Chromium's print to PDF, and the page laid out for print at the printable width of
A4), the main pages on a 390-pixel-wide touch screen, and the details that cost trust (the
round form's boxes, the warnings' horizon box, the simulation's wording, units and survival
chart, the favicon).

Run through Tests/browser/run.sh like test_site.py (same server, accounts and variables; its
fixtures and helpers are imported from there). These tests make browsers of their own and
leave test_site.py's shared browser alone. Screenshots, the PDF and its first page as PNG go
to SAFEZONES_SHOTS_DIR/print-and-phones/ (a folder of their own: test_site.py empties the
top folder when its browser starts). The PDF checks need pdftotext and pdftoppm
(`apt-get install poppler-utils`). docs/printing-and-phones.md describes what is checked.
"""

import base64
import os
import re
import shutil
import subprocess
import time

import pytest

from test_site import (DOMAIN, SHOTS, api_request, assert_clean, fresh,  # noqa: F401 (fresh: a fixture)
                       new_browser, save_screenshot, sign_in)

OUT = os.path.join(SHOTS, "print-and-phones")

# A phone: 390 × 844 CSS pixels, touch.
PHONE_WIDTH, PHONE_HEIGHT = 390, 844
# A4 at 96 pixels an inch, less the margins of app.css's @page (12 mm each side, 14 mm top,
# 16 mm bottom): what one printed page holds.
MM = 96 / 25.4
PRINT_WIDTH = int((210 - 2 * 12) * MM)    # 703
PRINT_HEIGHT = int((297 - 14 - 16) * MM)  # 1009

PHONE_PAGES = [
    ("map", "/"),
    ("domain", f"/domains/{DOMAIN}"),
    ("assess", "/assess"),
    ("rounds", "/rounds"),
    ("simulate", "/simulate"),
    ("warnings", "/warnings"),
]


# ---------------------------------------------------------------------------------------
# Fixtures and helpers


def shot(b, name, full_page=False):
    """A screenshot in OUT; the whole document when `full_page` (at most 9,000 pixels)."""
    os.makedirs(OUT, exist_ok=True)
    return save_screenshot(b.driver, os.path.join(OUT, name + ".png"), full_page, max_height=9000)


def shot_of(b, name, selector, height=900):
    """A screenshot of the viewport's width from the top of `selector` down `height` pixels."""
    os.makedirs(OUT, exist_ok=True)
    top, width = b.driver.execute_script(
        "var e = document.querySelector(arguments[0]);"
        "return [e ? Math.max(0, e.getBoundingClientRect().top + window.scrollY - 12) : 0,"
        "        document.documentElement.clientWidth];", selector)
    data = b.driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": top, "width": width, "height": height, "scale": 1}})
    path = os.path.join(OUT, name + ".png")
    with open(path, "wb") as f:
        f.write(base64.b64decode(data["data"]))
    return path


def as_phone(b):
    """Emulates a 390 × 844 touch phone (Chromium will not make a window under 500 wide)."""
    b.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": PHONE_WIDTH, "height": PHONE_HEIGHT, "deviceScaleFactor": 1, "mobile": True})
    b.driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})


@pytest.fixture(scope="module", autouse=True)
def out_folder():
    """This module's folder of screenshots, emptied before its first test."""
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        os.remove(os.path.join(OUT, old))
    return OUT


@pytest.fixture(scope="module")
def desktop():
    """A 1280-pixel-wide browser signed in as the administrator, for this module."""
    b = new_browser("desktop")
    try:
        sign_in(b, "admin")
        yield b
    finally:
        b.driver.quit()


@pytest.fixture(scope="module")
def phone():
    """A browser signed in as the administrator, emulating a 390-pixel-wide touch phone."""
    b = new_browser("phone")
    try:
        sign_in(b, "admin")
        as_phone(b)
        yield b
    finally:
        b.driver.quit()


def tap(b, x, y):
    """A tap with a finger at viewport coordinates (touch start and end, as a phone sends)."""
    b.driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    b.driver.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


# ---------------------------------------------------------------------------------------
# Print: the domain page as a decision memo

PRINT_CHECKS = """
var W = arguments[0], H = arguments[1];
var problems = [];
function shown(e) { return getComputedStyle(e).display !== 'none' && e.getClientRects().length > 0; }
function name(e) { return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
  (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : ''); }
// Nothing interactive, no navigation, no forms on paper.
['header.site', 'nav', 'form', 'button', 'input', 'select', 'textarea', 'summary', 'a.skip', 'a.button',
 '.head-actions', 'footer.site', '.map-tooltip'].forEach(function (sel) {
  document.querySelectorAll(sel).forEach(function (e) { if (shown(e)) problems.push('shown in print: ' + sel + ' ' + name(e)); });
});
// Tables: no wider than the page or their box, nothing scrolled out of sight.
var tables = 0;
document.querySelectorAll('main table').forEach(function (t) {
  if (!shown(t)) return;
  tables++;
  var r = t.getBoundingClientRect(), p = t.parentElement.getBoundingClientRect();
  if (r.left < -1 || r.right > W + 1) problems.push('table ' + name(t) + ' runs off the page: ' + Math.round(r.left) + '–' + Math.round(r.right) + ' of ' + W);
  if (t.scrollWidth > t.clientWidth + 1) problems.push('table ' + name(t) + ' scrolls: ' + t.scrollWidth + ' > ' + t.clientWidth);
  if (r.width > p.width + 1) problems.push('table ' + name(t) + ' is wider than its box: ' + Math.round(r.width) + ' > ' + Math.round(p.width));
});
// No box that clips or scrolls its content, and nothing past the page's right edge.
document.querySelectorAll('main *').forEach(function (e) {
  if (!(e instanceof HTMLElement) || !shown(e) || e.closest('.visually-hidden')) return;
  var s = getComputedStyle(e);
  var clips = /hidden|auto|scroll|clip/.test(s.overflowX + ' ' + s.overflowY);
  if (clips && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
    problems.push('clipped: ' + name(e) + ' ' + e.scrollWidth + '×' + e.scrollHeight + ' in ' + e.clientWidth + '×' + e.clientHeight);
  var r = e.getBoundingClientRect();
  if (r.width > 0 && (r.right > W + 1 || r.left < -1)) problems.push('past the page edge: ' + name(e) + ' ' + Math.round(r.left) + '–' + Math.round(r.right));
});
if (document.documentElement.scrollWidth > W) problems.push('the page scrolls sideways: ' + document.documentElement.scrollWidth);
function bottom(sel) { var e = document.querySelector(sel); return e && shown(e) ? e.getBoundingClientRect().bottom + window.scrollY : null; }
function top(sel) { var e = document.querySelector(sel); return e && shown(e) ? e.getBoundingClientRect().top + window.scrollY : null; }
return {
  problems: problems.slice(0, 40), tables: tables,
  memo: (document.querySelector('#memo-head') && shown(document.querySelector('#memo-head'))) ? document.querySelector('#memo-head').textContent : null,
  memoTop: top('#memo-head'),
  placementBottom: bottom('section#placement'), mapBottom: bottom('#placement-map svg'),
  mapWidth: (function () { var e = document.querySelector('#placement-map svg'); return e ? e.getBoundingClientRect().width : 0; })(),
  linkAfter: (function () { var a = document.querySelector('main a[href^="http"]:not(.evidence-link)');
    return a ? getComputedStyle(a, '::after').content : null; })()
};
"""


def pdf_text(path, first=None, last=None):
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext is missing: apt-get install -y poppler-utils"
    args = [tool, "-layout"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(args + [path, "-"], check=True, capture_output=True, text=True).stdout


def test_print_domain_page_is_a_clean_memo(fresh):
    b = fresh("print")
    sign_in(b, "admin")
    b.go(f"/domains/{DOMAIN}")
    name = b.css("h1").text
    on_screen = b.driver.execute_script(
        "var m = document.getElementById('memo-head'); return m ? getComputedStyle(m).display : 'missing';")
    assert on_screen == "none", "the memo line is for paper only, not the screen: " + on_screen

    # 1. The page laid out for print at the width of a printed A4 page.
    b.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    b.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": PRINT_WIDTH, "height": PRINT_HEIGHT, "deviceScaleFactor": 1, "mobile": False})
    time.sleep(0.3)
    found = b.driver.execute_script(PRINT_CHECKS, PRINT_WIDTH, PRINT_HEIGHT)
    shot(b, "print-domain-emulated", full_page=True)
    assert not found["problems"], "printed page:\n" + "\n".join(found["problems"])
    assert found["tables"] >= 1, "the criteria table is printed"
    assert found["memo"] and "SafeZones decision memo" in found["memo"] and re.search(r"\d{4}-\d{2}-\d{2}", found["memo"]), found
    assert found["memoTop"] is not None and found["memoTop"] < 80, found
    assert found["placementBottom"] and found["placementBottom"] <= PRINT_HEIGHT, \
        f"the placement ends at {found['placementBottom']}, past the first page ({PRINT_HEIGHT})"
    assert found["mapBottom"] and found["mapBottom"] <= PRINT_HEIGHT and found["mapWidth"] >= 150, found
    b.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    b.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    # 2. Print to PDF, as a browser's "Save as PDF" does.
    pdf = b.driver.execute_cdp_cmd("Page.printToPDF", {
        "preferCSSPageSize": True, "printBackground": True, "paperWidth": 8.27, "paperHeight": 11.69})
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "print-domain.pdf")
    with open(path, "wb") as f:
        f.write(base64.b64decode(pdf["data"]))
    page1 = pdf_text(path, 1)
    whole = pdf_text(path)
    flat1 = " ".join(page1.split())
    for expected in ["SafeZones decision memo", name, "Placement", "Joint gains", "Political risk",
                     f"Where {name} sits"]:
        assert expected in flat1, f"'{expected}' is not on the first page:\n{page1[:1500]}"
    for absent in ["Skip to content", "Add an assessment", "Import & export", "Deliberation", "View version"]:
        assert absent not in whole, f"'{absent}' (navigation or a control) is printed"
    pages = whole.count("\f")
    assert 1 <= pages <= 12, f"{pages} pages"
    tool = shutil.which("pdftoppm")
    assert tool, "pdftoppm is missing: apt-get install -y poppler-utils"
    subprocess.run([tool, "-png", "-r", "90", "-f", "1", "-l", "2", path, os.path.join(OUT, "print-domain-page")],
                   check=True)
    assert_clean(b)


# ---------------------------------------------------------------------------------------
# Phones

PHONE_CHECKS = """
var W = window.innerWidth;
var problems = [];
function shown(e) { return getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden' && e.getClientRects().length > 0; }
function name(e) { return e.tagName.toLowerCase() + (e.getAttribute('id') ? '#' + e.getAttribute('id') : '') +
  (e.getAttribute('name') ? '[name=' + e.getAttribute('name') + ']' : ''); }
// Tables scroll inside a box of their own, which fits the screen.
var tables = 0;
document.querySelectorAll('main table').forEach(function (t) {
  if (!shown(t)) return;
  tables++;
  var box = t.parentElement;
  while (box && box !== document.body) {
    var o = getComputedStyle(box).overflowX;
    if (o === 'auto' || o === 'scroll') break;
    box = box.parentElement;
  }
  if (!box || box === document.body) { problems.push('table ' + name(t) + ' is not in a scrolling box'); return; }
  var r = box.getBoundingClientRect();
  if (r.left < -1 || r.right > W + 1) problems.push('the box of table ' + name(t) + ' runs off the screen: ' + Math.round(r.left) + '–' + Math.round(r.right));
});
// Forms in one column: the fields of one fieldset start at one left edge, and so do the
// boxes of one group; none runs off the screen.
var fields = 0;
document.querySelectorAll('main form').forEach(function (form) {
  if (!shown(form)) return;
  var groups = new Map();
  form.querySelectorAll('input, select, textarea').forEach(function (f) {
    if (/^(hidden|submit|button|reset|image)$/.test(f.type) || !shown(f)) return;
    fields++;
    var box = /^(checkbox|radio)$/.test(f.type) ? (f.closest('.checks') || f.closest('fieldset') || form)
                                               : (f.closest('fieldset') || form);
    if (!groups.has(box)) groups.set(box, []);
    var r = f.getBoundingClientRect();
    groups.get(box).push([name(f), r.left, r.right]);
    if (r.right > W + 1 || r.left < -1) problems.push('field ' + name(f) + ' runs off the screen: ' + Math.round(r.left) + '–' + Math.round(r.right));
  });
  groups.forEach(function (list) {
    var lefts = list.map(function (x) { return x[1]; });
    var spread = Math.max.apply(null, lefts) - Math.min.apply(null, lefts);
    if (spread > 4) problems.push('form ' + name(form) + ': fields side by side (' + list.map(function (x) { return x[0] + '@' + Math.round(x[1]); }).join(', ') + ')');
  });
});
return {innerWidth: W, scrollWidth: document.documentElement.scrollWidth, bodyWidth: document.body.scrollWidth,
        tables: tables, fields: fields, problems: problems.slice(0, 30)};
"""

MAP_CHECKS = """
var W = window.innerWidth;
var svg = document.querySelector('figure#map svg');
var s = svg.getBoundingClientRect();
var names = Array.from(svg.querySelectorAll('text.quadrant-name')).map(function (t) {
  var r = t.getBoundingClientRect();
  return [t.textContent, r.left, r.right, r.width, r.height];
});
var quadrants = Array.from(svg.querySelectorAll('rect.quadrant')).map(function (q) {
  var r = q.getBoundingClientRect(); return [q.getAttribute('data-quadrant'), r.left, r.right];
});
return {W: W, left: s.left, right: s.right, width: s.width, names: names, quadrants: quadrants};
"""


@pytest.mark.parametrize("page,path", PHONE_PAGES, ids=[p for p, _ in PHONE_PAGES])
def test_phone_page_fits_the_screen(phone, desktop, page, path):
    desktop.go(path)
    shot(desktop, f"desktop-1280-{page}")
    b = phone
    b.go(path)
    found = b.driver.execute_script(PHONE_CHECKS)
    shot(b, f"phone-390-{page}")
    shot(b, f"phone-390-{page}-full", full_page=True)
    assert found["innerWidth"] == PHONE_WIDTH, found
    assert found["scrollWidth"] <= PHONE_WIDTH, f"{path} scrolls sideways on a phone: {found}"
    assert not found["problems"], f"{path} on a phone:\n" + "\n".join(found["problems"])
    if page in ("assess", "rounds", "simulate", "warnings", "map"):
        assert found["fields"] >= 1, f"{path}: a form with fields"
    if page == "map":
        m = b.driver.execute_script(MAP_CHECKS)
        assert m["left"] >= -1 and m["right"] <= PHONE_WIDTH + 1 and m["width"] >= PHONE_WIDTH * 0.8, \
            f"the map does not fit the screen's width: {m}"
        assert len(m["quadrants"]) == 4 and all(-1 <= l and r <= PHONE_WIDTH + 1 for _, l, r in m["quadrants"]), m
        texts = " ".join(t for t, *_ in m["names"])
        for quadrant in ["Safe zone", "Political engineering", "Monitor", "Traditional"]:
            assert quadrant.lower() in texts.lower(), f"quadrant label {quadrant} missing: {texts}"
        for text, left, right, width, height in m["names"]:
            assert width > 0 and height > 0 and left >= -1 and right <= PHONE_WIDTH + 1, \
                f"quadrant label '{text}' is not in view: {left}–{right}"
        shot_of(b, "phone-390-map-figure", "figure#map", 700)
    assert_clean(b)


def test_phone_tap_on_a_map_point_shows_its_details(phone):
    b = phone
    b.go("/")
    # A point with no other within a finger's width (with 130 domains on a phone, points
    # crowd; the browser's touch adjustment then picks a neighbour, which the details name).
    point = b.driver.execute_script(
        "var gs = Array.from(document.querySelectorAll('figure#map svg g.domain[data-id]'));"
        "function c(g) { var r = (g.querySelector('.marker') || g).getBoundingClientRect();"
        "  return [r.left + r.width / 2, r.top + r.height / 2]; }"
        "for (var i = 0; i < gs.length; i++) { var g = gs[i]; var p = c(g);"
        "  var alone = gs.every(function (o) { if (o === g) return true; var q = c(o);"
        "    return Math.hypot(q[0] - p[0], q[1] - p[1]) > 30; });"
        "  if (!alone) continue;"
        "  g.scrollIntoView({block: 'center'}); p = c(g);"
        "  return [g.getAttribute('data-id'), g.getAttribute('data-name'), p[0], p[1]]; }"
        "return null;")
    assert point, "no map point stands alone"
    domain_id, name, x, y = point
    tap(b, x, y)
    time.sleep(0.5)
    state = b.driver.execute_script(
        "var t = document.getElementById('map-tooltip');"
        "var r = t ? t.getBoundingClientRect() : null;"
        "return [location.pathname, !!t && !t.hidden, t ? t.textContent : '', r ? [r.left, r.right] : null];")
    shot(b, "phone-390-map-tap")
    path, visible, text, box = state
    assert path == "/", f"a first tap opened {path} instead of showing the point's details"
    assert visible and name in text and "Joint gains" in text and "Political risk" in text, \
        f"no details after a tap on {domain_id}: {text!r}"
    assert box[0] >= 0 and box[1] <= PHONE_WIDTH, f"the details run off the screen: {box}"
    assert "Tap again" in text, text
    # A second tap on the same point opens the domain.
    b.driver.execute_script("window.__szOldPage = true;")
    tap(b, x, y)
    b.wait_for(lambda: b.driver.execute_script("return !window.__szOldPage && document.readyState === 'complete';"),
               "the domain page after a second tap")
    assert b.path() == f"/domains/{domain_id}", b.path()
    assert_clean(b)


# ---------------------------------------------------------------------------------------
# Details that cost trust

BOXES = """
var boxes = Array.from(document.querySelectorAll(arguments[0]));
function textRect(label) {
  var range = document.createRange();
  var node = Array.from(label.childNodes).filter(function (n) { return n.nodeType === 3 && n.textContent.trim(); }).pop();
  if (!node) return null;
  range.selectNodeContents(node);
  var rects = Array.from(range.getClientRects());
  return rects.length ? rects : null;
}
var worst = null;
boxes.forEach(function (box) {
  var b = box.getBoundingClientRect();
  var own = textRect(box.closest('label'));
  var ownGap = own ? own[0].left - b.right : 999;
  boxes.forEach(function (other) {
    if (other === box) return;
    var rects = textRect(other.closest('label')) || [];
    rects.forEach(function (r) {
      var sameRow = r.top < b.bottom && r.bottom > b.top;
      if (!sameRow || r.right > b.left + 1) return;
      var gap = b.left - r.right;
      if (worst === null || gap < worst.gap) worst = {gap: gap, box: box.value, before: other.value, ownGap: ownGap};
    });
  });
});
var lefts = boxes.map(function (b) { return Math.round(b.getBoundingClientRect().left); });
return {count: boxes.length, worst: worst, columns: Array.from(new Set(lefts)).length,
        ownGaps: boxes.map(function (b) { var t = textRect(b.closest('label')); return t ? t[0].left - b.getBoundingClientRect().right : 999; })};
"""


def test_round_boxes_stand_apart_from_the_previous_label(desktop, phone):
    desktop.go("/rounds")
    found = desktop.driver.execute_script(BOXES, "form#open-round input[name=domain]")
    shot_of(desktop, "desktop-1280-rounds-boxes", "form#open-round fieldset#domains", 520)
    assert found["count"] >= 10, found
    assert found["columns"] >= 2, "several columns of boxes on a wide screen"
    # Each box sits next to its own label, and well away from the label before it.
    assert max(found["ownGaps"]) <= 12, f"a box is far from its own label: {found['ownGaps']}"
    assert found["worst"] is None or found["worst"]["gap"] >= 20, \
        f"a box sits against the previous item's label: {found['worst']}"
    phone.go("/rounds")
    small = phone.driver.execute_script(BOXES, "form#open-round input[name=domain]")
    shot_of(phone, "phone-390-rounds-boxes", "form#open-round fieldset#domains", 844)
    assert small["columns"] == 1, f"one column of boxes on a phone: {small}"
    assert_clean(desktop)


def test_warnings_horizon_box_is_styled_like_the_date_box(desktop):
    desktop.go("/warnings")
    styles = desktop.driver.execute_script(
        "function st(id) { var e = document.getElementById(id), s = getComputedStyle(e), r = e.getBoundingClientRect();"
        "  return {border: s.borderTopWidth + ' ' + s.borderTopStyle + ' ' + s.borderTopColor, radius: s.borderTopLeftRadius,"
        "          padding: s.paddingLeft + ' ' + s.paddingTop, font: s.fontSize + ' ' + s.fontFamily, height: r.height}; }"
        "return [st('warnings-horizon'), st('warnings-form-as-of')];")
    shot_of(desktop, "desktop-1280-warnings-form", "form#warnings-form", 260)
    horizon, date = styles
    for key in ["border", "radius", "padding", "font"]:
        assert horizon[key] == date[key], f"the horizon box's {key} is {horizon[key]}, the date box's {date[key]}"
    assert abs(horizon["height"] - date["height"]) <= 2, (horizon, date)
    assert_clean(desktop)


def test_favicon_is_linked_and_served(desktop):
    desktop.go("/")
    link = desktop.driver.execute_script(
        "var l = document.querySelector('head link[rel=icon]'); return l && [l.getAttribute('href'), l.getAttribute('type')];")
    assert link and link[0].startswith("/assets/favicon.svg") and link[1] == "image/svg+xml", link
    status, headers, _ = api_request("/favicon.ico", token="")
    assert status in (301, 302, 307, 308), f"/favicon.ico answers {status}"
    location = headers.get("Location", "")
    assert location.startswith("/assets/favicon.svg"), location
    status, headers, body = api_request(location, token="")
    assert status == 200 and headers.get("Content-Type", "").startswith("image/svg+xml"), (status, dict(headers))
    assert "<svg" in body
    # What a browser asks for on its own ends in the icon, not a 404.
    fetched = desktop.driver.execute_async_script(
        "var done = arguments[0];"
        "fetch('/favicon.ico').then(function (r) { done([r.status, r.headers.get('content-type')]); })"
        ".catch(function (e) { done([0, String(e)]); });")
    assert fetched[0] == 200 and fetched[1].startswith("image/svg+xml"), fetched
    assert_clean(desktop)


def test_simulation_results_say_what_they_mean_with_units(desktop, phone):
    b = desktop
    b.go("/simulate?example=1")
    trials = b.css("#trials")
    trials.clear()
    trials.send_keys("400")
    b.navigate(b.css("button#simulate-submit").click, "the run's page")
    b.wait_for(lambda: b.all("#portfolio-measures"), "the simulation's results", timeout=120)
    measures = b.css("#portfolio-measures").text
    years = int(re.search(r"over (\d+) years", b.css("#portfolio-results-title").text).group(1))
    shot_of(b, "desktop-1280-simulation-results", "#portfolio-results", 760)
    # The old wording read as "0.0% — every collaboration ended".
    assert "losing everything" not in measures.lower(), measures
    assert f"Chance that every collaboration has ended by year {years}" in measures, measures
    ended = b.css("#portfolio-all-ended").text
    assert re.match(r"\d+\.\d% of trials end year \d+ with no collaboration still running", ended), ended
    assert "Gains delivered before a collaboration ends are kept" in ended, ended
    # Units: gains in the portfolio's units over the years, risk on 0–1, relations on 0–1.
    assert re.fullmatch(rf"\d+\.\d units over {years} years \(the mean over the trials\)",
                        b.css("#portfolio-expected").text), b.css("#portfolio-expected").text
    assert "portfolio's own unit" in b.css("#units-note").text
    heads = [th.text for th in b.all("#collaborations-table thead th")]
    assert "RISK (0–1)" in [h.upper() for h in heads] and any("(UNITS)" in h.upper() for h in heads), heads
    assert any(f"NOT ENDED BY YEAR {years}" in h.upper() for h in heads), heads
    # The survival chart: curves that end close together near the top are drawn apart.
    chart = b.driver.execute_script(
        "var svg = document.querySelector('#survival-figure svg');"
        "function end(path) { var d = path.getAttribute('d').trim().split(' '); return Number(d[d.length - 1]); }"
        "return {main: Array.from(svg.querySelectorAll('g.series')).map(function (g) {"
        "          return [g.getAttribute('data-id'), Number(g.getAttribute('data-survival'))]; }),"
        "        detail: Array.from(svg.querySelectorAll('g.detail g.detail-series')).map(function (g) {"
        "          return [g.getAttribute('data-id'), end(g.querySelector('path.line'))]; }),"
        "        note: (svg.querySelector('text.axis-note') || {}).textContent || null};")
    shot_of(b, "desktop-1280-survival-chart", "#survival-figure", 1000)
    high = sorted((v, i) for i, v in chart["main"] if v >= 0.85)
    close = [(a, b_) for a, b_ in zip(high, high[1:]) if b_[0] - a[0] < 0.04]
    if all(v >= 0.5 for _, v in chart["main"]):
        assert chart["note"] and "starts at" in chart["note"], chart
    elif close:
        ends = dict(chart["detail"])
        for (_, one), (_, two) in close:
            assert one in ends and two in ends, f"no detail panel for {one} and {two}: {chart}"
            assert abs(ends[one] - ends[two]) >= 10, f"{one} and {two} still overlap in the detail: {chart}"
    phone.go(b.path())
    assert phone.driver.execute_script("return document.documentElement.scrollWidth") <= PHONE_WIDTH
    shot_of(phone, "phone-390-simulation-results", "#portfolio-results", 844)
    assert_clean(b)


@pytest.mark.parametrize("page,path", PHONE_PAGES, ids=[p for p, _ in PHONE_PAGES])
def test_phone_page_fits_the_screen_in_chinese(phone, page, path):
    """The same pages in Simplified Chinese: longer or wider words must still fit a phone."""
    b = phone
    try:
        b.go(path + ("&" if "?" in path else "?") + "lang=zh-Hans")
        assert b.driver.execute_script("return document.documentElement.lang") == "zh-Hans"
        found = b.driver.execute_script(PHONE_CHECKS)
        shot(b, f"phone-390-zh-{page}")
        assert found["scrollWidth"] <= PHONE_WIDTH, f"{path} in Chinese scrolls sideways on a phone: {found}"
        assert not found["problems"], f"{path} in Chinese on a phone:\n" + "\n".join(found["problems"])
        assert_clean(b)
    finally:
        b.go("/?lang=en")
