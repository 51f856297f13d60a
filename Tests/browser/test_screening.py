"""Browser test of screening as a research-security officer would use it (issue 11): paste a
proposal, read the screening, refuse a decision without its conditions, save one, open the
record, print it, and see it listed; on a phone too."""

from test_site import assert_clean, fresh, sign_in  # noqa: F401  (fixtures are found by name)

PROPOSAL = """proposal:
  id: p-browser-1
  title: Solid-state electrolytes and battery plants
  abstract: We will search for solid-state electrolytes for lithium batteries.
  aims:
    - id: a1
      text: Detect gravitational waves with laser interferometers and publish the data.
    - id: a2
      text: Train artificial intelligence models on the partner's lithium battery cell production data.
  partners:
    - {name: "Example Institute of Battery Materials", country: CN}
"""


def click(b, selector):
    """Clicks as a person would: the element scrolled to the middle of the screen first (the
    form's buttons stay in view at the bottom and would cover it otherwise)."""
    element = b.css(selector)
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()
    return element


def test_paste_screen_save_record(fresh):
    b = fresh("screening")
    sign_in(b, "assessor")
    b.go("/")
    b.navigate(b.css("nav a[href='/screen']").click, "the screening page from the navigation")
    b.css("textarea#proposal").send_keys(PROPOSAL)
    b.navigate(b.css("button#screen-submit").click, "the screening")
    overall = b.css("#p0-overall")
    assert "a2" in overall.text, overall.text
    assert b.all("section.aim[data-aim='a1']") and b.all("section.aim[data-aim='a2']")
    assert b.all("#p0-map svg circle.ring"), "the most sensitive aim is ringed on the map"
    assert "lithium-based-batteries" in [r.get_attribute("data-id") for r in b.all("#p0-aim-a2-domains tr[data-id]")]
    b.shot("screen-result", full_page=True)

    # Proceed with conditions but none given: refused, the rationale kept.
    click(b, "#p0-decision-proceed-with-conditions")
    click(b, "textarea#p0-rationale").send_keys("Aim a2 trains on the partner's production data.")
    b.navigate(lambda: click(b, "button#p0-save"), "the refusal")
    assert "needs its conditions" in b.css("#form-errors").text
    assert b.css("textarea#p0-rationale").get_attribute("value") == "Aim a2 trains on the partner's production data."
    b.shot("screen-refused")

    click(b, "#p0-decision-proceed-with-conditions")
    click(b, "textarea#p0-conditions").send_keys("Aim a2 runs separately; only published results are shared.")
    b.navigate(lambda: click(b, "button#p0-save"), "the saved record")
    assert b.path().startswith("/screen/records/p-browser-1/"), b.path()
    assert b.css("#saved-notice").is_displayed()
    sha = b.css("#record-sha256").text
    assert len(sha) == 64 and all(c in "0123456789abcdef" for c in sha), sha
    assert b.css("#decision").get_attribute("data-decision") == "proceed-with-conditions"
    assert "only published results are shared" in b.css("#decision").text
    b.shot("screen-record", full_page=True)

    # Printed, the record drops the navigation and keeps the decision and the hash.
    b.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    assert not b.css("header.site").is_displayed()
    assert b.css("#decision").is_displayed() and b.css("#record-sha256").is_displayed()
    b.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    b.go("/screen/records")
    assert b.all("table#records tr[data-proposal='p-browser-1']")
    b.shot("screen-records")

    # On a phone: no sideways scrolling on the form, the result or the record.
    b.driver.set_window_size(390, 844)
    for path in ["/screen", "/screen/records", "/screen/records/p-browser-1/1"]:
        b.go(path)
        width = b.driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
    b.shot("screen-record-phone", full_page=True)
    assert_clean(b, statuses=(422,))  # the refused save above answers 422, as it should
