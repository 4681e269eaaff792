"""The JSON API on a hand-built store: data, paging, filters, errors (no model needed)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from web_factories import EVIL_DOC, EVIL_SENTENCE

TOTAL = 126  # 3 offers, 1 missile launch, 1 denial, 1 injection attempt, 120 arrests


def error_of(response):
    body = response.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert {"status", "type", "message"} <= set(err)
    assert err["status"] == response.status_code
    return err


def test_overview_counts_documents_events_and_failures(client):
    o = client.get("/api/overview").json()
    assert o["counts"]["events"] == TOTAL
    assert o["counts"]["failed"] == 1
    assert o["recent_failures"][0]["reason"] == "not UTF-8 text (byte 0x9f)"
    assert o["first_date"] == "2023-06-01" and o["last_date"] == "2024-04-12"
    assert o["clusters"] == 20 and o["unclustered"] == 0  # 120 arrests on 28 days: 14 clusters
    assert {r["key"] for r in o["weekly"]["quad"]} == {"1", "3", "4"}
    assert {r["key"] for r in o["weekly"]["type"]} >= {"AGREE", "ASSAULT", "COERCE"}


def test_overview_top_dyads_leave_negated_events_uncounted(client):
    dyads = {
        (d["actor"], d["recipient"]): d for d in client.get("/api/overview").json()["top_dyads"]
    }
    assert dyads[("KEN", "KEN")]["events"] == 14  # clusters: happenings, not reports
    assert dyads[("JPN", "PRK")]["events"] == 4  # 3 offers + the condemnation, not the denial


def test_events_are_paginated_and_count_them_all(client):
    first = client.get("/api/events?per_page=50").json()
    assert (first["total"], first["pages"], len(first["events"])) == (TOTAL, 3, 50)
    last = client.get("/api/events?per_page=50&page=3").json()
    assert len(last["events"]) == TOTAL - 100
    seen = {
        e["event_id"]
        for p in (1, 2, 3)
        for e in client.get(f"/api/events?page={p}").json()["events"]
    }
    assert len(seen) == TOTAL  # stable order: no event on two pages, none missed
    assert first["events"][0]["date"] == "2024-04-12"  # newest first


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("actor=JPN", 5),
        ("actor=Japan", 5),  # a name, looked up in the knowledge base
        ("recipient=JPN", 1),
        ("actor=JPNGOV", 3),
        ("cameo=17", 120),
        ("type=accuse", 1),
        ("quad=4", 121),
        ("flag=negated", 1),
        ("hide_flagged=1&actor=JPN", 4),
        ("actor=JPN&recipient=PRK&since=2024-02-01&until=2024-03-31", 3),
        ("q=missiles", 1),
        ("q=MISSILES", 1),
        ("q=%25", 0),  # '%' is a character to find, not a wildcard
        ("q=Japa_", 0),
        ("q=__pwned", 1),
        ("doc=kp-0", 1),
        ("actor=' OR 1=1 --", 0),  # parameters, never SQL
        ("q=' OR '1'='1", 0),
        ("since=&until=&actor=&q=", TOTAL),  # an empty form field is no filter
    ],
)
def test_event_filters(client, query, expected):
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 200, response.text
    assert response.json()["total"] == expected


@pytest.mark.parametrize(
    ("query", "param", "words"),
    [
        ("since=May", "since", "not a date"),
        ("since=2024-05-01&until=2024-01-01", "until", "before since"),
        ("per_page=500", "per_page", "between 1 and 200"),
        ("page=0", "page", "between 1"),
        ("page=x", "page", "not a whole number"),
        ("quad=7", "quad", "between 1 and 4"),
        ("cameo=abc", "cameo", "CAMEO"),
        ("type=DROP%20TABLE", "type", "PLOVER"),
        ("flag=evil", "flag", "not one of"),
        ("hide_flagged=maybe", "hide_flagged", "true or false"),
        ("q=" + "x" * 300, "q", "at most 200"),
    ],
)
def test_bad_event_parameters_are_400s_that_name_them(client, query, param, words):
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 400
    err = error_of(response)
    assert err["type"] == "bad_parameter"
    assert err["details"][0]["param"] == param
    assert words in err["message"]


def test_provenance_highlights_each_part_from_its_offsets(client):
    p = client.get("/api/events/jp-0:0:0").json()
    assert "".join(r["text"] for r in p["sentence_runs"]) == p["event"]["sentence"]["text"]
    by_kind = {}
    for r in p["sentence_runs"]:
        for k in r["kinds"]:
            by_kind.setdefault(k, "")
            by_kind[k] += r["text"]
    assert by_kind == {
        "actor": "Japan",
        "recipient": "North Korea",
        "trigger": "offered to meet",
        "place": "Tokyo",
        "date": "January 12",
    }
    assert p["rule"] == "test-rule-036"
    assert p["flags"]["negated"] is False
    assert p["document"]["title"] == "Offer 0"


def test_an_id_with_slashes_and_question_marks_is_found(client):
    p = client.get("/api/events/" + quote(f"{EVIL_DOC}:0:0", safe="")).json()
    assert p["event"]["sentence"]["text"] == EVIL_SENTENCE
    d = client.get("/api/documents/" + quote(EVIL_DOC, safe="")).json()
    assert d["document"]["doc_id"] == EVIL_DOC


def test_unknown_ids_are_404s(client):
    for url in ("/api/events/nope:0:0", "/api/documents/nope"):
        response = client.get(url)
        assert response.status_code == 404
        assert "nope" in error_of(response)["message"]


def test_series_both_ways_on_the_same_periods(client):
    s = client.get("/api/series?actor=Japan&recipient=PRK&by=month").json()
    assert s["actor_query"] == "JPN"
    assert s["periods"] == ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"]
    assert [r["events"] for r in s["forward"]] == [1, 1, 1, 1]  # March: the condemnation
    assert [r["events"] for r in s["backward"]] == [0, 0, 1, 0]  # the denial is not counted


def test_series_measures(client):
    g = client.get("/api/series?actor=PRK&recipient=JPN&measure=goldstein").json()
    assert [r["goldstein"] for r in g["forward"]] == [0.0, 0.0, -10.0, 0.0]  # PRK → JPN
    q = client.get("/api/series?actor=JPN&recipient=PRK&measure=quad").json()
    assert [r["verbal_cooperation"] for r in q["forward"]] == [1, 1, 0, 1]
    assert [r["verbal_conflict"] for r in q["forward"]] == [0, 0, 1, 0]


def test_series_period_lists_both_directions_flagged_included(client):
    d = client.get("/api/series/period?actor=JPN&recipient=PRK&period=2024-03-01").json()
    assert d["until"] == "2024-03-31"
    assert {e["doc_id"] for e in d["events"]} == {"kp-0", "neg-0", EVIL_DOC}


@pytest.mark.parametrize(
    ("query", "status", "param"),
    [
        ("actor=JPN", 422, "recipient"),
        ("actor=JPN&recipient=PRK&by=fortnight", 400, "by"),
        ("actor=JPN&recipient=PRK&measure=mood", 400, "measure"),
        ("actor=JPN&recipient=PRK&by=day&since=1900-01-01&until=2100-01-01", 400, "by"),
    ],
)
def test_bad_series_parameters(client, query, status, param):
    response = client.get(f"/api/series?{query}")
    assert response.status_code == status
    assert error_of(response)["details"][0]["param"] == param


def test_actor_completion_and_page(client):
    found = client.get("/api/actors?q=PR").json()
    assert {"value": "PRK", "kind": "country"}.items() <= found[0].items()
    top = client.get("/api/actors").json()
    assert top[0]["country"] == "KEN"
    a = client.get("/api/actors/Japan?date=2024-03-01").json()
    assert a["query"] == "JPN"
    assert a["summary"]["as_actor"] == 5 and a["summary"]["as_recipient"] == 1
    assert a["partners"][0]["partner"] == "PRK"


def test_actor_roles_as_of_a_date(client):
    a = client.get("/api/actors/Kishida?date=2023-01-01").json()
    person = a["entries"][0]
    assert person["name"] == "Fumio Kishida" and person["sector"] == "GOV"
    assert any(r["current"] and r["title"] == "prime minister" for r in person["roles"])
    response = client.get("/api/actors/Kishida?date=yesterday")
    assert response.status_code == 400 and error_of(response)["details"][0]["param"] == "date"


def test_an_unexpected_failure_is_a_500_in_the_same_shape(client, monkeypatch):
    from heron.web import views
    from heron.web.memo import Memo

    def boom(store):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(views, "overview", boom)
    remembered = client.app.state.memo
    client.app.state.memo = Memo()  # forget the remembered overview
    try:
        response = client.get("/api/overview")
    finally:
        client.app.state.memo = remembered
    assert response.status_code == 500
    err = error_of(response)
    assert err["type"] == "internal" and "kaboom" not in err["message"]


def test_openapi_lists_every_endpoint(client):
    paths = set(client.get("/api/openapi.json").json()["paths"])
    assert {
        "/api/overview",
        "/api/events",
        "/api/events/{event_id}",
        "/api/documents/{doc_id}",
        "/api/series",
        "/api/series/period",
        "/api/dyads",
        "/api/actors",
        "/api/actors/{term}",
        "/api/code",
        "/api/event-types",
        "/api/clusters/{cluster_id}",
    } <= paths


def test_api_docs_load_nothing_from_elsewhere(client):
    for url in ("/api/docs", "/api/redoc"):
        html = client.get(url).text
        assert "cdn" not in html.lower() and "https://" not in html
    assert client.get("/static/apidocs/swagger-ui-bundle.js").status_code == 200


@pytest.mark.model
def test_code_a_text_without_storing_it(client):
    before = client.get("/api/overview").json()["counts"]["events"]
    r = client.post(
        "/api/code",
        json={
            "text": "Kenyan police arrested 12 protesters in Nairobi on Tuesday.",
            "date": "2024-05-08",
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["stored"] is False
    (e,) = body["events"]
    assert e["event"]["cameo"] == "173" and e["event"]["date"] == "2024-05-07"
    kinds = {k for run in e["runs"] for k in run["kinds"]}
    assert {"actor", "trigger", "recipient", "place", "date"} <= kinds
    assert client.get("/api/overview").json()["counts"]["events"] == before


@pytest.mark.parametrize(
    "body",
    [{"text": ""}, {"text": "x" * 20_001}, {"text": "Hi.", "date": "soon"}, {"date": "2024-01-01"}],
)
def test_bad_code_requests_are_422s(client, body):
    response = client.post("/api/code", json=body)
    assert response.status_code == 422
    assert error_of(response)["type"] == "invalid_request"


def test_provenance_names_the_other_reports_of_the_happening(client):
    p = client.get("/api/events/bulk:0:0").json()
    cluster = p["cluster"]
    assert cluster["summary"]["n_mentions"] == len(cluster["members"]) > 1
    assert "bulk:0:0" in {m["event_id"] for m in cluster["members"]}
    assert all(m["reason"] for m in cluster["members"])
    again = client.get(f"/api/clusters/{cluster['summary']['cluster_id']}").json()
    assert again["members"] == cluster["members"]


@pytest.mark.parametrize(("url", "status"), [("/api/clusters/9999", 404), ("/api/clusters/x", 422)])
def test_unknown_or_malformed_cluster_ids(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    error_of(response)
