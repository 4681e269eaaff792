"""The pages, rendered on the server: each loads, escapes what it shows, and errs in words."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from web_factories import EVIL_DOC

PAGES = [
    "/",
    "/events",
    "/events?actor=Japan&q=meet&page=1",
    "/events/jp-0:0:0",
    "/documents/jp-0",
    "/dyads",
    "/dyads?actor=JPN&recipient=PRK",
    "/dyads?actor=Japan&recipient=North+Korea&by=week&measure=quad",
    "/dyads/period?actor=JPN&recipient=PRK&period=2024-03-01",
    "/actors",
    "/actors?q=JP",
    "/actors/JPN",
    "/actors/Kishida?date=2024-01-01",
    "/try",
]
#: anything the browser would load from another host (links to articles are not loaded)
EXTERNAL = re.compile(
    r"""(src|srcset|data)=["']?(https?:)?//|<link[^>]+href=["']?(https?:)?//""", re.I
)
#: a script element that is not one of Heron's own two
FOREIGN_SCRIPT = re.compile(
    r"<script(?![^>]*src=\"/static/)(?![^>]*type=\"application/json\")", re.I
)


@pytest.mark.parametrize("url", PAGES)
def test_page_loads_with_only_heron_scripts(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert not FOREIGN_SCRIPT.search(response.text)
    assert not EXTERNAL.search(response.text)


def test_injected_html_is_shown_as_text(client):
    url = "/events/" + quote(f"{EVIL_DOC}:0:0", safe="")
    html = client.get(url).text
    assert "window.__pwned" in html  # the text is there …
    assert "<script>window.__pwned" not in html  # … never as markup
    assert "&lt;script&gt;window.__pwned=&#39;text&#39;&lt;/script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x" in html
    assert 'href="javascript:' not in html  # a document URL that is not http(s) is not a link
    doc = client.get("/documents/" + quote(EVIL_DOC, safe="")).text
    assert "<script>window.__pwned" not in doc and "&lt;i&gt;Wire&lt;/i&gt;" in doc


def test_form_values_are_escaped(client):
    html = client.get('/events?q="><script>alert(1)</script>').text
    assert "<script>alert(1)" not in html
    assert 'value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_overview_shows_counts_and_failures(client):
    html = client.get("/").text
    assert 'id="n-events">126<' in html and 'id="n-clusters">20<' in html
    assert "not UTF-8 text (byte 0x9f)" in html
    assert 'id="weekly-data"' in html


def test_events_page_links_the_next_page_with_its_filters(client):
    html = client.get("/events?cameo=17&per_page=50").text
    assert "page 1 of 3" in html
    assert 'href="/events?cameo=17&amp;per_page=50&amp;page=2"' in html


def test_dyad_period_fragment_is_the_table_only(client):
    html = client.get(
        "/dyads/period?actor=JPN&recipient=PRK&period=2024-03-01&by=month&fragment=1"
    ).text
    assert html.lstrip().startswith("<h3") and "<html" not in html
    assert html.count("<tr>") == 4  # the header and three events


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/events?since=soon", 400, "since: &#39;soon&#39; is not a date"),
        ("/events/nope:1:2", 404, "no event &#39;nope:1:2&#39;"),
        ("/documents/nope", 404, "no document"),
        ("/dyads?actor=JPN&recipient=PRK&by=decade", 400, "by: &#39;decade&#39; is not one of"),
        ("/dyads/period?actor=JPN&recipient=PRK&period=March", 400, "period:"),
        ("/actors/JPN?date=13/13/2024", 400, "date:"),
        ("/nowhere", 404, "Not Found"),
    ],
)
def test_errors_are_pages_that_say_what_is_wrong(client, url, status, words):
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert words in response.text


def test_the_chart_library_is_served_by_heron(client):
    response = client.get("/static/vendor/chart.js/chart.umd.min.js")
    assert response.status_code == 200
    assert "javascript" in response.headers["content-type"]
    assert response.text.startswith("/*!\n * Chart.js v4")
    assert client.get("/static/vendor/chart.js/LICENSE.md").status_code == 200


def test_the_vendored_chart_library_is_the_pinned_one():
    import importlib.util
    from pathlib import Path

    tool = Path(__file__).resolve().parents[2] / "tools" / "vendor_js.py"
    spec = importlib.util.spec_from_file_location("vendor_js", tool)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.sha256(module.DEST / "chart.umd.min.js") == module.SHA256


@pytest.mark.model
def test_try_it_codes_posted_text_and_escapes_it(client):
    response = client.post(
        "/try",
        data={
            "text": "Kenyan police arrested 12 protesters in Nairobi on Tuesday, "
            "<script>alert(1)</script> officials said.",
            "date": "2024-05-08",
        },
    )
    assert response.status_code == 200
    assert 'class="hl hl-trigger"' in response.text
    assert "<script>alert(1)" not in response.text and "&lt;script&gt;alert(1)" in response.text


@pytest.mark.model
def test_try_it_rejects_empty_text_in_words(client):
    response = client.post("/try", data={"text": "   ", "date": ""})
    assert response.status_code == 400
    assert "paste some text" in response.text


@pytest.mark.model
@pytest.mark.parametrize(
    "url", [*PAGES, "/events/sample-1:0:0", "/documents/taipei-times-page.txt"]
)
def test_pages_work_on_the_store_make_run_makes(sample_client, url):
    response = sample_client.get(url)
    assert response.status_code == 200 or url.startswith(("/events/jp-0", "/documents/jp-0"))


def test_provenance_lists_the_reports_of_its_cluster(client):
    html = client.get("/events/bulk:0:0").text
    assert 'id="cluster-summary"' in html and 'id="cluster-members"' in html
    assert '<tr class="this">' in html


@pytest.mark.model
def test_explain_again_shows_the_frames_and_the_rule(client):
    html = client.get(
        "/try?text=Kenyan+police+arrested+12+protesters+in+Nairobi.&date=2024-05-08&explain=1"
    ).text
    assert 'id="frames"' in html and "arrest" in html
    assert 'class="hl hl-trigger"' in html
