"""Browser test of the interface language as a reader in Beijing and one in Brussels would
meet it (issue 12): the browser's Accept-Language is not asked for here, so the switcher in
the header chooses; the main pages in Simplified Chinese and in English, the choice
remembered, the map's words in the language, no script or policy errors."""

import re

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.ui import Select

from test_site import assert_clean, fresh, sign_in  # noqa: F401  (fixtures are found by name)

MAIN_PAGES = ["/", "/warnings", "/graph", "/rounds", "/simulate", "/supply-chains", "/screen", "/rubric",
              "/compare", "/domains/aerospace", "/domains/aerospace/assess", "/assess", "/taxonomies", "/data",
              "/account"]

# Four or more Latin words in a row: a sentence left in English.
ENGLISH_RUN = re.compile(r"[A-Za-z][A-Za-z'’]*[,:;.]?(?:[ \t]+[A-Za-z][A-Za-z'’]*[,:;.]?){3,}")


def english_runs(b):
    """The page's text outside what is English on purpose (marked lang=en: knowledge-base
    rationales and evidence; translate=no: what people typed), as the reader sees it."""
    text = b.driver.execute_script("""
      const clone = document.body.cloneNode(true);
      clone.querySelectorAll('[lang="en"], [translate="no"], script, style, code, kbd, pre, textarea')
        .forEach(e => e.remove());
      return clone.textContent;""")
    # A library's or the system's own words, quoted as such (the YAML parser's message).
    text = re.sub(r"原文：.*?）", " ", text, flags=re.S)
    return sorted(set(ENGLISH_RUN.findall(text)))


def test_main_pages_in_both_languages(fresh):
    b = fresh("languages")
    sign_in(b, "facilitator")
    b.go("/")
    assert b.driver.execute_script("return document.documentElement.lang") == "en"
    b.navigate(lambda: Select(b.css("#lang-select")).select_by_value("zh-Hans"), "the page in Chinese")
    assert b.driver.execute_script("return document.documentElement.lang") == "zh-Hans"
    assert "安全区" in b.css("figure#map svg").get_attribute("textContent"), "the map's words in Chinese"
    b.shot("map-zh")

    # The script's own words: the map's tooltip.
    g = b.css("figure#map g.domain[data-id='aerospace'] circle.marker")
    ActionChains(b.driver).move_to_element(g).perform()
    tip = b.wait_for(lambda: next((t for t in b.all("#map-tooltip") if t.is_displayed()), None), "hover tooltip")
    assert "共同收益" in tip.text and "政治风险" in tip.text and "航空航天" in tip.text, tip.text

    for path in MAIN_PAGES:
        b.go(path)
        assert b.driver.execute_script("return document.documentElement.lang") == "zh-Hans", path
        nav = b.css("nav a[href='/']").text
        assert nav == "象限图", f"{path}: {nav}"
        assert Select(b.css("#lang-select")).first_selected_option.get_attribute("value") == "zh-Hans", path
        heading = b.css("h1").text
        assert re.search(r"[\u4e00-\u9fff]", heading), f"{path}: the heading {heading!r} is not in Chinese"
        left = english_runs(b)
        assert not left, f"{path}: English left on the Chinese page: {left[:8]}"
        b.shot("zh" + path.replace("/", "-"))

    # Back to English from any page; every main page answers in English again.
    b.navigate(lambda: Select(b.css("#lang-select")).select_by_value("en"), "the page in English")
    for path in MAIN_PAGES:
        b.go(path)
        assert b.driver.execute_script("return document.documentElement.lang") == "en", path
        assert b.css("nav a[href='/']").text == "Map", path
    assert_clean(b)
