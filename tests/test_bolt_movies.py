"""Neo4j's example graph over real Bolt: movies.cypher loaded into FalkorDB, the guide's queries
sent by the official neo4j driver, answers held against the expected ones.

Each guide query is sent as a Neo4j app writes it; where FalkorDB answers differently, the
adapted form (the README's dialect differences) is sent too, and the test checks both: the
adapted form gives the expected answer, and the Neo4j form still differs (so the README's list
stays true when FalkorDB changes).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bolthelp import BOLT_GRAPH, BOLT_URI, bolt_server, require_netns, run_isolated
from universe_graph.compat.movies import load_movies

TOM = {"name": "Tom Hanks"}
CO_ACTORS = "MATCH (tom:Person {name: $name})-[:ACTED_IN]->(m)<-[:ACTED_IN]-(coActors) "
RECOMMEND = (
    "MATCH (tom:Person {name: $name})-[:ACTED_IN]->(m)<-[:ACTED_IN]-(coActors), "
    "(coActors)-[:ACTED_IN]->(m2)<-[:ACTED_IN]-(cocoActors) "
    "WHERE NOT (tom)-[:ACTED_IN]->()<-[:ACTED_IN]-(cocoActors) AND tom <> cocoActors "
)
TOP10 = "RETURN cocoActors.name, count(*) AS strength ORDER BY strength DESC, cocoActors.name LIMIT 10"
BACON = "MATCH (bacon:Person {name: $name})-[*1..%d]-(hollywood) "
#: key -> (the query as the Neo4j guide writes it, FalkorDB's form where it must differ, params)
GUIDE: dict[str, tuple[str, str | None, dict[str, Any]]] = {
    "tom_hanks_born": ("MATCH (tom:Person {name: $name}) RETURN tom.born", None, TOM),
    "cloud_atlas": (
        "MATCH (m:Movie {title: $title}) RETURN m.title, m.released, m.tagline",
        None,
        {"title": "Cloud Atlas"},
    ),
    "first_10_people_by_name": (
        "MATCH (people:Person) RETURN people.name ORDER BY people.name LIMIT 10",
        None,
        {},
    ),
    "nineties_movies_desc": (
        "MATCH (nineties:Movie) WHERE nineties.released >= 1990 AND nineties.released < 2000 "
        "RETURN nineties.title ORDER BY nineties.title DESC",
        None,
        {},
    ),
    "tom_hanks_movies": (
        "MATCH (tom:Person {name: $name})-[:ACTED_IN]->(m) "
        "RETURN m.title + ' (' + toString(m.released) + ')' ORDER BY m.released DESC",
        None,
        TOM,
    ),
    "cloud_atlas_directors": (
        "MATCH (m {title: $title})<-[:DIRECTED]-(directors) RETURN directors.name ORDER BY directors.name",
        None,
        {"title": "Cloud Atlas"},
    ),
    # Homomorphic matching: Tom Hanks is his own co-actor; and rows collapse to distinct coActors.
    "tom_hanks_coactor_rows": (
        CO_ACTORS + "RETURN coActors.name",
        CO_ACTORS + "WHERE coActors <> tom RETURN m.title, coActors.name",
        TOM,
    ),
    "tom_hanks_distinct_coactors": (
        CO_ACTORS + "RETURN DISTINCT coActors.name ORDER BY coActors.name",
        CO_ACTORS + "WHERE coActors <> tom RETURN DISTINCT coActors.name ORDER BY coActors.name",
        TOM,
    ),
    # count(*) over a pattern whose middle nodes are not carried counts distinct ends only.
    "recommended_cocoactors_top10": (
        RECOMMEND
        + "RETURN cocoActors.name, count(*) AS strength ORDER BY strength DESC, cocoActors.name LIMIT 10",
        RECOMMEND + "WITH m, coActors, m2, cocoActors "
        "RETURN cocoActors.name, count(*) AS strength ORDER BY strength DESC, cocoActors.name LIMIT 10",
        TOM,
    ),
    "intro_tom_hanks_to_tom_cruise": (
        "MATCH (tom:Person {name: $name})-[:ACTED_IN]->(m)<-[:ACTED_IN]-(coActors), "
        "(coActors)-[:ACTED_IN]->(m2)<-[:ACTED_IN]-(cruise:Person {name: $other}) "
        "RETURN m.title, coActors.name, m2.title",
        None,
        {**TOM, "other": "Tom Cruise"},
    ),
    # shortestPath is refused in MATCH; allShortestPaths after WITH works, undirected.
    "bacon_to_meg_ryan_all_shortest_paths": (
        "MATCH p = shortestPath((bacon:Person {name: $name})-[*]-(meg:Person {name: $other})) "
        "RETURN [n IN nodes(p) | coalesce(n.name, n.title)]",
        "MATCH (bacon:Person {name: $name}), (meg:Person {name: $other}) WITH bacon, meg "
        "MATCH p = allShortestPaths((bacon)-[*]-(meg)) RETURN [n IN nodes(p) | coalesce(n.name, n.title)]",
        {"name": "Kevin Bacon", "other": "Meg Ryan"},
    ),
    # Homomorphic variable-length paths come back to Kevin Bacon himself.
    "distinct_nodes_within_4_hops_of_bacon": (
        BACON % 4 + "RETURN count(DISTINCT hollywood)",
        BACON % 4 + "WHERE hollywood <> bacon RETURN count(DISTINCT hollywood)",
        {"name": "Kevin Bacon"},
    ),
    "distinct_nodes_within_3_hops_of_bacon": (
        BACON % 3 + "RETURN count(DISTINCT hollywood)",
        None,
        {"name": "Kevin Bacon"},
    ),
    # ... and The Matrix shares an actor with itself.
    "matrix_shared_actor_movies": (
        "MATCH (m:Movie {title: $title})<-[:ACTED_IN]-(a)-[:ACTED_IN]->(other) "
        "RETURN DISTINCT other.title ORDER BY other.title",
        "MATCH (m:Movie {title: $title})<-[:ACTED_IN]-(a)-[:ACTED_IN]->(other) WHERE other <> m "
        "RETURN DISTINCT other.title ORDER BY other.title",
        {"title": "The Matrix"},
    ),
}
COUNTS = {
    "movies": "MATCH (m:Movie) RETURN count(m)",
    "people": "MATCH (p:Person) RETURN count(p)",
    "relationships": "MATCH ()-[r]->() RETURN count(r)",
    "by_type": "MATCH ()-[r]->() RETURN type(r), count(r)",
}


def _ask(script: Path) -> dict[str, Any]:
    """In the namespace: load the movies into the graph Bolt serves, ask everything over Bolt."""
    import neo4j

    answers: dict[str, Any] = {}
    with bolt_server() as server:
        loaded = load_movies(server.graph(BOLT_GRAPH), script)
        answers["loaded"] = [loaded.nodes, loaded.relationships, loaded.indexes, loaded.constraints]
        with neo4j.GraphDatabase.driver(BOLT_URI, auth=None) as driver, driver.session() as session:

            def rows(statement: str, params: dict[str, Any]) -> list[list[Any]] | str:
                try:
                    return [list(record.values()) for record in session.run(statement, params)]
                except neo4j.exceptions.Neo4jError as e:
                    return f"error: {type(e).__name__}: {e.message}"

            answers["counts"] = {key: rows(q, {}) for key, q in COUNTS.items()}
            for key, (as_neo4j, adapted, params) in GUIDE.items():
                answers[key] = {"neo4j": rows(as_neo4j, params)}
                if adapted is not None:
                    answers[key]["adapted"] = rows(adapted, params)
    return answers


@pytest.fixture(scope="module")
def answers(shared: Path) -> dict[str, Any]:
    require_netns()
    script = shared / "data" / "neo4j-movies" / "movies.cypher"
    result: dict[str, Any] = run_isolated(_ask, script)
    return result


@pytest.fixture(scope="module")
def expected(shared: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (shared / "data" / "neo4j-movies" / "expected-answers.json").read_text()
    )
    return data


def shape(key: str, rows: list[list[Any]]) -> Any:
    """A query's rows in the shape expected-answers.json gives for that key."""
    if key == "tom_hanks_born" or key.startswith("distinct_nodes"):
        return rows[0][0]
    if key == "cloud_atlas":
        return dict(zip(["title", "released", "tagline"], rows[0], strict=True))
    if key == "tom_hanks_coactor_rows":
        return len(rows)
    if key == "intro_tom_hanks_to_tom_cruise":
        return sorted(rows)
    if key in ("recommended_cocoactors_top10", "bacon_to_meg_ryan_all_shortest_paths"):
        return rows if key.startswith("recommended") else [row[0] for row in rows]
    return [row[0] for row in rows]


