"""Named queries as files: `queries/NAME.rq` and its Cypher twin `NAME.cypher`, loaded by name.

Each file starts with a comment header (`# name:`, `# question:`, `# param NAME (type): ...`,
`# returns: col (type), ...`, `# order: col, ...`); the loader reads it, binds the parameters
through the engine (pyoxigraph substitutions, FalkorDB params), never into the text, and turns
rows into the declared column types so both engines give the same rows.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox
from pydantic import BaseModel

from ..assets import asset_dir
from ..errors import BadInput, NotFound, StoreUnavailable
from ..model import CanonTier
from ..stores.sync import UniverseStore
from .canon import max_rank, source_view

Engine = Literal["sparql", "cypher"]
ColumnType = Literal["iri", "string", "integer", "boolean", "list", "tier"]
COLUMN_TYPES: tuple[str, ...] = ("iri", "string", "integer", "boolean", "list", "tier")
PARAM_TYPES: tuple[str, ...] = ("iri", "string", "integer")
#: The parameter every Cypher twin takes: the weakest canon tier rank kept (0 canon .. 3 fan),
#: set from `canon`. SPARQL queries need none: a canon floor restricts the dataset to the named
#: graphs of the sources it keeps. Columns of type `tier` are derived from the `sources` column.
CANON_PARAM = "max_rank"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_IRI = re.compile(r'^[a-z][a-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]+$')
_HEADER = re.compile(r"^\s*(?:#|//)\s?(.*)$")
_TYPED = re.compile(r"^([a-z_][a-z0-9_]*)\s*\(([a-z]+)\)\s*(?::\s*(.*))?$")


class Param(BaseModel):
    """A parameter of a named query: its name, type and what it means."""

    name: str
    type: str
    description: str


class Column(BaseModel):
    """A result column of a named query and its type."""

    name: str
    type: str


class NamedQuery(BaseModel):
    """One named question with its SPARQL text and Cypher twin."""

    name: str
    description: str
    params: list[Param]
    columns: list[Column]
    order: list[str]
    sparql: str
    cypher: str


class QueryResult(BaseModel):
    """Rows of a named query (values typed as its header says), and the query text that ran."""

    name: str
    columns: list[str]
    rows: list[dict[str, object]]
    query: str
    engine: str
    params: dict[str, object]


def _header(path: Path) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.match(line)
        if not match:
            if line.strip():
                break
            continue
        key, sep, value = match.group(1).partition(":")
        if not sep:
            continue
        key = key.strip()
        if key.startswith("param "):  # `param NAME (type): meaning`
            key, value = "param", f"{key[6:].strip()}: {value.strip()}"
        fields.setdefault(key, []).append(value.strip())
    return fields


def _parse(name: str, rq: Path, cypher: Path) -> NamedQuery:
    head = _header(rq)
    twin = _header(cypher)
    for key in ("name", "question", "returns"):
        if key not in head:
            raise BadInput.at(str(rq), f"header lacks '# {key}:'", line=1)
    if head != twin:
        raise BadInput.at(str(cypher), f"header differs from its twin {rq.name}", line=1)
    if head["name"] != [name]:
        raise BadInput.at(str(rq), f"header names {head['name'][0]!r}, file is {name!r}", line=1)
    params = []
    for text in head.get("param", []):
        match = _TYPED.match(text)
        if not match or match.group(2) not in PARAM_TYPES:
            raise BadInput.at(str(rq), f"bad param line {text!r}; expected 'NAME (iri|string|integer): ...'")
        params.append(Param(name=match.group(1), type=match.group(2), description=match.group(3) or ""))
    columns = []
    for text in ",".join(head["returns"]).split(","):
        match = _TYPED.match(text.strip())
        if not match or match.group(2) not in COLUMN_TYPES:
            types = ", ".join(COLUMN_TYPES)
            raise BadInput.at(str(rq), f"bad returns entry {text.strip()!r}; types: {types}")
        columns.append(Column(name=match.group(1), type=match.group(2)))
    order = [c.strip() for c in ",".join(head.get("order", [])).split(",") if c.strip()]
    return NamedQuery(
        name=name,
        description=head["question"][0],
        params=params,
        columns=columns,
        order=order,
        sparql=rq.read_text(encoding="utf-8"),
        cypher=cypher.read_text(encoding="utf-8"),
    )


@cache
def _load(folder: Path) -> dict[str, NamedQuery]:
    out = {}
    for rq in sorted(folder.glob("*.rq")):
        twin = rq.with_suffix(".cypher")
        if not twin.is_file():
            raise BadInput.at(str(rq), f"has no Cypher twin {twin.name}")
        out[rq.stem] = _parse(rq.stem, rq, twin)
    return out


def named_queries() -> list[NamedQuery]:
    """Every named query shipped in `queries/`, by name."""
    return list(_load(asset_dir("queries")).values())


def named_query(name: str) -> NamedQuery:
    """One named query; an unknown name lists the valid ones and the closest."""
    table = _load(asset_dir("queries"))
    if name not in table:
        close = difflib.get_close_matches(name, list(table), n=3)
        raise NotFound("named query", name, close or sorted(table))
    return table[name]


@dataclass(frozen=True)
class _Plan:
    """What `run_named` needs of a query's header, worked out once per query."""

    params: dict[str, Param]
    names: list[str]  # every column, in the header's order
    engine: list[tuple[str, str]]  # the columns the engine returns, with their types
    converted: list[tuple[str, str]]  # of those, the ones that are not text
    tiers: list[str]  # derived columns: the strongest tier of the row's sources
    key: OrderKey | None


