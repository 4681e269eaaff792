"""The dashboard in a real browser: Debian's chromium, headless, driven by Playwright, on a store
ingested from examples/ (plus an article that tries to inject HTML).

Every test checks that the page raised no script error and asked nothing of any host but the
dashboard's own.
"""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.model]

PAGES = {
    "/": "#weekly-chart[data-ready='1']",
    "/events": "table.events tbody tr",
    "/dyads": "ul.pairs li a",
    "/dyads?actor=JPN&recipient=PRK": "#series-chart[data-ready='1']",
    "/actors": "#top-actors tbody tr",
    "/actors/Kishida?date=2024-03-26": "table.roles tr.current",
    "/try": "#try-text",
    "/documents/sample-3": "#document-text mark.hl-sentence",
    "/api/docs": ".swagger-ui .information-container",
}


def clean(tab) -> None:
    assert tab.errors == [], tab.errors
    assert tab.outside == [], f"requests that left the dashboard: {tab.outside}"


@pytest.mark.parametrize(("path", "selector"), PAGES.items())
def test_each_page_loads_and_draws(tab, path, selector):
    page = tab.open(path)
    page.wait_for_selector(selector, timeout=15_000)
    clean(tab)


def test_overview_toggles_the_weekly_split(tab):
    page = tab.open("/")
    page.wait_for_selector("#weekly-chart[data-ready='1']")
    quads = page.evaluate("heronCharts['weekly-chart'].data.datasets.map(d => d.label)")
    assert "verbal cooperation" in quads
    page.click("button[data-split='type']")
    types = page.evaluate("heronCharts['weekly-chart'].data.datasets.map(d => d.label)")
    assert "AGREE" in types and "verbal cooperation" not in types
    clean(tab)


def test_dyad_explorer_completes_draws_and_lists_a_period(tab):
    page = tab.open("/dyads")
    page.fill("input[name=actor]", "Jap")
    page.wait_for_selector("#actor-options option[value='Japan']", state="attached", timeout=10_000)
    page.fill("input[name=actor]", "Japan")
    page.fill("input[name=recipient]", "North Korea")
    page.select_option("select[name=by]", "month")
    page.click("#dyad-form button[type=submit]")
    page.wait_for_selector("#series-chart[data-ready='1']")
    chart = page.evaluate(
        "(() => { const c = heronCharts['series-chart']; return {labels: c.data.labels, "
        "sets: c.data.datasets.map(d => ({label: d.label, data: d.data}))}; })()"
    )
    assert [s["label"] for s in chart["sets"]] == ["JPN → PRK", "PRK → JPN"]
    march = chart["labels"].index("2024-03-01")
    assert chart["sets"][0]["data"][march] >= 1
    # click the point of March 2024 on the canvas
    x, y = page.evaluate(
        f"(() => {{ const p = heronCharts['series-chart'].getDatasetMeta(0).data[{march}]; "
        "return [p.x, p.y]; })()"
    )
    box = page.locator("#series-chart").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_selector("#period-events table.events tbody tr", timeout=10_000)
    assert page.inner_text("#period-title").startswith("2024-03-01 – 2024-03-31")
    clean(tab)


def test_an_event_opens_its_provenance_with_highlighted_spans(tab):
    page = tab.open("/events?q=arrested&actor=KEN")
    page.locator("table.events tbody tr a.code").first.click()
    page.wait_for_url(re.compile(r"/events/"))
    sentence = page.locator("#sentence")
    assert sentence.locator("mark.hl-actor").first.inner_text() == "Kenyan police"
    assert sentence.locator("mark.hl-trigger").first.inner_text() == "arrested"
    assert sentence.locator("mark.hl-recipient").first.inner_text() == "12 protesters"
    assert sentence.locator("mark.hl-place").first.inner_text() == "Nairobi"
    assert sentence.locator("mark.hl-date").first.inner_text() == "Tuesday"
    assert "arrest-173" in page.inner_text("#rule")
    assert page.locator("#context mark.hl-sentence").count() >= 1
    assert "report" in page.inner_text("#cluster-summary")  # the happening it reports
    clean(tab)


def test_try_it_codes_text_and_shows_highlights(tab):
    page = tab.open("/try")
    page.fill("#try-text", "Japan pledged $50 million in humanitarian aid to Sudan on Thursday.")
    page.fill("input[name=date]", "2024-06-14")
    page.click("#try-form button[type=submit]")
    page.wait_for_selector("#try-result .coded")
    coded = page.locator("#try-result .coded")
    assert coded.locator("mark.hl-actor").first.inner_text() == "Japan"
    assert coded.locator("mark.hl-recipient").first.inner_text() == "Sudan"
    assert "pledged" in coded.locator("mark.hl-trigger").first.inner_text()
    clean(tab)


def test_injected_html_stays_inert(tab):
    page = tab.open("/events?doc=evil-1")
    assert page.locator("table.events tbody tr").count() >= 1
    for link in page.locator("table.events tbody tr a.code").all():
        href = link.get_attribute("href")
        page2 = tab.open(href)
        page2.wait_for_selector("#sentence")
        text = page2.inner_text("main")
        assert "window.__pwned" in text  # shown as words …
        assert page2.evaluate("window.__pwned === undefined")  # … never run
        assert page2.locator("main script, main img").count() == 0
        page2.go_back()
    page = tab.open("/documents/evil-1")
    assert "<script>window.__pwned='title'</script>Evil title" in page.inner_text("h1")
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("a[href^='javascript:']").count() == 0
    # and typed into "Try it"
    page = tab.open("/try")
    page.fill(
        "#try-text", 'Japan condemned North Korea over <img src=x onerror="window.__pwned=1">.'
    )
    page.click("#try-form button[type=submit]")
    page.wait_for_selector("#try-result")
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("main img").count() == 0
    clean(tab)
