"""Browser tests of daily use: the Delphi round form that never loses a word, the actions
that ask first and can be undone, links from a new domain, a back-dated save, and views of
time that agree. Each walks the path a new user took when the problem was found.

Run through Tests/browser/run.sh after test_site.py (which expects the shipped knowledge
base untouched): these tests add domains and assessments. They use domains of their own or
ones test_site.py does not read, and studies named after this file.
"""

import datetime
import re

from test_site import (  # noqa: F401  (fixtures are found by name)
    ACCOUNTS, api, assert_clean, fresh, open_round, set_field, sign_in,
)

ASSESSOR_NAME = ACCOUNTS["assessor"][1]
# Two shipped domains no other browser test assesses.
ROUND_DOMAINS = ["particle-physics", "climate-modelling"]
RISKY = {"military": "4", "security_exposure": "4", "dominance": "4", "salience": "4"}
SHARED = {}


def field_value(b, field_id):
    return b.css(f"#{field_id}").get_attribute("value")


def type_into(b, field_id, text):
    el = b.css(f"#{field_id}")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    el.clear()
    el.send_keys(text)
    return el


def round_domains():
    """Two shipped domains for the round (falling back to any two others if renamed)."""
    ids = [d["id"] for d in api("/api/v1/domains")["domains"]]
    chosen = [d for d in ROUND_DOMAINS if d in ids]
    for d in ids:
        if len(chosen) == 2:
            break
        if d not in chosen and d != "gravitational-waves":
            chosen.append(d)
    return chosen


def test_round_form_keeps_every_word(fresh):
    f = fresh("facilitator")
    sign_in(f, "facilitator")
    domains = round_domains()
    round_id = open_round(f, "Daily use study", "Round one", domains)
    SHARED.update(round=round_id, domains=domains)

    a = fresh("panellist")
    sign_in(a, "assessor")
    a.go(f"/rounds/{round_id}/assessor")
    # One form for the whole round, one submit; the level meanings beside each score.
    assert len(a.all("form#round-form")) == 1 and len(a.all("button#submit-round")) == 1
    first, second = domains
    assert a.all(f"ol#{first}--levels-military li[data-level='4']")
    a.shot("round-form")

    # Type in both domains; the level typed is highlighted; the draft is saved as one types.
    type_into(a, f"{first}--score-military", "4")
    assert "is-current" in a.css(f"ol#{first}--levels-military li[data-level='4']").get_attribute("class")
    type_into(a, f"{first}--rationale-military", "Detector work has defence uses.")
    for criterion, value in RISKY.items():
        type_into(a, f"{first}--score-{criterion}", value)
    type_into(a, f"{second}--score-economic", "7")  # out of range: refused at submit
    type_into(a, f"{second}--rationale-economic", "Typed with care.")
    a.wait_for(lambda: "Draft saved" in a.css("#autosave-status").text, "the draft saved as one types")
    a.shot("round-draft-saved")

    # Leaving with unsaved typing asks first (the handler cancels the unload).
    type_into(a, f"{second}--note", "Still typing")
    cancelled = a.driver.execute_script(
        "var e = new Event('beforeunload', {cancelable: true});"
        "window.dispatchEvent(e); return e.defaultPrevented;")
    assert cancelled, "leaving with unsaved typing must ask"
    a.wait_for(lambda: "Draft saved" in a.css("#autosave-status").text, "the last typing saved too")

    # Leave and come back: every word is there, from the draft.
    a.go("/rounds")
    a.go(f"/rounds/{round_id}/assessor")
    assert field_value(a, f"{first}--rationale-military") == "Detector work has defence uses."
    assert field_value(a, f"{second}--score-economic") == "7"
    assert field_value(a, f"{second}--note") == "Still typing"
    assert len(a.all("p[data-prefill=draft]")) == 2
    # Nothing saved: no warning when leaving now.
    assert not a.driver.execute_script(
        "var e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented;")

    # Submit: refused as a whole, both domains' typing kept next to the errors.
    a.navigate(a.css("button#submit-round").click, "the refused round form")
    assert a.css("#form-errors").is_displayed()
    assert "Economic" in a.css("#form-errors").text
    assert field_value(a, f"{first}--rationale-military") == "Detector work has defence uses."
    assert field_value(a, f"{second}--rationale-economic") == "Typed with care."
    a.shot("round-refused", full_page=True)

    # Corrected: both domains go in one submission.
    type_into(a, f"{second}--score-economic", "3")
    a.navigate(a.css("button#submit-round").click, "the page after submitting")
    notice = a.css("#saved-notice").text
    assert "Submitted your judgements" in notice, notice
    rounds = api(f"/api/v1/rounds/{round_id}")
    assert rounds, "the round reads back"
    a.shot("round-submitted")
    # On a phone the round form is one column and nothing scrolls sideways.
    a.driver.set_window_size(390, 844)
    a.go(f"/rounds/{round_id}/assessor")
    width = a.driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= 390, f"the round form is {width} px wide on a 390 px screen"
    lefts = a.driver.execute_script(
        "return Array.from(document.querySelectorAll('#round-form section:first-of-type textarea'))"
        ".map(function (t) { return Math.round(t.getBoundingClientRect().left); });")
    assert lefts and max(lefts) - min(lefts) <= 4, lefts
    a.driver.execute_script("document.getElementById('round-actions').scrollIntoView()")
    a.shot("round-form-phone")
    assert_clean(a, statuses=[422])  # the refused submission
    assert_clean(f)