def test_the_script_loads(answers: dict[str, Any], expected: dict[str, Any]) -> None:
    counts = expected["counts"]
    assert answers["loaded"] == [counts["movies"] + counts["people"], counts["relationships"], 4, 2]
    got = answers["counts"]
    assert got["movies"] == [[counts["movies"]]] and got["people"] == [[counts["people"]]]
    assert got["relationships"] == [[counts["relationships"]]]
    assert dict(got["by_type"]) == counts["by_type"]


@pytest.mark.parametrize("key", [k for k in GUIDE if k != "bacon_to_meg_ryan_all_shortest_paths"])
def test_guide_query_over_bolt(key: str, answers: dict[str, Any], expected: dict[str, Any]) -> None:
    got = answers[key]
    rows = got.get("adapted", got["neo4j"])
    assert not isinstance(rows, str), rows
    assert shape(key, rows) == expected[key]
    if "adapted" in got:  # the README's difference still holds
        assert isinstance(got["neo4j"], str) or shape(key, got["neo4j"]) != expected[key]


def test_kevin_bacon_to_meg_ryan(answers: dict[str, Any], expected: dict[str, Any]) -> None:
    got = answers["bacon_to_meg_ryan_all_shortest_paths"]
    assert isinstance(got["neo4j"], str) and got["neo4j"].startswith("error: DatabaseError")
    paths = shape("bacon_to_meg_ryan_all_shortest_paths", got["adapted"])
    assert paths, "no path"
    five = expected["bacon_to_meg_ryan_all_shortest_paths"]
    for path in paths:  # any of the five, each of length 4
        assert path in five
        assert len(path) - 1 == expected["bacon_to_meg_ryan_shortest_length"]
    assert {tuple(p) for p in paths} == {tuple(p) for p in five}
