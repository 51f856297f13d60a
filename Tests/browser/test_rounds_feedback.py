"""Browser test of Delphi feedback people can act on: a facilitator opens a round on two
domains, two panellists (the assessor and the administrator, who may also assess) submit
with rationales, the facilitator sees who has not answered and closes the round; in the next
round one panellist drops out; the other opens the feedback and finds, per criterion, the
chart of this round against the last, the rationales without names, and the note that the
narrowing partly reflects a missing panellist. docs/deliberation.md describes the pages.

Run through Tests/browser/run.sh like test_site.py (same server, accounts and variables; its
fixtures and helpers are imported from there). It uses a study and two domains of its own and
changes no domain. Screenshots (1280 and 390 pixels wide) go to
SAFEZONES_SHOTS_DIR/rounds-feedback/ (a folder of its own: test_site.py empties the top
folder when its browser starts).
"""

import os

from test_site import (  # noqa: F401  (fresh: a fixture, found by name)
    ACCOUNTS, SHOTS, api, assert_clean, fresh, open_round, save_screenshot, sign_in,
)

OUT = os.path.join(SHOTS, "rounds-feedback")
STUDY = "Feedback study"
# Two shipped domains no other browser test judges in a round.
ROUND_DOMAINS = ["neutrino-physics", "quantum-encryption"]
ASSESSOR_NAME = ACCOUNTS["assessor"][1]
ADMIN_NAME = ACCOUNTS["admin"][1]
PHONE_WIDTH, PHONE_HEIGHT = 390, 844


def shot(b, name, full_page=True):
    """A screenshot in OUT, of the whole document unless `full_page` is false."""
    os.makedirs(OUT, exist_ok=True)
    return save_screenshot(b.driver, os.path.join(OUT, name + ".png"), full_page, max_height=9000)


def round_domains():
    """The two domains of the study (any two others, but gravitational-waves, if renamed)."""
    ids = [d["id"] for d in api("/api/v1/domains")["domains"]]
    chosen = [d for d in ROUND_DOMAINS if d in ids]
    for d in reversed(ids):
        if len(chosen) == 2:
            break
        if d not in chosen and d != "gravitational-waves":
            chosen.append(d)
    return chosen


def type_into(b, field_id, text):
    el = b.css(f"#{field_id}")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    el.clear()
    el.send_keys(text)


def judge(b, round_id, values):
    """Types `values` ({domain: {field: value}}) into the panellist's page of the round and
    submits: with the round's one form, or with each domain's own form."""
    b.go(f"/rounds/{round_id}/assessor")
    one_form = bool(b.all("button#submit-round"))
    for domain, fields in values.items():
        for field, value in fields.items():
            type_into(b, f"{domain}--{field}", value)
        if not one_form:
            button = b.css(f"button#submit-{domain}")
            b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
            b.navigate(button.click, f"the panellist's page after submitting {domain}")
            assert b.css("#saved-notice").is_displayed(), b.css("main").text[:300]
    if one_form:
        button = b.css("button#submit-round")
        b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
        b.navigate(button.click, "the panellist's page after submitting")
        assert b.css("#saved-notice").is_displayed(), b.css("main").text[:300]


def close(f, round_id):
    """Closes the round from its page, through the confirmation page when there is one."""
    f.go(f"/rounds/{round_id}")
    button = f.css("button#close-round-button")
    f.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    f.navigate(button.click, "the page after the close button")
    if f.all("button#confirm-close"):
        f.navigate(f.css("button#confirm-close").click, "the closed round")
    assert f.path() == f"/rounds/{round_id}", f.path()
    assert "Closed" in f.css("#round-status").text


def as_phone(b):
    b.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": PHONE_WIDTH, "height": PHONE_HEIGHT, "deviceScaleFactor": 1, "mobile": True})


def overflow(b):
    """How far the page reaches past the viewport's right edge, in CSS pixels (0: none)."""
    return b.driver.execute_script(
        "return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth);")