def test_closing_and_adopting_ask_first_and_adopting_can_be_undone(fresh):
    if "round" not in SHARED:
        test_round_form_keeps_every_word(fresh)
    round_id, domains = SHARED["round"], SHARED["domains"]
    f = fresh("facilitator-close")
    sign_in(f, "facilitator")
    f.go(f"/rounds/{round_id}")

    # Close: the button leads to a page that says what closing means; nothing closed yet.
    f.navigate(f.css("button#close-round-button").click, "the close confirmation")
    assert f.path() == f"/rounds/{round_id}/close", f.path()
    assert "Closing is final" in f.css("#close-final").text
    assert ASSESSOR_NAME in f.css("#close-summary").text
    f.shot("close-confirm")
    f.navigate(f.css("a#cancel-close").click, "the round page again")
    assert "Open" in f.css("#round-status").text
    f.navigate(f.css("button#close-round-button").click, "the close confirmation again")
    f.navigate(f.css("button#confirm-close").click, "the closed round")
    assert "Closed" in f.css("#round-status").text

    # Adopt: a preview of each domain's move; nothing adopted before confirming.
    before = {d: len(api(f"/api/v1/domains/{d}/history")["assessments"]) for d in domains}
    f.navigate(f.css("button#adopt-round-button").click, "the adoption preview")
    assert f.path() == f"/rounds/{round_id}/adopt", f.path()
    rows = {tr.get_attribute("data-domain"): tr.text for tr in f.all("table#adopt-preview tbody tr")}
    assert set(rows) == set(domains), rows
    for d, text in rows.items():
        assert re.search(r"Moves from [a-z ]+ to [a-z ]+|Stays in [a-z ]+", text), text
    first = domains[0]
    # The first domain's panel judgement is as risky as the scale allows: it moves.
    assert "Moves from" in rows[first], rows[first]
    f.shot("adopt-preview", full_page=True)
    assert {d: len(api(f"/api/v1/domains/{d}/history")["assessments"]) for d in domains} == before
    f.navigate(f.css("button#confirm-adopt").click, "the round page after adopting")
    assert "pooled judgement is now the current assessment" in f.css("#adopted-notice").text

    # Undo: the revert button restores the assessment before the panel's, as a new one.
    f.shot("revert-offered", full_page=True)
    f.navigate(f.css(f"button#revert-{first}").click, "the round page after reverting")
    assert "Reverted the adoption for 1 domain" in f.css("#reverted-notice").text
    history = api(f"/api/v1/domains/{first}/history")["assessments"]
    assert len(history) == before[first] + 2
    assert history[-1]["note"].startswith("Restores version")
    assert any(h["assessor"].startswith("Delphi panel") for h in history)
    f.go(f"/domains/{first}")
    assert "reverting the adoption" in f.css("#history").text
    f.shot("domain-after-revert")
    assert_clean(f, statuses=[409])


