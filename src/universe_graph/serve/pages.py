"""The pages a browser meets besides the explorer: the SPARQL query form at `/sparql`, the favicon.

A browser asking `/sparql` for HTML without a query gets a plain form (the prefixes and an example,
served from our own static files: nothing from a CDN); API clients keep the protocol's JSON errors.
"""

from __future__ import annotations

import html
from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse

from ..stores.oxigraph import QUERY_PREFIXES
from .media import preferences

STATIC = Path(str(files("universe_graph.serve") / "static"))
router = APIRouter(include_in_schema=False)

#: the query the form opens with: characters and their names (every store has some)
EXAMPLE = """SELECT ?character ?name
WHERE {
  ?character a ug:Character ;
             rdfs:label ?name .
}
ORDER BY ?name
LIMIT 25"""


def wants_page(request: Request) -> bool:
    """A browser's plain GET of /sparql: no query or update given, and HTML preferred to anything else."""
    if request.method != "GET" or "query" in request.query_params or "update" in request.query_params:
        return False
    prefs = preferences(request.headers.get("accept"))
    return bool(prefs) and prefs[0][0] in ("text/html", "application/xhtml+xml")


def query_form() -> str:
    """The form page: the template with the prefixes (as PREFIX lines) and the example filled in."""
    prefixes = "\n".join(f"PREFIX {name}: <{iri}>" for name, iri in QUERY_PREFIXES.items())
    listed = "".join(
        f"<li><code>{html.escape(name)}:</code> {html.escape(iri)}</li>"
        for name, iri in QUERY_PREFIXES.items()
    )
    template = (STATIC / "sparql.html").read_text(encoding="utf-8")
    return template.replace("{{prefixes}}", listed).replace(
        "{{query}}", html.escape(f"{prefixes}\n\n{EXAMPLE}\n")
    )


def sparql_page() -> HTMLResponse:
    return HTMLResponse(query_form(), headers={"Vary": "Accept"})


@router.get("/favicon.ico")
async def favicon() -> FileResponse:
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")
