"""Browser test of country pairs as a policy analyst comparing the US's and the EU's position
would use them (issue 12): switch the map to EU–China with the header's selector, find the
choice remembered on the next page, open a domain assessed for both pairs and compare them,
read the comparison table and its drawing; a domain not assessed for the pair says so; the
selector and the comparison on a phone."""

from selenium.webdriver.support.ui import Select

from test_site import assert_clean, fresh, sign_in  # noqa: F401  (fixtures are found by name)


def choose_pair(b, pair):
    b.navigate(lambda: Select(b.css("#pair-select")).select_by_value(pair), f"the page for {pair}")


def test_switch_compare_and_remember(fresh):
    b = fresh("pairs")
    sign_in(b, "viewer")
    b.go("/")
    assert Select(b.css("#pair-select")).first_selected_option.get_attribute("value") == "US-CN"
    assert "US–CN" in b.css("#map svg title, figure svg title").get_attribute("textContent")

    # Choosing a pair reloads the page at once (script) and remembers the choice.
    choose_pair(b, "EU-CN")
    assert "EU–CN" in b.css("#map svg title, figure svg title").get_attribute("textContent")
    aerospace = b.driver.execute_script(
        "var r = document.querySelector('tr[data-id=\"aerospace\"]'); return r && r.getAttribute('data-quadrant');")
    assert aerospace == "traditional", aerospace
    b.shot("map-eu-cn")
    b.go("/warnings")
    assert Select(b.css("#pair-select")).first_selected_option.get_attribute("value") == "EU-CN", "remembered"

    # A domain judged for both pairs links to the other pair and to the comparison.
    b.go("/domains/aerospace")
    assert "EU–CN" in b.css("#domain-pairs").text
    b.navigate(b.css("#compare-pairs-link").click, "the comparison")
    assert b.path().startswith("/compare"), b.path()
    row = b.css("#compare-table tr[data-id='aerospace']")
    assert "military" in row.text and "Traditional" in row.text, row.text
    img = b.css("#compare-figure img")
    assert b.driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0;", img), \
        "the side-by-side maps load"
    b.shot("compare", full_page=True)

    # A domain with no EU–CN judgement says so, with the way out.
    b.go("/domains/high-performance-computing")
    main = b.css("main").text
    assert "has no assessment for EU–CN yet" in main, main[:300]

    # Back to the default pair (error pages have no selector: from the domain's page).
    b.go("/domains/aerospace")
    choose_pair(b, "US-CN")
    assert b.css("#domain-pairs").text.startswith("Placed for US–CN") or "US–CN" in b.css("main").text
    assert_clean(b, statuses=(404,))

    # On a phone: the header with its selector and the comparison fit the width.
    b.driver.set_window_size(390, 844)
    for path in ["/", "/compare"]:
        b.go(path)
        wide = b.driver.execute_script(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;")
        assert not wide, f"{path} scrolls sideways on a phone"
    b.shot("compare-phone", full_page=True)
