"""Browser test of the supply-chain stress test as a funder's analyst would use it (issue 13):
open the page from the navigation, start from the example, run it with a mitigation plan,
read the charts and the ranked nodes, follow a node's domain to its page and find the
chain listed there, download the report; a refused network; the page on a phone."""

from test_site import assert_clean, fresh, sign_in  # noqa: F401  (fixtures are found by name)


def click(b, selector):
    element = b.css(selector)
    b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()
    return element


def test_run_read_follow(fresh):
    b = fresh("supply-chains")
    sign_in(b, "facilitator")
    b.go("/")
    b.navigate(b.css("nav a[href='/supply-chains']").click, "the supply-chain page from the navigation")
    b.navigate(lambda: click(b, "#use-example"), "the form with the example")
    assert "cells-a" in b.css("textarea#network").get_attribute("value")
    b.driver.execute_script("document.getElementById('mitigate').value = 'likely';")
    b.navigate(lambda: click(b, "button#stress-submit"), "the stress test")
    assert b.path().startswith("/supply-chains/"), b.path()
    run = b.path()
    assert b.css("#run-status").text == "done"
    # Both charts are drawn inline, with content.
    assert b.all("#tts-ttr-chart svg circle"), "dots on the TTS–TTR chart"
    assert b.all("#network-chart svg rect"), "nodes on the network chart"
    pack = b.css("#stress-nodes tr[data-node='pack']")
    assert "at-risk" in pack.get_attribute("class")
    assert b.css("#mitigation").is_displayed()
    b.shot("supply-chain-report", full_page=True)

    # A node's domain leads to the domain's page, which lists this chain.
    b.navigate(lambda: click(b, "#stress-nodes tr[data-node='cells-a'] a[href='/domains/lithium-based-batteries']"),
               "the domain page")
    assert b.all(f"#supply-chains a[href='{run}']"), "the domain page lists the chain"
    b.go(run)

    # The JSON download is the report.
    report = b.driver.execute_script(
        "var r = new XMLHttpRequest(); r.open('GET', arguments[0], false); r.send(); return [r.status, r.responseText];",
        run + "/report.json")
    assert report[0] == 200 and '"tts_days"' in report[1], report[0]

    # A broken network is refused with its line; the text is kept.
    b.go("/supply-chains?example")
    area = b.css("textarea#network")
    area.send_keys("\n  - {from: nowhere, to: pack}")
    b.navigate(lambda: click(b, "button#stress-submit"), "the refusal")
    assert "'nowhere' is not a node" in b.css("#form-errors").text
    assert "nowhere" in b.css("textarea#network").get_attribute("value")
    b.shot("supply-chain-refused")

    # On a phone: no sideways scrolling on the list or the report.
    b.driver.set_window_size(390, 844)
    for path in ["/supply-chains", run]:
        b.go(path)
        width = b.driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
    b.shot("supply-chain-report-phone", full_page=True)
    assert_clean(b, statuses=(422,))
