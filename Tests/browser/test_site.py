"""Browser tests of the SafeZones web app: headless Chromium driven by Selenium.

Run through Tests/browser/run.sh, which builds and starts a server with a fresh data
folder (the shipped knowledge base seeded, one account per role made by
Tests/support/server.sh) and sets:

  SAFEZONES_URL        base URL of the running server, e.g. http://127.0.0.1:43210
  SAFEZONES_SHOTS_DIR  folder for the screenshots (default /tmp/safezones-browser-shots)
  SAFEZONES_PASSWORD   the password of every account below
  SAFEZONES_<ROLE>_EMAIL, SAFEZONES_<ROLE>_NAME   per role (ADMIN, FACILITATOR, ASSESSOR, VIEWER)
  SAFEZONES_TOKEN      an admin API token, for the tests' own API reads

The tests run in file order. Most share one browser, signed in as the administrator through
the sign-in form: the assessment saved by one test is what the following tests look for on
the map. The tests of roles, signing in and signing out each start a browser of their own
(a new session: no cookies, no storage). Every test takes a screenshot per step, and every
browser is checked for console errors, script errors and content security policy violations.
"""

import base64
import itertools
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ.get("SAFEZONES_URL", "http://127.0.0.1:8080").rstrip("/")
SHOTS = os.environ.get("SAFEZONES_SHOTS_DIR", "/tmp/safezones-browser-shots")
CHROMIUM = os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER_BIN", "/usr/bin/chromedriver")

# The knowledge base shipped with the app (Sources/SafeZonesKnowledge/Resources).
SHIPPED_DOMAINS = 130
# A safe-zone domain of the knowledge base that a high military score moves out of it.
DOMAIN = "gravitational-waves"
QUADRANTS = ["safe-zone", "political-engineering", "monitor", "traditional"]
WAIT = 10

# The accounts Tests/support/server.sh makes (the defaults are its values).
PASSWORD = os.environ.get("SAFEZONES_PASSWORD", "")
TOKEN = os.environ.get("SAFEZONES_TOKEN", "")
ROLES = ["admin", "facilitator", "assessor", "viewer"]
DEFAULT_NAMES = {"admin": "Ann Admin", "facilitator": "Fay Facilitator", "assessor": "Ada Assessor",
                 "viewer": "Vic Viewer"}
ACCOUNTS = {r: (os.environ.get(f"SAFEZONES_{r.upper()}_EMAIL", f"{r}@example.org"),
                os.environ.get(f"SAFEZONES_{r.upper()}_NAME", DEFAULT_NAMES[r])) for r in ROLES}
ADMIN_NAME = ACCOUNTS["admin"][1]
ASSESSOR_NAME = ACCOUNTS["assessor"][1]

# What the tests of one browser leave for the tests of another (file order).
SHARED = {}
SHOT_NUMBERS = itertools.count(1)

# Records content security policy violations in sessionStorage (which survives page
# loads within the tab), in addition to the console messages Chromium writes for them.
CSP_RECORDER = """
document.addEventListener('securitypolicyviolation', function (e) {
  try {
    var list = JSON.parse(sessionStorage.getItem('csp-violations') || '[]');
    list.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' on ' + location.pathname);
    sessionStorage.setItem('csp-violations', JSON.stringify(list));
  } catch (_) {}
});
window.addEventListener('error', function (e) {
  try {
    var list = JSON.parse(sessionStorage.getItem('js-errors') || '[]');
    list.push(String(e.message) + ' at ' + location.pathname);
    sessionStorage.setItem('js-errors', JSON.stringify(list));
  } catch (_) {}
});
"""


# ---------------------------------------------------------------------------------------
# Fixtures and helpers


