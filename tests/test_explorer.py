"""The web explorer end to end in headless Chromium (Debian's, driven by Playwright): what a person sees."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from servehelp import QUOTE, Running, build_store, running

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
    expect(page.locator("#timeline-events")).to_be_in_viewport()
    page.screenshot(path=str(ARTIFACTS / "explorer-timeline.png"), full_page=True)


def test_unknown_search_says_so(page: Page) -> None:
    page.fill("#search", "zzzz-nobody")
    page.press("#search", "Enter")
    expect(page.locator("#results li")).to_contain_text("Nothing found", timeout=60_000)
