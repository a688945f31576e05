// The universe-graph explorer: search, a neighbourhood graph (Cytoscape.js, served locally), profiles
// with evidence, the connection between two picked nodes, and a work's plot timeline.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const COLORS = { Character: "#1e88e5", Person: "#8e24aa", Organization: "#e53935", Film: "#fb8c00",
                   Series: "#f4511e", Location: "#43a047", Universe: "#6d4c41", Genre: "#757575" };
  const state = { a: null, b: null, selected: null };
  // Each panel shows the answer to the latest request made for it; a slower, older answer is dropped.
  const latest = { graph: 0, profile: 0, timeline: 0 };
  function ticket(panel) { latest[panel] += 1; return latest[panel]; }
  function stale(panel, t) { return latest[panel] !== t; }

  const cy = cytoscape({
    container: $("graph"),
    style: [
      { selector: "node", style: { "label": "data(name)", "background-color": (n) => COLORS[n.data("type")] || "#90a4ae",
        "font-size": 10, "text-valign": "bottom", "text-margin-y": 3, "width": 22, "height": 22 } },
      { selector: "node.center", style: { "width": 34, "height": 34, "border-width": 3, "border-color": "#263238" } },
      { selector: "node.picked", style: { "border-width": 4, "border-color": "#fdd835" } },
      { selector: "edge", style: { "label": "data(label)", "font-size": 8, "color": "#555", "width": 1.5,
        "line-color": "#b0bec5", "target-arrow-color": "#b0bec5", "target-arrow-shape": "triangle",
        "curve-style": "bezier", "text-rotation": "autorotate" } },
      { selector: "edge.path", style: { "line-color": "#f9a825", "target-arrow-color": "#f9a825", "width": 4 } },
      { selector: "node.path", style: { "border-width": 4, "border-color": "#f9a825" } },
    ],
    maxZoom: 1.6,
    wheelSensitivity: 0.3,
  });

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) {
      const first = (body.errors || [])[0] || { message: response.statusText };
      throw new Error(first.message);
    }
    return body;
  }
  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function status(text, isError) {
    $("status").textContent = text || "";
    $("status").className = isError ? "error" : "";
  }
  function nodeData(n) { return { data: { id: n.iri, name: n.name, type: n.type } }; }
  function edgeData(e) {
    return { data: { id: e.source + "|" + e.type + "|" + e.target, source: e.source, target: e.target, label: e.label } };
  }

  async function search(q) {
    status("searching…");
    const list = $("results");
    list.replaceChildren();
    try {
      const found = await getJSON("/api/search?q=" + encodeURIComponent(q));
      if (!found.length) list.append(el("li", "Nothing found for “" + q + "”.", "hint"));
      for (const n of found) {
        const li = el("li");
        li.dataset.iri = n.iri;
        li.append(el("span", n.name), " ", el("span", n.type, "type"));
        li.addEventListener("click", () => show(n.iri));
        list.append(li);
      }
      status("");
      if (found.length) await show(found[0].iri);
    } catch (err) { status(err.message, true); }
  }

  async function show(iri) {
    const t = ticket("graph");
    status("loading…");
    try {
      const hood = await getJSON("/api/neighbourhood?iri=" + encodeURIComponent(iri));
      if (stale("graph", t)) return;
      cy.elements().remove();
      cy.add(hood.nodes.map(nodeData));
      cy.add(hood.edges.filter((e) => cy.getElementById(e.source).nonempty() && cy.getElementById(e.target).nonempty()).map(edgeData));
      cy.getElementById(hood.center.iri).addClass("center");
      markPicked();
      await runLayout({ name: "concentric", concentric: (n) => (n.hasClass("center") ? 2 : 1),
                        levelWidth: () => 1, minNodeSpacing: 28, animate: false });
      status(hood.center.name + ": " + (hood.nodes.length - 1) + " neighbours");
      await profile(iri);
    } catch (err) { status(err.message, true); }
  }

  function runLayout(options) {
    return new Promise((resolve) => {
      const layout = cy.layout(options);
      layout.one("layoutstop", () => { cy.fit(undefined, 30); resolve(); });
      layout.run();
    });
  }

  async function profile(iri) {
    const t = ticket("profile");
    const panel = $("profile");
    try {
      const p = await getJSON("/api/profile?name=" + encodeURIComponent(iri));
      if (stale("profile", t)) return;
      const e = p.entity;
      state.selected = e;
      panel.replaceChildren();
      panel.dataset.iri = e.iri;
      const title = el("h2", e.name);
      title.id = "profile-name";
      panel.append(title, el("p", e.type + (e.aliases.length ? " · also " + e.aliases.join(", ") : ""), "type"));
      const actions = el("div", null, "actions");
      const useA = el("button", "Path from here"); useA.id = "pick-a"; useA.type = "button";
      const useB = el("button", "Path to here"); useB.id = "pick-b"; useB.type = "button";
      useA.addEventListener("click", () => pick("a", e));
      useB.addEventListener("click", () => pick("b", e));
      actions.append(useA, useB);
      if (e.type === "Film" || e.type === "Series" || e.type === "Work") {
        const open = el("button", "Plot timeline"); open.id = "open-timeline"; open.type = "button";
        open.addEventListener("click", () => timeline(e.iri));
        actions.append(open);
      }
      panel.append(actions);
      const facts = el("div"); facts.id = "facts";
      for (const section of p.sections) {
        if (!section.facts.length) continue;
        facts.append(el("h3", section.heading));
        for (const f of section.facts) {
          const div = el("div", null, "fact");
          const other = f.other_name !== null && f.other_name !== undefined ? f.other_name : String(f.value);
          div.append(el("span", f.label + " "), el("span", other, "other"));
          if (f.work_title) div.append(el("span", " (" + f.work_title + ")", "type"));
          for (const ev of f.evidence) {
            if (ev.quote) div.append(el("blockquote", ev.quote, "quote"));
            div.append(el("div", "— " + ev.source + ", " + ev.locator, "locator"));
          }
          facts.append(div);
        }
      }
      if (!facts.childElementCount) facts.append(el("p", "No stated facts.", "hint"));
      panel.append(facts);
    } catch (err) { if (!stale("profile", t)) panel.replaceChildren(el("p", err.message, "error")); }
  }

  function pick(which, p) {
    state[which] = { iri: p.iri, name: p.name };
    $("path-" + which).textContent = p.name;
    $("find-path").disabled = !(state.a && state.b);
    markPicked();
  }
  function markPicked() {
    cy.nodes().removeClass("picked");
    for (const k of ["a", "b"]) if (state[k]) cy.getElementById(state[k].iri).addClass("picked");
  }

  async function findPath() {
    const t = ticket("graph");
    const list = $("path");
    list.replaceChildren();
    status("finding the connection…");
    try {
      const result = await getJSON("/api/path?a=" + encodeURIComponent(state.a.iri) + "&b=" + encodeURIComponent(state.b.iri));
      if (stale("graph", t)) return;
      const hops = result.paths[0] || [];
      const nodes = [{ iri: result.source.iri, name: result.source.name, type: result.source.type }];
      const edges = [];
      let here = result.source.iri;
      for (const h of hops) {
        const next = h.subject === here ? { iri: h.object, name: h.object_name } : { iri: h.subject, name: h.subject_name };
        nodes.push({ iri: next.iri, name: next.name, type: next.iri === result.target.iri ? result.target.type : "" });
        edges.push({ source: h.subject, target: h.object, type: h.predicate, label: h.label, step: here });
        here = next.iri;
      }
      cy.elements().remove();
      cy.add(nodes.map(nodeData));
      cy.add(edges.map((e) => edgeData({ ...e, label: e.type.replace(/_/g, " ") })));
      cy.elements().addClass("path");
      markPicked();
      const order = Object.fromEntries(nodes.map((n, i) => [n.iri, i]));
      await runLayout({ name: "grid", rows: 1, sort: (x, y) => order[x.id()] - order[y.id()], animate: false });
      nodes.forEach((n, i) => {
        const li = el("li", n.name);
        li.dataset.iri = n.iri;
        if (edges[i]) li.append(el("span", " — " + edges[i].label + " — " + nodes[i + 1].name, "type"));
        list.append(li);
      });
      status(hops.length + " step" + (hops.length === 1 ? "" : "s") + " from " + state.a.name + " to " + state.b.name);
    } catch (err) { status(err.message, true); list.append(el("li", err.message, "error")); }
  }

  async function timeline(work) {
    const t = ticket("timeline");
    const box = $("timeline");
    box.hidden = false;
    box.replaceChildren(el("h2", "Plot timeline"));
    try {
      const tl = await getJSON("/api/timeline?work=" + encodeURIComponent(work));
      if (stale("timeline", t)) return;
      box.firstChild.textContent = "Plot timeline: " + tl.work.name;
      const list = el("ol"); list.id = "timeline-events";
      for (const act of tl.acts) {
        for (const e of act.events) {
          const li = el("li", e.label);
          const who = e.participants.map((p) => p.name + " (" + p.role + ")").join(", ");
          li.append(el("div", (act.act !== null ? "Act " + act.act + (who ? " · " : "") : "") + who, "who"));
          list.append(li);
        }
      }
      if (!list.childElementCount) box.append(el("p", "No plot events recorded for this work.", "hint"));
      box.append(list);
      $("right").scrollTop = 0;
    } catch (err) { box.append(el("p", err.message, "error")); }
  }

  cy.on("tap", "node", (evt) => profile(evt.target.id()));
  cy.on("dbltap", "node", (evt) => show(evt.target.id()));
  $("search-form").addEventListener("submit", (evt) => { evt.preventDefault(); search($("search").value.trim()); });
  $("find-path").addEventListener("click", findPath);
  window.ugExplorer = { cy, show, search };
})();