_PLANS: dict[int, tuple[NamedQuery, _Plan]] = {}


def _plan(query: NamedQuery) -> _Plan:
    known = _PLANS.get(id(query))
    if known is not None and known[0] is query:
        return known[1]
    engine = [(c.name, c.type) for c in query.columns if c.type != "tier"]
    plan = _Plan(
        params={p.name: p for p in query.params},
        names=[c.name for c in query.columns],
        engine=engine,
        converted=[(n, kind) for n, kind in engine if kind not in ("iri", "string")],
        tiers=[c.name for c in query.columns if c.type == "tier"],
        key=_order_key(query.columns, query.order) if query.order else None,
    )
    _PLANS[id(query)] = (query, plan)
    return plan


def _check_params(query: NamedQuery, params: Mapping[str, object]) -> dict[str, object]:
    known = _plan(query).params
    unknown = [k for k in params if k not in known]
    if unknown:
        raise BadInput.at(
            "--param",
            f"{query.name} takes no parameter {unknown[0]!r}; its parameters: {', '.join(known) or '(none)'}",
        )
    missing = [k for k in known if k not in params]
    if missing:
        raise BadInput.at("--param", f"{query.name} needs {', '.join(f'{m}=...' for m in missing)}")
    out: dict[str, object] = {}
    for key, value in params.items():
        kind = known[key].type
        if kind == "integer":
            try:
                out[key] = int(str(value))
            except ValueError as e:
                raise BadInput.at("--param", f"{key} must be an integer, not {value!r}") from e
        else:
            if not isinstance(value, str) or not value:
                raise BadInput.at("--param", f"{key} must be a non-empty string, not {value!r}")
            if kind == "iri" and not _IRI.match(value):
                raise BadInput.at("--param", f"{key} must be an IRI, not {value!r}")
            out[key] = value
    return out


def _ox_term(value: object, kind: str) -> ox.NamedNode | ox.Literal:
    if kind == "iri":
        try:
            return ox.NamedNode(str(value))
        except ValueError as e:
            raise BadInput.at("--param", f"not a valid IRI: {value!r} ({e})") from e
    if kind == "integer":
        return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "integer"))
    return ox.Literal(str(value))


def _text(term: Any) -> str | None:
    """A SPARQL term's lexical form or IRI (unbound: None)."""
    if term is None:
        return None
    value = getattr(term, "value", None)
    return value if isinstance(value, str) else str(term)


def _list(value: object) -> list[str]:
    """A `|`-joined string (SPARQL's GROUP_CONCAT) or a list (Cypher's collect) as a sorted set."""
    if value is None:
        return []
    items = value.split("|") if isinstance(value, str) else list(value)  # type: ignore[call-overload]
    return sorted({str(v) for v in items if v != ""})


def _typed(value: object, kind: str) -> object:
    """A raw engine value (a SPARQL term's lexical form, a Cypher value) as the column type says."""
    if kind == "list":
        return _list(value)
    if value is None:
        return None
    if kind == "integer":
        return int(str(value))
    if kind == "boolean":
        return value if isinstance(value, bool) else str(value).lower() in ("true", "1")
    return str(value)


