"""Browser test of the interface language as a reader in Beijing and one in Brussels would
meet it (issue 12): the browser's Accept-Language is not asked for here, so the switcher in
the header chooses; the main pages in Simplified Chinese and in English, the choice
remembered, the map's words in the language, no script or policy errors."""

from selenium.webdriver.support.ui import Select

from test_site import assert_clean, fresh, sign_in  # noqa: F401  (fixtures are found by name)

MAIN_PAGES = ["/", "/warnings", "/graph", "/rounds", "/simulate", "/supply-chains", "/screen", "/rubric",
              "/compare", "/domains/aerospace"]


def test_main_pages_in_both_languages(fresh):
    b = fresh("languages")
    sign_in(b, "facilitator")
    b.go("/")
    assert b.driver.execute_script("return document.documentElement.lang") == "en"
    b.navigate(lambda: Select(b.css("#lang-select")).select_by_value("zh-Hans"), "the page in Chinese")
    assert b.driver.execute_script("return document.documentElement.lang") == "zh-Hans"
    assert "安全区" in b.css("figure#map svg").get_attribute("textContent"), "the map's words in Chinese"
    b.shot("map-zh")

    for path in MAIN_PAGES:
        b.go(path)
        assert b.driver.execute_script("return document.documentElement.lang") == "zh-Hans", path
        nav = b.css("nav a[href='/']").text
        assert nav == "象限图", f"{path}: {nav}"
        assert Select(b.css("#lang-select")).first_selected_option.get_attribute("value") == "zh-Hans", path

    # Back to English from any page; every main page answers in English again.
    b.navigate(lambda: Select(b.css("#lang-select")).select_by_value("en"), "the page in English")
    for path in MAIN_PAGES:
        b.go(path)
        assert b.driver.execute_script("return document.documentElement.lang") == "en", path
        assert b.css("nav a[href='/']").text == "Map", path
    assert_clean(b)