def test_new_domain_links_to_existing_ones_and_carries_their_risk(fresh):
    b = fresh("linker")
    sign_in(b, "admin")
    b.go("/assess")
    assert b.css("fieldset#link-fields").is_displayed()
    set_field(b, "id", "daily-use-controls")
    set_field(b, "name", "Daily-use control systems")
    set_field(b, "date", datetime.date.today().isoformat())
    set_field(b, "perspective", "US")
    for criterion, value in {"fundamentality": "3", "maturity": "1", "parity": "3", "spillovers": "3",
                             "military": "1", "economic": "1", "security_exposure": "1"}.items():
        type_into(b, f"score-{criterion}", value)
    # Typed work on /assess is not lost to a stray click either: leaving asks first.
    assert b.driver.execute_script(
        "var e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented;")
    target = b.css("select#link-target-0")
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", target)
    target.find_element("css selector", "option[value='missile-guidance']").click()
    b.css("select#link-kind-0").find_element("css selector", "option[value='applies']").click()
    type_into(b, "link-weight-0", "1")
    type_into(b, "link-rationale-0", "Uses guidance control loops.")
    b.shot("assess-links", full_page=True)
    b.navigate(b.css("button#save-assessment").click, "the new domain's page")
    assert b.path().startswith("/domains/daily-use-controls"), b.path()
    raised = b.css("#linked-risk")
    assert "raised" in (raised.get_attribute("class") or ""), raised.text
    assert "missile-guidance" in raised.text or "Missile guidance" in raised.text
    detail = api("/api/v1/domains/daily-use-controls")
    assert [link["target"] for link in detail["links"]] == ["missile-guidance"]
    b.shot("linked-domain", full_page=True)
    assert_clean(b)


def test_views_of_time_agree_and_back_dated_saves_are_said(fresh):
    b = fresh("timekeeper")
    sign_in(b, "admin")
    domain = "daily-use-time"
    today = datetime.date.today().isoformat()
    b.go("/assess")
    set_field(b, "id", domain)
    set_field(b, "name", "Daily-use timing")
    set_field(b, "date", today)
    for criterion, value in {"fundamentality": "4", "maturity": "1", "parity": "3", "spillovers": "4",
                             "military": "0", "economic": "0", "security_exposure": "0", "salience": "0"}.items():
        type_into(b, f"score-{criterion}", value)
    b.navigate(b.css("button#save-assessment").click, "the new domain")
    first_quadrant = b.css("section#placement").get_attribute("data-quadrant")

    # A second assessment on the same day that moves the domain.
    b.go(f"/domains/{domain}/assess")
    set_field(b, "date", today)
    for criterion, value in RISKY.items():
        type_into(b, f"score-{criterion}", value)
    b.navigate(b.css("button#save-assessment").click, "the domain after the same-day move")
    now_quadrant = b.css("section#placement").get_attribute("data-quadrant")
    assert now_quadrant != first_quadrant, (first_quadrant, now_quadrant)
    history = b.css("#history li#version-2").text
    assert "Moved to another quadrant" in history, history
    # The warnings agree with the history ...
    assert not b.all("#no-warnings"), b.css("#migration").text
    assert "Quadrant changed" in b.css("ol#domain-warnings").text
    b.driver.execute_script("document.getElementById('migration').scrollIntoView()")
    b.shot("same-day-move-warnings")
    # ... and so does the map's trajectory.
    b.go(f"/?trajectories=on&q={domain}")
    assert b.all(f"figure#map g.trajectory[data-id='{domain}'] line.trajectory-step"), "an arrow for the move"
    b.driver.execute_script("document.getElementById('map').scrollIntoView()")
    b.shot("same-day-trajectory")

    # A back-dated save joins the history at its date; the current placement stays.
    b.go(f"/domains/{domain}/assess")
    set_field(b, "date", "2020-01-01")
    b.navigate(b.css("button#save-assessment").click, "the domain after a back-dated save")
    notice = b.css("#saved-notice").text
    assert "Saved as version 3, dated 2020-01-01" in notice and "current placement is unchanged" in notice, notice
    assert b.css("section#placement").get_attribute("data-quadrant") == now_quadrant
    assert "back-dated" in b.css("#history li#version-3").text
    assert "Version 2 (current)" in b.css("#history li#version-2").text
    b.shot("back-dated-notice")
    b.driver.execute_script("document.getElementById('history').scrollIntoView()")
    b.shot("back-dated-history")
    assert_clean(b)


def test_viability_says_what_is_missing_without_alarm(fresh):
    b = fresh("viability")
    sign_in(b, "viewer")
    b.go("/domains/daily-use-controls" if api("/api/v1/domains/daily-use-controls") else "/")
    text = b.css("#viability").text
    assert "Not shown to be viable" not in text
    assert text.startswith("Viability not known yet") and "No assessment from the CN side yet" in text, text
    assert "warning" not in (b.css("#viability").get_attribute("class") or "")
    b.shot("viability")
    assert_clean(b)