def _sparql_rows(solutions: ox.QuerySolutions, plan: _Plan, name: str) -> list[dict[str, object]]:
    """Solutions as typed rows: each cell's lexical form or IRI read by position, then the
    columns that are not text (integers, booleans, lists) converted."""
    position = {v.value: i for i, v in enumerate(solutions.variables)}
    missing = [n for n, _ in plan.engine if n not in position]
    if missing:
        raise BadInput.at(name + ".rq", f"returns no column {missing[0]!r}")
    cells = [(n, position[n]) for n, _ in plan.engine]
    rows: list[dict[str, object]] = []
    for solution in solutions:
        terms = tuple(solution)
        try:
            rows.append({n: None if (t := terms[i]) is None else t.value for n, i in cells})
        except AttributeError:  # a term with no lexical form (an RDF-star triple)
            rows.append({n: _text(terms[i]) for n, i in cells})
    if plan.converted:
        for row in rows:
            for n, kind in plan.converted:
                row[n] = _typed(row[n], kind)
    return rows


def _cypher_rows(
    header: list[str], found: list[list[Any]], plan: _Plan, name: str
) -> list[dict[str, object]]:
    """Cypher records as typed rows, by the header's column names."""
    index = {c: i for i, c in enumerate(header)}
    missing = [n for n, _ in plan.engine if n not in index]
    if missing:
        raise BadInput.at(name + ".cypher", f"returns no column {missing[0]!r}")
    picks = [(n, index[n], kind) for n, kind in plan.engine]
    return [{n: _typed(row[i], kind) for n, i, kind in picks} for row in found]


OrderKey = Callable[[dict[str, object]], str]
_INT_BIAS = 1 << 63  # integers as fixed-width digits that sort as numbers (negative ones too)


def _order_key(columns: list[Column], order: list[str]) -> OrderKey:
    """The sort key of the header's `order`: case-folded text, integers by value, unbound last.

    One string per row (each part marked present or unbound, parts joined by NUL), because Python
    compares strings far faster than tuples of tuples: on thousands of rows the sort was most of
    our cost per query.
    """
    kinds = {c.name: c.type for c in columns}
    spec = [(c, kinds.get(c) == "integer") for c in order]

    def key(row: dict[str, object]) -> str:
        return "\x00".join(
            [
                "\x02"
                if (v := row[c]) is None
                else f"\x01{v + _INT_BIAS:020d}"  # type: ignore[operator]
                if numeric
                else "\x01" + str(v).casefold()
                for c, numeric in spec
            ]
        )

    return key


def run_named(
    store: UniverseStore,
    name: str,
    params: Mapping[str, object],
    *,
    engine: Engine = "sparql",
    canon: CanonTier | None = None,
) -> QueryResult:
    """Run a named query with its parameters bound by the engine; rows typed and in the header's order."""
    query = named_query(name)
    bound = _check_params(query, params)
    plan = _plan(query)
    view = source_view(store)
    rows: list[dict[str, object]] = []
    if engine == "sparql":
        substitutions = {k: _ox_term(v, plan.params[k].type) for k, v in bound.items()}
        solutions = store.canonical.query(query.sparql, substitutions, graphs=view.kept_graphs(canon))
        if not isinstance(solutions, ox.QuerySolutions):
            raise BadInput.at(name, "a named query must be a SELECT query")
        rows = _sparql_rows(solutions, plan, name)
        text = query.sparql
    elif engine == "cypher":
        if store.projection is None:
            raise StoreUnavailable("the Cypher engine needs the projection: open the store for writing")
        header, found = store.projection.query(query.cypher, {**bound, CANON_PARAM: max_rank(canon)})
        rows = _cypher_rows(header, found, plan, name)
        text = query.cypher
    else:
        raise BadInput.at("--engine", f"unknown engine {engine!r}; valid: sparql, cypher")
    if plan.tiers and rows:  # a tier column is the strongest tier among the row's sources
        for row in rows:
            listed = row.get("sources")
            tier = view.strongest(tuple(listed)) if isinstance(listed, list) else None
            for n in plan.tiers:
                row[n] = tier
        if list(rows[0]) != plan.names:  # a tier column before others: back to the header's order
            rows = [{n: row[n] for n in plan.names} for row in rows]
    if plan.key is not None:
        rows.sort(key=plan.key)
    # built and typed here, so not validated again (a second walk over every cell cost ~10-20%)
    return QueryResult.model_construct(
        name=name,
        columns=list(plan.names),
        rows=rows,
        query=text,
        engine=engine,
        params=dict(bound),
    )