class Browser:
    """The driver plus the bookkeeping the tests share: screenshots and console errors."""

    def __init__(self, driver, label=""):
        self.driver = driver
        self.label = label
        self.console_errors = []
        self.state = {}

    def go(self, path):
        self.collect_logs()
        self.driver.get(BASE + path)
        self.wait_ready()

    def wait_ready(self):
        WebDriverWait(self.driver, WAIT).until(
            lambda d: d.execute_script("return document.readyState") == "complete")

    def navigate(self, action, message="a new page"):
        """Runs `action` (a click or a key press that submits or follows a link) and waits
        until a new document has loaded. The live filter already rewrites the address with
        history.replaceState, so a changed URL alone does not prove the page was loaded."""
        self.driver.execute_script("window.__szOldPage = true;")
        action()
        self.wait_for(lambda: self.driver.execute_script(
            "return !window.__szOldPage && document.readyState === 'complete';"), message)

    def shot(self, name, full_page=False):
        # Numbered across every browser of the run, in the order taken.
        prefix = f"{next(SHOT_NUMBERS):02d}-" + (self.label + "-" if self.label else "")
        path = os.path.join(SHOTS, prefix + name + ".png")
        return save_screenshot(self.driver, path, full_page)

    def collect_logs(self):
        for entry in self.driver.get_log("browser"):
            if entry.get("level") == "SEVERE":
                self.console_errors.append(entry.get("message", ""))

    def css(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def all(self, selector):
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def wait_for(self, condition, message, timeout=WAIT):
        def check(_):
            try:
                return condition()
            except WebDriverException:  # e.g. the document is being replaced
                return False
        try:
            return WebDriverWait(self.driver, timeout).until(check)
        except TimeoutException:
            self.shot("timeout")
            raise AssertionError(f"timed out waiting for: {message}")

    def path(self):
        return self.driver.execute_script("return location.pathname + location.search")

    # Map page readings, each taken in one script call: the live filter may replace
    # #results at any moment, which would make element references stale.
    def count(self):
        shown, total, text = self.driver.execute_script(
            "var p = document.getElementById('domain-count');"
            "return [p.getAttribute('data-shown'), p.getAttribute('data-total'), p.textContent.trim()];")
        return int(shown), int(total), text

    def rows(self):
        return [tuple(r) for r in self.driver.execute_script(
            "return Array.from(document.querySelectorAll('table#domain-table tbody tr[data-id]')).map(function (r) {"
            "  return [r.getAttribute('data-id'), r.getAttribute('data-quadrant'), r.getAttribute('data-tags') || ''];"
            "});")]

    def points(self):
        return [tuple(g) for g in self.driver.execute_script(
            "return Array.from(document.querySelectorAll('figure#map svg g.domain[data-id]')).map(function (g) {"
            "  return [g.getAttribute('data-id'), g.getAttribute('data-quadrant')];"
            "});")]

    def history(self):
        return [int(li.get_attribute("data-version")) for li in self.all("#history li[data-version]")]


def save_screenshot(driver, path, full_page=False, max_height=12000):
    """The viewport to `path`, or the whole document (at most `max_height` pixels) through
    Chromium's DevTools protocol; returns the path."""
    if full_page:
        metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        width, height = int(size["width"]), min(int(size["height"]), max_height)
        data = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
        with open(path, "wb") as f:
            f.write(base64.b64decode(data["data"]))
    else:
        driver.save_screenshot(path)
    return path


def new_browser(label=""):
    """A new headless Chromium: a session of its own (no cookies, no storage)."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ["--headless=new", "--no-sandbox", "--window-size=1280,1000", "--disable-dev-shm-usage",
                "--disable-gpu", "--lang=en-US"]:
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CSP_RECORDER})
    return Browser(driver, label)


@pytest.fixture(scope="session")
def browser():
    """The shared browser, signed in as the administrator."""
    os.makedirs(SHOTS, exist_ok=True)
    for old in os.listdir(SHOTS):
        if old.endswith(".png"):
            os.remove(os.path.join(SHOTS, old))
    assert PASSWORD, "SAFEZONES_PASSWORD is not set: run the tests through Tests/browser/run.sh"
    b = new_browser()
    try:
        sign_in(b, "admin")
        yield b
    finally:
        b.driver.quit()


@pytest.fixture
def fresh():
    """Makes browsers of their own for one test (each a new session); closes them after it."""
    made = []

    def make(label):
        b = new_browser(label)
        made.append(b)
        return b
    yield make
    for b in made:
        b.driver.quit()


def sign_in(b, role, expect_path=None):
    """Signs in through the real form at /login (the page `b` shows, if it is the sign-in
    page, so that its `next` is kept; else /login) and checks where it lands."""
    email, _ = ACCOUNTS[role]
    if not b.path().startswith("/login"):
        b.go("/login")
    assert b.all("form#sign-in"), "the sign-in form, not the set-up page: " + b.css("main").text[:200]
    set_field(b, "email", email)
    set_field(b, "password", PASSWORD)
    b.navigate(b.css("button#sign-in-button").click, f"the page after signing in as {role}")
    assert not b.path().startswith("/login"), f"still on {b.path()} after signing in as {role}: " + \
        " ".join(e.text for e in b.all("#sign-in-error"))
    if expect_path is not None:
        assert b.path() == expect_path, b.path()


def assert_refused(b, path, role_needed):
    """`path` answers the error page of a role too low (403), offering nothing to save."""
    b.go(path)
    main = b.css("main").text
    status = b.driver.execute_script(
        "var e = document.querySelector('.error-page .status-code'); return e && e.textContent.trim();")
    assert status == "Error 403" and f"This needs the {role_needed} role" in main, f"{path}: {status}: {main[:300]}"
    assert not b.all("button#save-assessment") and not b.all("form#assessment-form"), path
    assert not b.path().startswith("/login"), "a signed-in account is refused, not sent to sign in"


def assert_clean(b, statuses=()):
    """No console errors (but failed loads with the given expected statuses), no script
    errors, no content security policy violations, in the browser's current tab."""
    b.collect_logs()
    csp = b.driver.execute_script("return sessionStorage.getItem('csp-violations')")
    js = b.driver.execute_script("return sessionStorage.getItem('js-errors')")
    errors = [e for e in b.console_errors if not any(f"status of {s}" in e for s in statuses)]
    assert not errors, "console errors:\n" + "\n".join(errors)
    assert not json.loads(csp or "[]"), "content security policy violations: " + csp
    assert not json.loads(js or "[]"), "script errors: " + js


def api_request(path, token=TOKEN, method="GET", body=None, cookie=None):
    """(status, headers, body) of an API or page request outside the browser; redirects are
    not followed."""
    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None
    request = urllib.request.Request(BASE + path, method=method,
                                     data=None if body is None else json.dumps(body).encode("utf-8"))
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.build_opener(Stay).open(request, timeout=10) as r:
            return r.status, r.headers, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8")


def api(path):
    """The JSON of an API read, with the administrator's token."""
    status, _, body = api_request(path)
    assert status == 200, (path, status, body[:300])
    return json.loads(body)


def set_field(b, name, value):
    field = b.css(f"#{name}")
    field.clear()
    field.send_keys(value)
    return field


# ---------------------------------------------------------------------------------------
# The map


def test_map_shows_every_shipped_domain(browser):
    b = browser
    b.go("/")
    b.shot("map", full_page=True)
    assert b.driver.title.startswith("Map")
    shown, total, text = b.count()
    assert (shown, total) == (SHIPPED_DOMAINS, SHIPPED_DOMAINS), text
    assert text.startswith(f"{SHIPPED_DOMAINS} of {SHIPPED_DOMAINS} domains")
    # The form's controls, as the pages promise them.
    assert sorted(i.get_attribute("value") for i in b.all("form#filters input[name=quadrant]")) == sorted(QUADRANTS)
    assert b.css("select#filter-tag").get_attribute("name") == "tag"
    assert b.css("input#filter-q").get_attribute("name") == "q"
    assert b.css("button#apply-filters").is_displayed()
    assert not b.all("a#clear-filters"), "no filter is set, so there is nothing to clear"
    # The drawing: one linked point per domain, each inside <a href="/domains/ID">.
    svg = b.css("figure#map svg")
    assert svg.is_displayed() and svg.size["width"] > 300 and svg.size["height"] > 300, svg.size
    points = b.points()
    rows = b.rows()
    assert len(points) == SHIPPED_DOMAINS and len(rows) == SHIPPED_DOMAINS
    assert sorted(points) == sorted((i, q) for i, q, _ in rows), "the map and the table disagree"
    for g in b.all("figure#map svg g.domain[data-id]")[:5]:
        href = b.driver.execute_script("var a = arguments[0].closest('a'); return a && a.getAttribute('href');", g)
        assert href == "/domains/" + g.get_attribute("data-id")
    assert all(q in QUADRANTS for _, q in points)
    assert len({q for _, q in points}) == 4, "the shipped domains cover all four quadrants"
    assert (DOMAIN, "safe-zone") in points
    # The table matches the placements the API reports.
    placements = api("/api/v1/placements")
    listed = placements.get("domains") or placements.get("placements") or []
    if listed:
        by_id = {d["id"]: d for d in listed}
        for i, q, _ in rows:
            assert by_id[i]["quadrant"] == q, i
    b.state["before"] = dict((i, q) for i, q, _ in rows)


def test_filter_by_quadrant(browser):
    b = browser
    b.go("/")
    box = b.css("form#filters input[name=quadrant][value=safe-zone]")
    box.click()
    # With script, ticking the box refreshes the results in place.
    b.wait_for(lambda: b.count()[0] < SHIPPED_DOMAINS, "the live refresh after ticking safe zone")
    b.shot("filter-quadrant-live")
    b.navigate(b.css("button#apply-filters").click, "the map filtered by Apply")
    assert "quadrant=safe-zone" in b.path()
    b.shot("filter-quadrant-applied", full_page=True)
    shown, total, text = b.count()
    rows, points = b.rows(), b.points()
    expected = sorted(i for i, q in b.state["before"].items() if q == "safe-zone")
    assert 0 < shown < total == SHIPPED_DOMAINS, text
    assert "match the filter" in text
    assert sorted(i for i, _, _ in rows) == expected
    assert sorted(i for i, _ in points) == expected
    assert {q for _, q, _ in rows} == {"safe-zone"} and {q for _, q in points} == {"safe-zone"}
    assert b.css("form#filters input[value=safe-zone]").is_selected(), "the box stays ticked after the reload"
    # A second quadrant widens the selection.
    b.css("form#filters input[name=quadrant][value=monitor]").click()
    b.navigate(b.css("button#apply-filters").click, "the map filtered by two quadrants")
    assert "quadrant=safe-zone" in b.path() and "quadrant=monitor" in b.path()
    rows = b.rows()
    assert {q for _, q, _ in rows} == {"safe-zone", "monitor"}
    assert len(rows) == sum(1 for q in b.state["before"].values() if q in ("safe-zone", "monitor"))
    b.shot("filter-two-quadrants")
    # Clear brings every domain back.
    b.navigate(b.css("a#clear-filters").click, "the map without a filter")
    assert b.path() == "/"
    assert b.count()[:2] == (SHIPPED_DOMAINS, SHIPPED_DOMAINS)
    assert not any(i.is_selected() for i in b.all("form#filters input[name=quadrant]"))
    # All four ticked selects the same domains as none, but the form must show them ticked
    # (the page is cached per filter as typed, not per selection).
    b.go("/?" + "&".join("quadrant=" + q for q in QUADRANTS))
    assert b.count()[0] == SHIPPED_DOMAINS
    assert all(i.is_selected() for i in b.all("form#filters input[name=quadrant]"))


def test_filter_by_tag(browser):
    b = browser
    b.go("/")
    options = [o.get_attribute("value") for o in b.all("select#filter-tag option")]
    assert options[0] == "any" and len(options) > 2
    # The tag carried by the most domains, but not by all.
    counts = {t: sum(1 for _, _, tags in b.rows() if t in tags.split()) for t in options[1:]}
    tag = max((t for t in counts if 0 < counts[t] < SHIPPED_DOMAINS), key=lambda t: counts[t])
    b.driver.execute_script(
        "var s = arguments[0]; s.value = arguments[1]; s.dispatchEvent(new Event('input', {bubbles: true}));",
        b.css("select#filter-tag"), tag)
    b.wait_for(lambda: b.count()[0] == counts[tag], f"the live refresh for tag {tag}")
    b.navigate(b.css("button#apply-filters").click, "the map filtered by tag")
    assert "tag=" + tag in b.path()
    b.shot("filter-tag")
    rows = b.rows()
    assert len(rows) == counts[tag] == b.count()[0]
    assert all(tag in tags.split() for _, _, tags in rows)
    assert b.css("select#filter-tag").get_attribute("value") == tag


def test_filter_by_text_live_and_submitted(browser):
    b = browser
    b.go("/")
    q = b.css("input#filter-q")
    q.send_keys("ligo")
    # The script refreshes the results while typing (after a short pause).
    b.wait_for(lambda: b.count()[0] == 1, "the live text filter to leave one domain")
    b.shot("filter-text-live")
    assert [i for i, _, _ in b.rows()] == [DOMAIN]
    assert [i for i, _ in b.points()] == [DOMAIN]
    assert b.path() == "/?q=ligo", "the live refresh keeps the address in step: " + b.path()
    assert b.css("a#clear-filters").is_displayed(), "the live refresh offers the way back"
    # Submitting gives the same result as a plain page load.
    q = b.css("input#filter-q")
    b.navigate(lambda: q.send_keys(Keys.ENTER), "the map after submitting the query")
    assert b.css("input#filter-q").get_attribute("value") == "ligo"
    assert b.css("a#clear-filters").is_displayed()
    assert "q=ligo" in b.path()
    shown, total, text = b.count()
    assert (shown, total) == (1, SHIPPED_DOMAINS) and f"1 of {SHIPPED_DOMAINS} domains match the filter" in text, text
    b.shot("filter-text-submitted")
    # The same query in capitals matches the same domain and is shown as typed.
    b.go("/?q=LIGO")
    assert b.count()[0] == 1 and b.css("input#filter-q").get_attribute("value") == "LIGO"
    # A query nothing matches says so and offers the way back.
    b.go("/?q=zzzz-no-such-domain")
    assert b.count()[0] == 0
    assert b.css("#no-matches").is_displayed()
    assert not b.all("figure#map g.domain")
    b.shot("filter-no-match")
    # Clearing the box live brings every domain back.
    b.go("/?q=ligo")
    q = b.css("input#filter-q")
    q.send_keys(Keys.CONTROL, "a")
    q.send_keys(Keys.BACKSPACE)
    b.wait_for(lambda: b.count()[0] == SHIPPED_DOMAINS, "every domain after emptying the query")
    assert not b.all("a#clear-filters"), "nothing left to clear"


def test_keyboard_focus_on_map_point_shows_tooltip(browser):
    b = browser
    b.go("/")
    # Tab from the filter form's last control into the drawing.
    b.driver.execute_script("document.getElementById('apply-filters').focus()")
    ActionChains(b.driver).send_keys(Keys.TAB).perform()
    focused = b.driver.switch_to.active_element
    inside = b.driver.execute_script(
        "var e = document.activeElement; return !!(e.closest && e.closest('figure#map')) && "
        "!!(e.querySelector && e.querySelector('g.domain'));")
    assert inside, "Tab after the filters reaches a point of the map: " + (focused.tag_name or "")
    point = focused.find_element(By.CSS_SELECTOR, "g.domain")
    tip = b.wait_for(lambda: next((t for t in b.all("#map-tooltip") if t.is_displayed()), None),
                     "the tooltip on keyboard focus")
    name = point.get_attribute("data-name") or ""
    assert name and name in tip.text, (name, tip.text)
    assert "Joint gains" in tip.text and "Political risk" in tip.text
    assert focused.get_attribute("aria-label"), "the focused link has an accessible name"
    b.shot("keyboard-tooltip")
    # Escape hides it; Enter on the focused link opens the domain.
    ActionChains(b.driver).send_keys(Keys.ESCAPE).perform()
    b.wait_for(lambda: not b.css("#map-tooltip").is_displayed(), "the tooltip hidden by Escape")
    target = point.get_attribute("data-id")
    b.navigate(lambda: b.driver.switch_to.active_element.send_keys(Keys.ENTER), "Enter on the focused point")
    assert b.path() == "/domains/" + target


def test_hover_shows_tooltip(browser):
    b = browser
    b.go("/")
    g = b.css(f"figure#map g.domain[data-id='{DOMAIN}'] circle.marker")
    ActionChains(b.driver).move_to_element(g).perform()
    tip = b.wait_for(lambda: next((t for t in b.all("#map-tooltip") if t.is_displayed()), None), "hover tooltip")
    assert "Gravitational" in tip.text
    b.shot("hover-tooltip")


# ---------------------------------------------------------------------------------------
# The domain page


def check_domain_page(b, domain_id, versions):
    assert b.path().startswith("/domains/" + domain_id), b.path()
    placement = b.css("section#placement")
    assert placement.get_attribute("data-quadrant") in QUADRANTS
    gains, risk = float(b.css("#gains").text), float(b.css("#risk").text)
    assert 0 <= gains <= 1 and 0 <= risk <= 1
    criteria = [tr.get_attribute("data-criterion") for tr in b.all("table#criteria tr[data-criterion]")]
    assert len(criteria) == 14 and len(set(criteria)) == 14, criteria
    assert b.css("#strategy").is_displayed()
    assert b.css("#strategy .stance-headline").text.strip()
    # `versions`: how many (numbered 1…n), or the version numbers shown, newest first (a
    # domain judged for several pairs numbers them across pairs).
    shown = list(range(versions, 0, -1)) if isinstance(versions, int) else versions
    assert b.history() == shown
    assert b.all(f"#history li#version-{shown[0]}")
    return placement.get_attribute("data-quadrant"), gains, risk


def test_open_domain_from_the_map(browser):
    b = browser
    b.go("/")
    g = b.css(f"figure#map g.domain[data-id='{DOMAIN}'] circle.marker")
    b.navigate(ActionChains(b.driver).move_to_element(g).click().perform, "the domain page from its point")
    assert b.path() == "/domains/" + DOMAIN
    b.shot("domain-from-map")
    quadrant, gains, risk = check_domain_page(b, DOMAIN, 1)
    assert quadrant == "safe-zone"
    assert b.css("h1").text == "Gravitational waves"
    assert not b.all("#saved-notice") and not b.all("#version-notice")
    b.state["placement"] = (quadrant, gains, risk)


def test_open_domain_from_the_table(browser):
    b = browser
    b.go("/")
    row = next(r for r in b.all("table#domain-table tbody tr[data-id]") if r.get_attribute("data-id") != DOMAIN)
    target = row.get_attribute("data-id")
    link = row.find_element(By.CSS_SELECTOR, "a")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    b.navigate(link.click, "the domain page from its row")
    assert b.path() == "/domains/" + target
    # The shipped history of the domain (one assessment, or the essay's and a later one).
    quadrant, _, _ = check_domain_page(b, target, b.history()[0] if b.history() else 1)
    assert quadrant == b.state["before"][target]
    b.shot("domain-from-table", full_page=True)
    # Strategy actions, when there are any, carry their ids.
    for li in b.all("#strategy li[data-action]"):
        assert li.get_attribute("data-action") and li.find_element(By.CSS_SELECTOR, "h3").text


# ---------------------------------------------------------------------------------------
# Assessing


def test_add_assessment_moves_the_domain(browser):
    b = browser
    b.go("/domains/" + DOMAIN)
    b.navigate(b.css("a#add-assessment").click, "the assessment form")
    assert b.path() == f"/domains/{DOMAIN}/assess"
    form = b.css("form#assessment-form")
    assert form.get_attribute("method") == "post"
    assert b.css("form#assessment-form input[name=_csrf]").get_attribute("value")
    # The version counts every pair's judgements: one US–CN and one EU–CN so far.
    assert b.css("input[name=base_version]").get_attribute("value") == "2"
    # The form starts from the current assessment.
    assert b.css("#score-military").get_attribute("value") not in ("", "4")
    # No name to type: the signed-in account signs the assessment.
    assert not b.all("form#assessment-form [name=assessor]")
    assert ADMIN_NAME in b.css("#signed-by").text, b.css("#signed-by").text
    b.shot("assess-form")
    set_field(b, "perspective", "third-country")
    set_field(b, "note", "Raised the military score to check that the placement moves.")
    # A hypothetical: the interferometry becomes a military priority. Military
    # applicability has a floor that mitigation cannot remove, so risk rises past 0.5.
    set_field(b, "score-military", "4")
    set_field(b, "rationale-military", "Hypothetical: the interferometry becomes a military priority.")
    b.shot("assess-form-filled")
    b.navigate(b.css("button#save-assessment").click, "the domain page after saving")
    assert b.path() == f"/domains/{DOMAIN}?saved=3", b.path()
    b.shot("assess-saved", full_page=True)
    notice = b.css("#saved-notice")
    assert notice.is_displayed() and "version 3" in notice.text
    # Version 2 is the domain's EU–CN judgement: the US–CN history shows 3 and 1.
    quadrant, gains, risk = check_domain_page(b, DOMAIN, [3, 1])
    before_q, before_gains, before_risk = b.state["placement"]
    assert risk > before_risk, (before_risk, risk)
    assert quadrant != before_q, f"{DOMAIN} stayed in {quadrant} with risk {risk}"
    assert quadrant == "political-engineering", quadrant
    assert ADMIN_NAME in b.css("#history li#version-3").text
    assert ADMIN_NAME in b.css("section#placement .assessed-by").text
    # The criteria table shows the new score.
    assert b.css("table#criteria tr[data-criterion=military] td.score").text.startswith("4")
    changes = b.css("#history li#version-3").text
    assert "Moved to another quadrant" in changes and "Military applicability: 0 → 4" in changes, changes
    # The older version is still reachable.
    b.go(f"/domains/{DOMAIN}?version=1")
    assert b.css("#version-notice").is_displayed()
    assert b.css("section#placement").get_attribute("data-quadrant") == before_q
    b.shot("domain-version-1")
    b.state["after"] = quadrant


def test_map_shows_the_new_quadrant(browser):
    b = browser
    b.go("/")
    after = b.state["after"]
    row = b.css(f"table#domain-table tr[data-id='{DOMAIN}']")
    point = b.css(f"figure#map g.domain[data-id='{DOMAIN}']")
    assert row.get_attribute("data-quadrant") == after
    assert point.get_attribute("data-quadrant") == after
    assert "2 versions" in row.text
    # Only this domain moved.
    now = {i: q for i, q, _ in b.rows()}
    moved = sorted(i for i in now if now[i] != b.state["before"][i])
    assert moved == [DOMAIN], moved
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", point)
    ActionChains(b.driver).move_to_element(point).perform()
    b.shot("map-after-save")
    # The quadrant filter agrees.
    b.go("/?quadrant=" + after)
    assert DOMAIN in [i for i, _, _ in b.rows()]
    b.go("/?quadrant=safe-zone")
    assert DOMAIN not in [i for i, _, _ in b.rows()]


@pytest.mark.parametrize("bad", ["5", "abc"])
def test_bad_score_is_refused_with_messages(browser, bad):
    b = browser
    b.go(f"/domains/{DOMAIN}/assess")
    set_field(b, "score-military", bad)
    b.navigate(b.css("button#save-assessment").click, "the form again, with errors")
    # The form posts the pair it judges back with it.
    assert b.path() == f"/domains/{DOMAIN}/assess?pair=US-CN", b.path()
    b.shot(f"assess-invalid-{bad}")
    summary = b.css("#form-errors")
    assert summary.get_attribute("role") == "alert"
    assert "Nothing was saved" in summary.text
    links = [a.get_attribute("href") or "" for a in summary.find_elements(By.CSS_SELECTOR, "a")]
    assert any(h.endswith("#score-military") for h in links), links
    # Focus lands on the summary, for keyboard and screen-reader users.
    assert b.driver.execute_script("return document.activeElement && document.activeElement.id") == "form-errors"
    field = b.css("#score-military")
    assert field.get_attribute("value") == bad, "what was typed is kept"
    assert field.get_attribute("aria-invalid") == "true"
    described = (field.get_attribute("aria-describedby") or "").split()
    assert "error-score-military" in described, described
    message = b.css("p.field-error#error-score-military")
    assert message.is_displayed() and message.text.strip()
    assert re.search(r"0|4|number", message.text), message.text
    # The message sits next to its field (in the same criterion fieldset).
    assert b.driver.execute_script(
        "return arguments[0].closest('fieldset') === arguments[1].closest('fieldset')", field, message)
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
    b.shot(f"assess-invalid-{bad}-field")
    # Nothing was saved.
    b.go("/domains/" + DOMAIN)
    assert b.history() == [3, 1]


def test_assessment_is_signed_by_the_signed_in_account(browser):
    b = browser
    b.go(f"/domains/{DOMAIN}/assess")
    signed = b.css("#signed-by")
    assert ADMIN_NAME in signed.text and "your account signs" in signed.text, signed.text
    # A name slipped into the form (as a forged request would) signs nothing.
    b.driver.execute_script(
        "var i = document.createElement('input'); i.type = 'hidden'; i.name = 'assessor';"
        "i.value = 'Mallory Forger'; document.getElementById('assessment-form').appendChild(i);")
    set_field(b, "note", "Signed by the account that saved it.")
    set_field(b, "rationale-military", "Hypothetical, restated: the interferometry is a military priority.")
    b.shot("assess-signed-by")
    b.navigate(b.css("button#save-assessment").click, "the domain page after saving")
    assert b.path() == f"/domains/{DOMAIN}?saved=4", b.path()
    entry = b.css("#history li#version-4").text
    assert ADMIN_NAME in entry and "Mallory" not in entry, entry
    assert ADMIN_NAME in b.css("section#placement .assessed-by").text
    # The US–CN history: version 2 is the domain's EU–CN judgement, shown under that pair.
    assert b.history() == [4, 3, 1]
    b.shot("assess-signed-saved")
    SHARED["admin_saved"] = DOMAIN


def test_other_pages_render(browser):
    b = browser
    for path, marker in [("/rubric", "h1"), ("/data", "form#import-form"), ("/assess", "form#assessment-form"),
                         ("/account", "form#create-token"), ("/rounds", "form#open-round"),
                         ("/admin/users", "table#account-table"), ("/admin/audit", "table#audit-table")]:
        b.go(path)
        assert b.all(marker), path
        b.shot("page" + path.replace("/", "-"))


def test_no_console_errors(browser):
    # The deliberate invalid submissions answer 422; Chromium may log that as a failed load.
    assert_clean(browser, statuses=[422])


# ---------------------------------------------------------------------------------------
# Accounts and roles: each test in browsers of its own, so each starts signed out.


def open_round(b, study, title, domains):
    """Opens a Delphi round on /rounds as `b`'s (facilitator or admin) account; its id."""
    b.go("/rounds")
    form = b.css("form#open-round")
    assert form.is_displayed()
    set_field(b, "study", study)
    set_field(b, "title", title)
    for d in domains:
        box = b.css(f"form#open-round input[name=domain][value='{d}']")
        b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        if not box.is_selected():
            box.click()
    b.navigate(b.css("button#open-round-button").click, "the new round's page")
    match = re.fullmatch(r"/rounds/(\d+)", b.path())
    assert match, "opening a round leads to its page, not " + b.path() + ": " + b.css("main").text[:300]
    return int(match.group(1))


def test_anonymous_visitor_is_sent_to_sign_in(fresh):
    b = fresh("anonymous")
    for path in ["/", f"/domains/{DOMAIN}", "/admin/users"]:
        b.go(path)
        where = urllib.parse.urlsplit(b.path())
        assert where.path == "/login", f"{path} → {b.path()}"
        assert urllib.parse.parse_qs(where.query).get("next") == [path], b.path()
        assert b.all("form#sign-in") and not b.all("figure#map")
    b.shot("login", full_page=True)
    assert b.css("input#email").get_attribute("autocomplete") == "username"
    assert b.css("input#password").get_attribute("type") == "password"
    # The API takes tokens only: nothing without one.
    status, headers, body = api_request("/api/v1/domains", token=None)
    assert status == 401 and "Bearer" in (headers.get("WWW-Authenticate") or ""), (status, body[:200])
    assert json.loads(body)["error"]["code"] == "unauthenticated"
    # A wrong password is refused on the same page, without saying which part was wrong.
    b.go(f"/login?next=/domains/{DOMAIN}")
    set_field(b, "email", ACCOUNTS["viewer"][0])
    set_field(b, "password", "not-the-password-at-all")
    b.navigate(b.css("button#sign-in-button").click, "the sign-in page again")
    assert b.path().startswith("/login") and b.css("#sign-in-error").is_displayed()
    assert b.css("input#email").get_attribute("value") == ACCOUNTS["viewer"][0]
    b.shot("login-refused")
    # The right one goes where the visitor was going.
    sign_in(b, "viewer", expect_path=f"/domains/{DOMAIN}")
    assert b.css("h1").text == "Gravitational waves"
    # The refused sign-in answers 401; Chromium logs it as a failed load.
    assert_clean(b, statuses=[401])


def test_viewer_reads_but_cannot_assess(fresh):
    b = fresh("viewer")
    sign_in(b, "viewer", expect_path="/")
    shown, total, text = b.count()
    assert (shown, total) == (SHIPPED_DOMAINS, SHIPPED_DOMAINS), text
    assert len(b.points()) == SHIPPED_DOMAINS
    b.shot("map")
    b.go(f"/domains/{DOMAIN}")
    assert b.css("h1").text == "Gravitational waves"
    assert b.css("section#placement").get_attribute("data-quadrant") in QUADRANTS
    assert len(b.all("table#criteria tr[data-criterion]")) == 14
    # No button or form for what the role may not do.
    assert not b.all("a#add-assessment")
    b.shot("domain")
    for path in ["/rubric", "/warnings", "/data"]:
        b.go(path)
        assert not b.all(".error-page"), path
    assert not b.all("form#import-form") and b.css("#import-needs").is_displayed()
    for path in ["/assess", f"/domains/{DOMAIN}/assess"]:
        assert_refused(b, path, "assessor")
        b.shot("refused" + path.replace("/", "-"))
    assert_refused(b, "/rounds", "assessor")
    assert_refused(b, "/admin/users", "admin")
    # A personal API token made on /account reads, but cannot write.
    b.go("/account")
    assert ACCOUNTS["viewer"][0] in b.css("main").text and "viewer" in b.css("main").text
    set_field(b, "name", "browser test")
    b.navigate(b.css("button#create-token-button").click, "the account page with the new token")
    token = b.css("#new-token-value").text.strip()
    assert token.startswith("szt_"), token
    b.shot("account-new-token")
    assert b.all("table#token-table tr[data-token]")
    status, _, body = api_request("/api/v1/domains", token=token)
    assert status == 200 and len(json.loads(body)["domains"]) > 0, (status, body[:200])
    status, _, body = api_request(f"/api/v1/domains/{DOMAIN}/assessments", token=token, method="POST", body={})
    assert status == 403 and json.loads(body)["error"]["code"] == "forbidden", (status, body[:300])
    # The refusals answer 403; Chromium logs them as failed loads.
    assert_clean(b, statuses=[403])


def test_facilitator_runs_rounds(fresh):
    b = fresh("facilitator")
    sign_in(b, "facilitator")
    b.go("/rounds")
    assert b.css("form#open-round").is_displayed() and b.css("button#open-round-button").is_displayed()
    b.shot("rounds")
    other = next(d["id"] for d in api("/api/v1/domains")["domains"] if d["id"] != DOMAIN)
    round_id = open_round(b, "Browser study", "Initial judgements", [DOMAIN, other])
    b.shot("round-opened", full_page=True)
    main = b.css("main").text
    assert "Initial judgements" in main and b.css("#round-status").is_displayed(), main[:300]
    SHARED["round"] = round_id
    SHARED["round_domains"] = [DOMAIN, other]
    # The list shows it; the import form is there, but not the accounts or the audit trail.
    b.go("/rounds")
    assert any(a.get_attribute("href").endswith(f"/rounds/{round_id}") for a in b.all("main a[href]"))
    b.go("/data")
    assert b.css("form#import-form").is_displayed()
    assert_refused(b, "/admin/users", "admin")
    assert_refused(b, "/admin/audit", "admin")
    assert_clean(b, statuses=[403])


def test_assessor_assesses_but_cannot_facilitate(fresh):
    if "round" not in SHARED:  # run on its own: a facilitator opens one first
        f = fresh("facilitator")
        sign_in(f, "facilitator")
        SHARED["round"] = open_round(f, "Browser study (assessor)", "Round", [DOMAIN])
        SHARED["round_domains"] = [DOMAIN]
    round_id = SHARED["round"]
    b = fresh("assessor")
    sign_in(b, "assessor")
    # An assessment of another domain, signed by the assessor's account.
    target = next(i for i, _, _ in b.rows() if i != DOMAIN)
    b.go(f"/domains/{target}")
    versions = b.history()
    b.navigate(b.css("a#add-assessment").click, "the assessment form")
    assert ASSESSOR_NAME in b.css("#signed-by").text
    assert not b.all("form#assessment-form [name=assessor]")
    set_field(b, "note", "An assessor's judgement, from the browser tests.")
    b.shot("assess-form")
    b.navigate(b.css("button#save-assessment").click, "the domain page after saving")
    new = versions[0] + 1
    assert b.path() == f"/domains/{target}?saved={new}", b.path() + ": " + b.css("main").text[:300]
    assert ASSESSOR_NAME in b.css(f"#history li#version-{new}").text
    assert ASSESSOR_NAME in b.css("section#placement .assessed-by").text
    b.shot("assess-saved")
    SHARED["assessor_saved"] = target
    # Rounds: the list and the assessor's own page, but not the facilitator's pages.
    b.go("/rounds")
    assert not b.all(".error-page")
    b.go(f"/rounds/{round_id}/assessor")
    judging = b.css("#judging-as").text
    assert ASSESSOR_NAME in judging, judging
    assert not b.all("input[name=assessor]"), "the panellist is the signed-in account"
    first = SHARED["round_domains"][0]
    # One form for the whole round, a section per domain.
    assert len(b.all("form#round-form")) == 1 and b.all(f"form#round-form section#domain-{first}")
    b.shot("round-assessor")
    # A judgement: every criterion of the first domain scored 2 (set by script: 14 fields),
    # then the round's one submit.
    scores = b.driver.execute_script(
        "var f = document.querySelector(arguments[0]);"
        "var boxes = Array.from(f.querySelectorAll('input[name*=\".score-\"]'));"
        "boxes.forEach(function (i) { i.value = '2'; }); return boxes.length;", f"section#domain-{first}")
    assert scores == 14, scores
    set_field(b, f"{first}--note", "Judged from the browser tests.")
    button = b.css("button#submit-round")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    b.navigate(button.click, "the assessor's round page after submitting")
    assert b.path().startswith(f"/rounds/{round_id}/assessor"), b.path()
    assert b.css("#saved-notice").is_displayed(), b.css("main").text[:300]
    assert b.css(f"section#domain-{first} p.byline").get_attribute("data-prefill") == "this-round"
    b.shot("round-judged")
    SHARED["judged"] = first
    assert_refused(b, f"/rounds/{round_id}", "facilitator")
    b.shot("refused-round")
    assert_refused(b, "/admin/users", "admin")
    assert_refused(b, "/admin/audit", "admin")
    assert_clean(b, statuses=[403])


def test_admin_sees_accounts_and_an_intact_audit_trail(fresh):
    b = fresh("admin")
    sign_in(b, "admin")
    b.go("/admin/users")
    rows = {r.get_attribute("data-account"): r for r in b.all("table#account-table tr[data-account]")}
    assert set(rows) == {email for email, _ in ACCOUNTS.values()}, sorted(rows)
    for role, (email, name) in ACCOUNTS.items():
        assert name in rows[email].text, rows[email].text
        chosen = rows[email].find_element(By.CSS_SELECTOR, "select[name=role] option:checked")
        assert chosen.get_attribute("value") == role, (email, chosen.get_attribute("value"))
    b.shot("admin-users", full_page=True)
    if "judged" in SHARED:  # an administrator may see who answered a round
        b.go(f"/rounds/{SHARED['round']}")
        row = b.css(f"table#participation-table tr[data-domain='{SHARED['judged']}']").text
        assert ASSESSOR_NAME in row, row
    b.go("/admin/audit")
    records = b.all("table#audit-table tbody tr[data-seq]")
    assert records, "the audit trail is empty"
    # (who, what) of every record.
    done = {tuple(r) for r in b.driver.execute_script(
        "return Array.from(document.querySelectorAll('table#audit-table tbody tr[data-seq]')).map(function (r) {"
        "  return [r.cells[2].textContent.trim(), r.cells[4].textContent.trim()]; });")}
    admin, facilitator, assessor = (ACCOUNTS[r][0] for r in ("admin", "facilitator", "assessor"))
    assert (admin, "sign-in") in done, sorted(done)
    expected = [(admin, "assessment.add", "admin_saved"), (facilitator, "round.open", "round"),
                (assessor, "assessment.add", "assessor_saved")]
    for who, what, flag in expected:
        if flag in SHARED:
            assert (who, what) in done, f"{what} by {who} is not in the audit trail: {sorted(done)}"
    b.navigate(b.css("button#verify-button").click, "the audit trail, verified")
    verification = b.css("#verification").text
    match = re.match(r"Intact: (\d+) records", verification)
    assert match, verification
    assert int(match.group(1)) >= len(records)
    b.shot("admin-audit-verified")
    assert_clean(b)


def test_sign_out_ends_the_session(fresh):
    b = fresh("sign-out")
    sign_in(b, "assessor")
    cookie = b.driver.get_cookie("sz_session")
    assert cookie and cookie.get("httpOnly"), cookie
    session = f"sz_session={cookie['value']}"
    # The cookie opens the pages (replayed outside the browser too), never the API.
    status, _, _ = api_request("/", token=None, cookie=session)
    assert status == 200, status
    status, _, _ = api_request("/api/v1/domains", token=None, cookie=session)
    assert status == 401, status
    b.go("/account")
    assert ASSESSOR_NAME in b.css("main").text
    b.shot("account")
    b.navigate(b.css("button#sign-out").click, "the page after signing out")
    assert b.path().startswith("/login"), b.path()
    b.shot("signed-out")
    b.go("/")
    assert urllib.parse.urlsplit(b.path()).path == "/login", b.path()
    assert b.all("form#sign-in")
    # The old session cookie is worth nothing now, even replayed outside the browser.
    status, headers, _ = api_request("/", token=None, cookie=session)
    assert status == 303 and (headers.get("Location") or "").startswith("/login"), (status, headers.get("Location"))
    assert_clean(b)
