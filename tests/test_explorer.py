"""The web explorer end to end in headless Chromium (Debian's, driven by Playwright): what a person sees."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from servehelp import JOHN, QUOTE, WINSTON, Running, build_store, running

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = os.environ.get("UG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    folder = tmp_path_factory.mktemp("explorer")
    build_store(folder)
    with running(folder) as srv:
        yield srv


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), f"Debian's chromium is needed at {CHROMIUM} (apt-get install chromium)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.fixture()
def page(browser: Browser, server: Running) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # the server's Content-Security-Policy must not block anything the explorer needs
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.on(
        "request",
        lambda r: errors.append(f"outside request {r.url}") if not r.url.startswith(server.url) else None,
    )
    page.goto(server.url + "/")
    yield page
    page.close()
    assert not errors, errors  # no script errors, nothing fetched from anywhere but our server (no CDN)


def drawn(page: Page) -> list[str]:
    """The names of the nodes Cytoscape has drawn."""
    names: list[str] = page.evaluate("() => window.ugExplorer.cy.nodes().map((n) => n.data('name'))")
    return names


def click_node(page: Page, name: str) -> None:
    """Click a drawn node where it is on screen, as a person would."""
    x, y = page.evaluate(
        """(name) => {
            const node = window.ugExplorer.cy.nodes().filter((n) => n.data('name') === name)[0];
            const box = document.getElementById('graph').getBoundingClientRect();
            const p = node.renderedPosition();
            return [box.left + p.x, box.top + p.y];
        }""",
        name,
    )
    page.mouse.click(x, y)


def search(page: Page, text: str) -> None:
    page.fill("#search", text)
    page.press("#search", "Enter")
    expect(page.locator("#status")).to_contain_text("neighbours", timeout=60_000)


def test_search_neighbourhood_profile_path_timeline(page: Page) -> None:
    search(page, "John Wick")
    names = drawn(page)
    assert "John Wick" in names and "Winston Scott" in names and "Keanu Reeves" in names
    assert len(names) > 10
    expect(page.locator("#results li").first).to_contain_text("John Wick")

    # click a neighbour: its profile, with the evidence quote
    click_node(page, "Winston Scott")
    expect(page.locator("#profile-name")).to_have_text("Winston Scott", timeout=60_000)
    expect(page.locator("#profile blockquote.quote").first).to_have_text(QUOTE)
    expect(page.locator("#profile .locator").first).to_be_visible()

    # pick two nodes for the connection
    page.click("#pick-a")
    click_node(page, "Keanu Reeves")
    expect(page.locator("#profile-name")).to_have_text("Keanu Reeves", timeout=60_000)
    page.click("#pick-b")
    expect(page.locator("#path-a")).to_have_text("Winston Scott")
    expect(page.locator("#path-b")).to_have_text("Keanu Reeves")
    page.click("#find-path")
    steps = page.locator("#path li")
    expect(steps.first).to_contain_text("Winston Scott", timeout=60_000)
    expect(steps.last).to_contain_text("Keanu Reeves")
    assert steps.count() >= 3  # Winston -> John Wick (or another) -> Keanu Reeves
    path_names = drawn(page)
    assert path_names[0] == "Winston Scott" and "Keanu Reeves" in path_names
    # every node of the path, the middle ones too, has its type and its type's colour (none is grey)
    kinds = page.evaluate(
        "() => window.ugExplorer.cy.nodes().map((n) => [n.data('type'), n.style('background-color')])"
    )
    assert all(kind for kind, _ in kinds), kinds
    assert len({colour for _, colour in kinds}) >= 2, kinds  # a character, a person, ...
    assert "rgb(144,164,174)" not in {colour.replace(" ", "") for _, colour in kinds}  # the grey of no type
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-path.png"))

    # a work's plot timeline
    search(page, "John Wick")
    page.locator("#results li", has_text="Film").first.click()
    expect(page.locator("#profile-name")).to_have_text("John Wick", timeout=60_000)
    page.click("#open-timeline")
    events = page.locator("#timeline-events li")
    expect(events.first).to_contain_text("Helen", timeout=60_000)
    assert events.count() > 5
    # each event's kind and act before who takes part
    expect(events.first.locator(".who")).to_have_text(re.compile(r"^[a-z]+ · Act \d( · .+)?$"))
    expect(page.locator("#timeline-events")).to_be_in_viewport()
    page.screenshot(path=str(ARTIFACTS / "explorer-timeline.png"), full_page=True)

    # another entity's profile: the film's timeline does not stay above it
    click_node(page, "Winston Scott")
    expect(page.locator("#profile-name")).to_have_text("Winston Scott", timeout=60_000)
    expect(page.locator("#timeline")).to_be_hidden()
    expect(page.locator("#timeline-events")).to_have_count(0)


def test_unknown_search_says_so(page: Page) -> None:
    page.fill("#search", "zzzz-nobody")
    page.press("#search", "Enter")
    expect(page.locator("#results li")).to_contain_text("Nothing found", timeout=60_000)


def test_a_misspelt_search_offers_the_near_names(page: Page) -> None:
    page.fill("#search", "Winstn Scot")
    page.press("#search", "Enter")
    results = page.locator("#results li")
    expect(results.first).to_contain_text("Did you mean", timeout=60_000)
    expect(results.nth(1)).to_contain_text("Winston Scott")
    page.wait_for_timeout(1500)  # time enough to open it, were it opened
    expect(page.locator("#profile-name")).to_have_count(0)  # offered, not opened
    results.nth(1).click()
    expect(page.locator("#profile-name")).to_have_text("Winston Scott", timeout=60_000)


def label_overlaps(page: Page) -> list[list[str]]:
    """Pairs of drawn nodes whose label boxes overlap on screen."""
    pairs: list[list[str]] = page.evaluate(
        """() => {
            const ns = window.ugExplorer.cy.nodes(':visible').toArray();
            const out = [];
            for (let i = 0; i < ns.length; i++) for (let j = i + 1; j < ns.length; j++) {
                const a = ns[i].boundingBox({ includeLabels: true });
                const b = ns[j].boundingBox({ includeLabels: true });
                if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2)
                    out.push([ns[i].data('name'), ns[j].data('name')]);
            }
            return out;
        }"""
    )
    return pairs


def test_legend_names_every_colour_drawn_and_labels_do_not_overlap(page: Page) -> None:
    search(page, "John Wick")
    legend = page.locator("#legend li")
    expect(legend.first).to_be_visible()
    listed = set(legend.evaluate_all("(lis) => lis.map((li) => li.dataset.type)"))
    types = set(page.evaluate("() => window.ugExplorer.cy.nodes().map((n) => n.data('type'))"))
    assert types <= listed, types - listed
    assert "outside" in listed
    assert label_overlaps(page) == []
    page.screenshot(path=str(ARTIFACTS / "explorer-legend.png"))


def test_comparisons_are_marked_and_can_be_hidden(page: Page) -> None:
    search(page, "Ballerina")
    expect(page.locator("#status")).to_contain_text("outside the story")
    marked = "() => window.ugExplorer.cy.nodes().map((n) => [n.data('name'), n.hasClass('outside')])"
    pairs: list[tuple[str, bool]] = page.evaluate(marked)
    outside = {name for name, out in pairs if out}
    story = {name for name, out in pairs if not out}
    assert {"Black Swan", "Anton Chigurh"} <= outside
    assert "John Wick" in story and "Keanu Reeves" in story and not outside & story
    dashed = page.evaluate("() => window.ugExplorer.cy.edges('.outside').map((e) => e.style('line-style'))")
    assert dashed and set(dashed) == {"dashed"}
    assert label_overlaps(page) == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-comparisons.png"))
    page.uncheck("#show-comparisons")
    wait_drawn(page, "Black Swan", visible=False)  # the graph restyles on its own tick: poll, don't race it
    visible = drawn_visible(page)
    assert "Black Swan" not in visible and "Anton Chigurh" not in visible and "Keanu Reeves" in visible
    page.check("#show-comparisons")
    wait_drawn(page, "Black Swan", visible=True)
    assert "Black Swan" in drawn_visible(page)


def wait_drawn(page: Page, name: str, *, visible: bool) -> None:
    """Wait (up to 10 s) until the node named `name` is drawn visible, or hidden."""
    page.wait_for_function(
        "([name, want]) => window.ugExplorer.cy.nodes(':visible')"
        ".map((n) => n.data('name')).includes(name) === want",
        arg=[name, visible],
        timeout=10_000,
    )


def drawn_visible(page: Page) -> list[str]:
    names: list[str] = page.evaluate(
        "() => window.ugExplorer.cy.nodes(':visible').map((n) => n.data('name'))"
    )
    return names


def test_profile_lists_appearances(page: Page) -> None:
    search(page, "Winston Scott")
    expect(page.locator("#profile-name")).to_have_text("Winston Scott", timeout=60_000)
    items = page.locator("#appearances li")
    expect(items.first).to_be_visible()
    titles = items.all_inner_texts()
    assert any(t.startswith("John Wick (2014)") for t in titles), titles
    assert any("first appearance" in t for t in titles), titles


def test_a_question_is_answered_with_its_evidence(page: Page) -> None:
    page.fill("#question", "who trained John Wick?")
    page.press("#question", "Enter")
    # the answer first, in the reader's sentence, then the answers and their evidence
    expect(page.locator("#answer-text")).to_have_text(
        "John Wick was trained by Ruska Roma and The Director.", timeout=60_000
    )
    expect(page.locator("#answer-items li")).to_have_text(["Ruska Roma", "The Director"])
    evidence = page.locator("#answer-evidence .locator")
    expect(evidence.first).to_contain_text("john-wick-universe, line ")
    assert evidence.count() >= 2  # each answer under its own evidence
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-ask.png"))
    # an answer names an entity: clicking it draws that entity
    page.locator("#answer-items a", has_text="Ruska Roma").click()
    expect(page.locator("#profile-name")).to_have_text("Ruska Roma", timeout=60_000)


def test_a_yes_no_question_shows_the_verdict_and_its_evidence(page: Page) -> None:
    page.fill("#question", "is Keanu Reeves in Ballerina?")
    page.press("#question", "Enter")
    expect(page.locator("#answer-text")).to_have_text("Yes: Keanu Reeves is in Ballerina.", timeout=60_000)
    assert page.locator("#answer-items").count() == 0  # a verdict, not a list holding "yes"
    expect(page.locator("#answer-evidence .fact").first).to_contain_text("cast member")
    expect(page.locator("#answer-evidence .locator").first).to_contain_text("john-wick-universe, line ")
    page.screenshot(path=str(ARTIFACTS / "explorer-ask-yes-no.png"))
    page.fill("#question", "how many films is Winston in?")
    page.press("#question", "Enter")
    expect(page.locator("#answer-text")).to_contain_text("5: ", timeout=60_000)
    expect(page.locator("#answer-items li")).to_have_count(5)


def test_the_sparql_link_opens_a_query_form_that_runs(page: Page, server: Running) -> None:
    page.click("header a[href='/sparql']")
    expect(page.locator("#query")).to_contain_text("PREFIX ug: <https://w3id.org/universe-graph/ontology#>")
    expect(page.locator("#prefixes")).to_contain_text("rdfs:")
    page.click("#sparql-form button[type=submit]")
    expect(page.locator("#sparql-table")).to_be_visible(timeout=60_000)
    expect(page.locator("#sparql-status")).to_contain_text("25 rows")
    assert page.locator("#sparql-table th").all_inner_texts() == ["character", "name"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "explorer-sparql.png"), full_page=True)
    # a bad query is reported on the page, with the server's message
    page.fill("#query", "SELECT ?x WHERE { ?x ")
    page.click("#sparql-form button[type=submit]")
    expect(page.locator("#sparql-status")).to_contain_text("syntax error", timeout=60_000)


def test_favicon_is_served(page: Page, server: Running) -> None:
    response = page.request.get(server.url + "/favicon.ico")
    assert response.status == 200 and response.headers["content-type"].startswith("image/svg+xml")
    assert page.locator("link[rel=icon]").get_attribute("href") == "/static/favicon.svg"


def test_sparql_page_only_for_browsers(server: Running) -> None:
    """The form is for a browser's plain GET; API clients keep the protocol's JSON 400 for no query."""
    browser_accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    page = httpx.get(server.url + "/sparql", headers={"Accept": browser_accept}, timeout=60)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "<textarea" in page.text and "PREFIX rdfs:" in page.text
    assert 'src="http' not in page.text and 'href="http' not in page.text  # nothing from elsewhere
    for accept in (None, "*/*", "application/sparql-results+json", "application/json"):
        headers = {"Accept": accept} if accept else {}
        answer = httpx.get(server.url + "/sparql", headers=headers, timeout=60)
        assert answer.status_code == 400, accept
        assert answer.json()["errors"][0]["message"] == "no `query` given"
    # a browser that sends a query gets the query's answer, not the form
    ask = httpx.get(
        server.url + "/sparql", params={"query": "ASK {}"}, headers={"Accept": browser_accept}, timeout=60
    )
    assert ask.status_code == 200 and "<textarea" not in ask.text


def test_nodes_api_gives_types_in_the_order_asked(server: Running) -> None:
    """What the page asks to colour a path's middle nodes: every IRI typed, an unknown one a 404."""
    iris = [WINSTON, JOHN]
    found = httpx.get(server.url + "/api/nodes", params=[("iri", i) for i in iris], timeout=60)
    assert found.status_code == 200, found.text
    assert [(n["iri"], n["type"], n["in_universe"]) for n in found.json()] == [
        (WINSTON, "Character", True),
        (JOHN, "Character", True),
    ]
    unknown = {"iri": [JOHN, JOHN + "-nobody"]}
    missing = httpx.get(server.url + "/api/nodes", params=unknown, timeout=60)
    assert missing.status_code == 404
    assert "-nobody" in missing.json()["errors"][0]["message"]
