"""Browser test of the map's search box: words, their forms and synonyms, as a new user
typed them (issue 11: "machine learning" and "battery" found nothing, "AI" found aerospace,
direct air capture and solar photovoltaics but not artificial intelligence)."""

from test_site import assert_clean, fresh, sign_in  # noqa: F401  (fixtures are found by name)


def rows(b):
    return b.driver.execute_script(
        "return Array.from(document.querySelectorAll('table#domain-table tbody tr[data-id]'))"
        ".map(function (r) { return r.getAttribute('data-id'); });")


def test_map_search_finds_what_people_mean(fresh):
    b = fresh("searcher")
    sign_in(b, "viewer")
    unrelated = {"aerospace", "direct-air-capture", "solar-photovoltaics", "wind-energy", "particle-physics"}
    for query, expected in [("machine learning", "artificial-intelligence"), ("AI", "artificial-intelligence"),
                            ("battery", "lithium-based-batteries")]:
        b.go("/")
        box = b.css("input#filter-q")
        box.send_keys(query)
        # The live filter refreshes the results as one types: the domain meant is there,
        # none found for letters inside other words.
        b.wait_for(lambda: expected in rows(b) and len(rows(b)) < 30,
                   f"'{query}' to find {expected}, not {rows(b)}")
        assert not unrelated & set(rows(b)), (query, rows(b))
        b.shot("search-" + query.replace(" ", "-"))
    # As one types: a word's beginning is enough.
    b.go("/")
    b.css("input#filter-q").send_keys("gravitat")
    b.wait_for(lambda: rows(b) == ["gravitational-waves"], "the start of a word to find it")
    assert_clean(b)


def test_taxonomy_pages_read_cleanly(fresh):
    b = fresh("taxonomies")
    sign_in(b, "viewer")
    b.go("/")
    b.css("footer a[href='/taxonomies']").click()
    b.wait_for(lambda: b.path() == "/taxonomies", "the taxonomies page from the footer")
    assert len(b.all("section.taxonomy")) == 3
    b.shot("taxonomies")
    b.go("/taxonomies/us-cet-2024")
    assert len(b.all("section.taxonomy-area")) == 18
    b.shot("taxonomy-us-cet-2024")
    b.driver.set_window_size(390, 844)
    b.go("/taxonomies/eu-dual-use-annex-i")
    assert b.driver.execute_script("return document.documentElement.scrollWidth") <= 390
    b.shot("taxonomy-eu-phone")
    assert_clean(b)