def test_feedback_shows_charts_rationales_and_who_has_not_answered(fresh):
    first, second = round_domains()
    f = fresh("facilitator")
    sign_in(f, "facilitator")
    r1 = open_round(f, STUDY, "First judgements", [first, second])

    # Two panellists judge with reasons; the administrator leaves the second domain.
    a = fresh("assessor")
    sign_in(a, "assessor")
    judge(a, r1, {first: {"score-military": "1", "rationale-military": "Detectors have no weapons use."},
                  second: {"score-economic": "2", "rationale-economic": "A small market so far."}})
    m = fresh("admin")
    sign_in(m, "admin")
    judge(m, r1, {first: {"score-military": "3", "rationale-military": "Navies fund detector research."}})

    # The facilitator sees who has not answered, per domain.
    f.go(f"/rounds/{r1}")
    missing = f.css(f"#unanswered-list li[data-domain='{second}']").text
    assert ADMIN_NAME in missing and ASSESSOR_NAME not in missing, missing
    assert f.css(f"#unanswered-list li[data-domain='{first}']").text.endswith("everyone has answered."), \
        f.css("#unanswered").text
    f.driver.execute_script("document.getElementById('unanswered').scrollIntoView()")
    shot(f, "01-facilitator-who-has-not-answered", full_page=False)
    # A panellist never does.
    a.go(f"/rounds/{r1}/assessor")
    assert not a.all("#unanswered") and ADMIN_NAME not in a.css("main").text
    close(f, r1)

    # Round 2: only the assessor answers; the administrator, expected from round 1, does not.
    r2 = open_round(f, STUDY, "Revision", [first, second])
    judge(a, r2, {first: {"score-military": "2",
                          "rationale-military": "Moved up: detector timing work is dual use after all."}})
    f.go(f"/rounds/{r2}")
    assert ADMIN_NAME in f.css(f"#unanswered-list li[data-domain='{first}']").text, f.css("#unanswered").text
    assert ADMIN_NAME in f.css("#unanswered-silent").text
    close(f, r2)
    # The facilitator's convergence flags N falling and explains the narrowing.
    row = f.css(f"#convergence-table tr[data-domain='{first}'][data-criterion='military']")
    assert row.get_attribute("data-n-changed") == "true" and "N fell" in row.text, row.text
    notes = f.css("#convergence-notes").text
    assert "N fell from 2 to 1: the narrowing partly reflects a missing panellist." in notes, notes
    assert "Who did not answer" in f.css("#unanswered").text
    f.driver.execute_script("document.getElementById('convergence').scrollIntoView()")
    shot(f, "02-facilitator-convergence", full_page=False)

    # The panellist's feedback: per criterion a chart against round 1, the numbers, the note.
    a.go(f"/rounds/{r2}/feedback")
    cards = a.all("section.delphi-criterion")
    assert [c.get_attribute("id") for c in cards if c.get_attribute("id").startswith(f"feedback-{first}-")], \
        "a card per criterion"
    for card in cards:
        charts = card.find_elements("css selector", "svg.delphi-distribution")
        assert len(charts) == 1, card.get_attribute("id")
        assert charts[0].get_attribute("role") == "img" and charts[0].get_attribute("aria-label")
        assert charts[0].size["width"] > 200 and charts[0].size["height"] > 40, charts[0].size
    card = a.css(f"section#feedback-{first}-military")
    label = card.find_element("css selector", "svg.delphi-distribution").get_attribute("aria-label")
    assert "Round 2: 1 panellist" in label and "Round 1: 2 panellists" in label and "Yours: 2" in label, label
    assert card.find_elements("css selector", "svg.delphi-distribution g.round.previous")
    assert card.find_element("css selector", "svg.delphi-distribution g.own text").text == "you"
    note = a.css(f"#feedback-{first}-military-change").text
    assert "N fell from 2 to 1: the narrowing partly reflects a missing panellist." in note, note
    reasons = a.css(f"#feedback-{first}-military-rationales").text
    assert "Moved up: detector timing work is dual use after all. (yours)" in reasons, reasons
    main = a.css("main").text
    assert ADMIN_NAME not in main and "Navies fund" not in main, "round 2 names nobody and quotes only round 2"
    a.driver.execute_script(f"document.getElementById('feedback-{first}-military').scrollIntoView()")
    shot(a, "03-feedback-criterion-1280", full_page=False)
    shot(a, "04-feedback-page-1280")

    # Round 1's feedback: both reasons, no names, the reader's own marked.
    a.go(f"/rounds/{r1}/feedback")
    reasons = a.css(f"#feedback-{first}-military-rationales")
    items = [li.text for li in reasons.find_elements("css selector", "li")]
    assert items == ["Score 1: Detectors have no weapons use. (yours)", "Score 3: Navies fund detector research."], items
    assert ADMIN_NAME not in a.css("main").text
    shot(a, "05-feedback-round-1-1280")

    # At 390 pixels: the charts fit the width, nothing scrolls sideways.
    as_phone(a)
    a.go(f"/rounds/{r2}/feedback")
    chart = a.css(f"section#feedback-{first}-military svg.delphi-distribution")
    assert chart.size["width"] <= PHONE_WIDTH and chart.size["width"] > 300, chart.size
    assert overflow(a) == 0, f"the page scrolls sideways by {overflow(a)} px at {PHONE_WIDTH}"
    a.driver.execute_script(f"document.getElementById('feedback-{first}-military').scrollIntoView()")
    shot(a, "06-feedback-criterion-390", full_page=False)
    shot(a, "07-feedback-page-390")
    as_phone(f)
    f.go(f"/rounds/{r2}")
    assert overflow(f) == 0, f"the facilitator's page scrolls sideways by {overflow(f)} px"
    f.driver.execute_script("document.getElementById('unanswered').scrollIntoView()")
    shot(f, "08-facilitator-390", full_page=False)

    for b in (a, f, m):
        assert_clean(b)
