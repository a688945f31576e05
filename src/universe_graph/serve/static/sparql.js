// The SPARQL form: sends the query to /sparql asking for JSON results and draws them as a table.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function cell(term) {
    if (!term) return "";
    return term.type === "uri" ? "<" + term.value + ">" : term.value;
  }
  async function run(query) {
    const out = $("sparql-results");
    out.replaceChildren();
    $("sparql-status").textContent = "running…";
    $("sparql-status").className = "";
    try {
      const response = await fetch("/sparql?query=" + encodeURIComponent(query), {
        headers: { Accept: "application/sparql-results+json, text/turtle;q=0.9" },
      });
      const type = response.headers.get("content-type") || "";
      if (!response.ok) {
        const body = await response.json();
        throw new Error(((body.errors || [])[0] || { message: response.statusText }).message);
      }
      if (!type.includes("json")) {  // CONSTRUCT or DESCRIBE: the graph as Turtle
        out.append(el("pre", await response.text()));
        $("sparql-status").textContent = "";
        return;
      }
      const body = await response.json();
      if (body.boolean !== undefined) {
        out.append(el("p", "Answer: " + body.boolean));
      } else {
        const vars = body.head.vars;
        const table = el("table");
        table.id = "sparql-table";
        const head = el("tr");
        for (const v of vars) head.append(el("th", v));
        table.append(head);
        for (const row of body.results.bindings) {
          const tr = el("tr");
          for (const v of vars) tr.append(el("td", cell(row[v])));
          table.append(tr);
        }
        out.append(table);
      }
      const rows = body.results ? body.results.bindings.length : 1;
      $("sparql-status").textContent = rows + " row" + (rows === 1 ? "" : "s");
    } catch (err) {
      $("sparql-status").textContent = err.message;
      $("sparql-status").className = "error";
    }
  }
  $("sparql-form").addEventListener("submit", (evt) => { evt.preventDefault(); run($("query").value); });
})();
