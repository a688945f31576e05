// The universe-graph explorer: search, a neighbourhood graph (Cytoscape.js, served locally), profiles
// with evidence and appearances, the connection between two picked nodes, a work's plot timeline, and
// questions in English (/api/ask) answered with their evidence.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const COLORS = { Character: "#1e88e5", Person: "#8e24aa", Organization: "#e53935", Film: "#fb8c00",
                   Series: "#f4511e", Location: "#43a047", Universe: "#6d4c41", Genre: "#757575" };
  const OTHER = "#90a4ae";
  const state = { a: null, b: null, selected: null };
  // Each panel shows the answer to the latest request made for it; a slower, older answer is dropped.
  const latest = { graph: 0, profile: 0, timeline: 0, ask: 0 };
  function ticket(panel) { latest[panel] += 1; return latest[panel]; }
  function stale(panel, t) { return latest[panel] !== t; }

  const cy = cytoscape({
    container: $("graph"),
    style: [
      { selector: "node", style: { "label": "data(name)", "background-color": (n) => COLORS[n.data("type")] || OTHER,
        "font-size": 10, "text-valign": "bottom", "text-margin-y": 3, "width": 22, "height": 22,
        "text-wrap": "ellipsis", "text-max-width": 110,
        "text-background-color": "#f6f6f4", "text-background-opacity": 0.85, "text-background-padding": 1 } },
      { selector: "node.label-top", style: { "text-valign": "top", "text-margin-y": -3 } },
      { selector: "node.center", style: { "width": 34, "height": 34, "border-width": 3, "border-color": "#263238",
        "font-weight": "bold" } },
      { selector: "node.outside", style: { "background-opacity": 0.35, "border-width": 2, "border-style": "dashed",
        "border-color": "#607d8b", "font-style": "italic", "color": "#607d8b" } },
      { selector: "node.picked", style: { "border-width": 4, "border-color": "#fdd835", "border-style": "solid" } },
      { selector: "edge", style: { "label": "data(label)", "font-size": 8, "color": "#555", "width": 1.5,
        "line-color": "#b0bec5", "target-arrow-color": "#b0bec5", "target-arrow-shape": "triangle",
        "curve-style": "bezier", "text-rotation": "autorotate", "text-background-color": "#f6f6f4",
        "text-background-opacity": 0.85 } },
      { selector: "edge.outside", style: { "line-style": "dashed", "line-color": "#cfd8dc", "color": "#90a4ae" } },
      { selector: ".comparisons-hidden", style: { "display": "none" } },
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
      const err = new Error(first.message);
      err.suggestions = first.suggestions || [];
      throw err;
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
  function nodeData(n) {
    return { data: { id: n.iri, name: n.name, type: n.type }, classes: n.in_universe === false ? "outside" : "" };
  }
  function edgeData(e) {
    return { data: { id: e.source + "|" + e.type + "|" + e.target, source: e.source, target: e.target, label: e.label },
             classes: e.outside ? "outside" : "" };
  }
  function evidenceLines(parent, evidence) {
    for (const ev of evidence || []) {
      if (ev.quote) parent.append(el("blockquote", ev.quote, "quote"));
      parent.append(el("div", "— " + ev.source + ", " + ev.locator, "locator"));
    }
  }

  // The legend: what each colour and line style means, built from the same table the graph uses.
  function legend() {
    const box = $("legend");
    box.replaceChildren(el("strong", "Legend"));
    const list = el("ul");
    for (const [type, color] of Object.entries(COLORS)) {
      const li = el("li");
      li.dataset.type = type;
      const dot = el("span", null, "dot");
      dot.style.background = color;
      li.append(dot, type);
      list.append(li);
    }
    const other = el("li");
    const dot = el("span", null, "dot outside");
    other.dataset.type = "outside";
    other.append(dot, "Outside the story (a reviewer's comparison)");
    list.append(other);
    box.append(list);
  }

  async function search(q) {
    status("searching…");
    const list = $("results");
    list.replaceChildren();
    try {
      const found = await getJSON("/api/search?q=" + encodeURIComponent(q));
      if (!found.length) list.append(el("li", "Nothing found for “" + q + "”.", "hint"));
      // only near names (a misspelling): offered, not opened
      const near = found.length > 0 && found.every((n) => n.match === "suggestion");
      if (near) list.append(el("li", "Nothing named “" + q + "”. Did you mean:", "hint"));
      for (const n of found) {
        const li = el("li");
        li.dataset.iri = n.iri;
        li.append(el("span", n.name), " ", el("span", n.type, "type"));
        li.addEventListener("click", () => show(n.iri));
        list.append(li);
      }
      status("");
      if (found.length && !near) await show(found[0].iri);
    } catch (err) {
      status(err.message, true);
      suggest(list, err.suggestions);
    }
  }
  function suggest(list, suggestions) {
    if (!suggestions || !suggestions.length) return;
    list.append(el("li", "Did you mean:", "hint"));
    for (const name of suggestions) {
      const li = el("li", name, "suggestion");
      li.addEventListener("click", () => { $("search").value = name; search(name); });
      list.append(li);
    }
  }

  function applyComparisons() {
    const show = $("show-comparisons").checked;
    cy.elements(".outside").toggleClass("comparisons-hidden", !show);
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
      const center = cy.getElementById(hood.center.iri);
      center.addClass("center").removeClass("outside");
      // a neighbour reached only by comparisons is outside the story too
      center.neighborhood("node").forEach((n) => {
        if (n.edgesWith(center).every((e) => e.hasClass("outside"))) n.addClass("outside");
      });
      markPicked();
      applyComparisons();
      await layoutRings(center);
      const outside = cy.nodes(".outside").length;
      status(hood.center.name + ": " + (hood.nodes.length - 1) + " neighbours" +
             (outside ? " (" + outside + " outside the story)" : ""));
      await profile(iri);
    } catch (err) { status(err.message, true); }
  }

  // Neighbours on rings around the centre, a ring per about 14 nodes, so their labels have room; within
  // a ring, labels alternate above and below their nodes, which keeps neighbouring labels apart.
  async function layoutRings(center) {
    const others = center.neighborhood("node").sort((x, y) => (x.data("type") + x.data("name")).localeCompare(y.data("type") + y.data("name")));
    const perRing = 14;
    const ring = new Map();
    others.forEach((n, i) => {
      ring.set(n.id(), Math.floor(i / perRing));
      n.toggleClass("label-top", i % 2 === 1);
    });
    await runLayout({ name: "concentric", concentric: (n) => (n.same(center) ? 1000 : 999 - (ring.get(n.id()) || 0)),
                      levelWidth: () => 1, minNodeSpacing: 40, spacingFactor: 1.1, avoidOverlap: true,
                      nodeDimensionsIncludeLabels: true, animate: false });
    spreadLabels();
  }

  // Labels that still overlap (long names on a small ring) are pushed apart vertically, a few times over.
  function spreadLabels() {
    const nodes = cy.nodes(":visible").toArray();
    const box = (n) => n.boundingBox({ includeLabels: true, includeOverlays: false });
    for (let pass = 0; pass < 6; pass += 1) {
      let moved = false;
      const boxes = nodes.map(box);  // measured once a pass; a moved node is measured again
      for (let i = 0; i < nodes.length; i += 1) {
        for (let j = i + 1; j < nodes.length; j += 1) {
          const a = boxes[i], b = boxes[j];
          if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) {
            const k = nodes[i].position("y") >= nodes[j].position("y") ? i : j;
            const push = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) + 2;
            nodes[k].position("y", nodes[k].position("y") + push);
            boxes[k] = box(nodes[k]);
            moved = true;
          }
        }
      }
      if (!moved) break;
    }
    cy.fit(undefined, 30);
  }

  function runLayout(options) {
    return new Promise((resolve) => {
      const layout = cy.layout(options);
      layout.one("layoutstop", () => { cy.fit(undefined, 30); resolve(); });
      layout.run();
    });
  }

  function hideTimeline() {
    ticket("timeline");  // an answer still on its way is dropped
    const box = $("timeline");
    box.hidden = true;
    box.replaceChildren();
    delete box.dataset.work;
  }

  async function profile(iri) {
    const t = ticket("profile");
    const panel = $("profile");
    try {
      const p = await getJSON("/api/profile?name=" + encodeURIComponent(iri));
      if (stale("profile", t)) return;
      const e = p.entity;
      state.selected = e;
      if ($("timeline").dataset.work !== e.iri) hideTimeline();  // no other work's plot above this profile
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
      if ((p.appearances || []).length) {
        const box = el("div"); box.id = "appearances";
        box.append(el("h3", "Appearances"));
        const list = el("ul");
        for (const a of p.appearances) {
          const li = el("li", a.title + (a.year ? " (" + a.year + ")" : ""));
          li.dataset.iri = a.work;
          if (a.first) li.append(el("span", " · first appearance", "type"));
          li.append(el("span", " · " + a.sources.join(", "), "type"));
          list.append(li);
        }
        box.append(list);
        panel.append(box);
      }
      const facts = el("div"); facts.id = "facts";
      for (const section of p.sections) {
        if (!section.facts.length) continue;
        facts.append(el("h3", section.heading));
        for (const f of section.facts) {
          const div = el("div", null, "fact");
          const other = f.other_name !== null && f.other_name !== undefined ? f.other_name : String(f.value);
          div.append(el("span", f.label + " "), el("span", other, "other"));
          if (f.work_title) div.append(el("span", " (" + f.work_title + ")", "type"));
          if (f.predicate === "compared_to") div.append(el("span", " · outside the story", "outside-note"));
          evidenceLines(div, f.evidence);
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
    $("path").replaceChildren();
    status("finding the connection…");
    try {
      const result = await getJSON("/api/path?a=" + encodeURIComponent(state.a.iri) + "&b=" + encodeURIComponent(state.b.iri));
      if (stale("graph", t)) return;
      await drawPath(result, t);
    } catch (err) { status(err.message, true); $("path").append(el("li", err.message, "error")); }
  }

  // A path result drawn in a row, every node (the middle ones too) coloured by its type.
  async function drawPath(result, t) {
    const list = $("path");
    list.replaceChildren();
    const hops = result.paths[0] || [];
    const walk = [{ iri: result.source.iri, name: result.source.name }];
    const edges = [];
    let here = result.source.iri;
    for (const h of hops) {
      const next = h.subject === here ? { iri: h.object, name: h.object_name } : { iri: h.subject, name: h.subject_name };
      walk.push(next);
      edges.push({ source: h.subject, target: h.object, type: h.predicate, label: h.label });
      here = next.iri;
    }
    const iris = walk.map((n) => n.iri);
    const refs = await getJSON("/api/nodes?" + iris.map((i) => "iri=" + encodeURIComponent(i)).join("&"));
    if (stale("graph", t)) return;
    const nodes = refs.map((r, i) => ({ ...r, name: walk[i].name }));
    cy.elements().remove();
    cy.add(nodes.map(nodeData));
    cy.add(edges.map((e) => edgeData({ ...e, label: e.type.replace(/_/g, " ") })));
    cy.elements().addClass("path");
    markPicked();
    applyComparisons();
    const order = Object.fromEntries(nodes.map((n, i) => [n.iri, i]));
    cy.nodes().forEach((n) => n.toggleClass("label-top", order[n.id()] % 2 === 1));
    await runLayout({ name: "grid", rows: 1, sort: (x, y) => order[x.id()] - order[y.id()], animate: false });
    nodes.forEach((n, i) => {
      const li = el("li", n.name);
      li.dataset.iri = n.iri;
      if (edges[i]) li.append(el("span", " — " + edges[i].label + " — " + nodes[i + 1].name, "type"));
      list.append(li);
    });
    status(hops.length + " step" + (hops.length === 1 ? "" : "s") + " from " + result.source.name + " to " + result.target.name);
  }

  async function timeline(work) {
    const t = ticket("timeline");
    const box = $("timeline");
    box.hidden = false;
    box.dataset.work = work;
    box.replaceChildren(el("h2", "Plot timeline"));
    try {
      const tl = await getJSON("/api/timeline?work=" + encodeURIComponent(work));
      if (stale("timeline", t)) return;
      box.firstChild.textContent = "Plot timeline: " + tl.work.name;
      const list = el("ol"); list.id = "timeline-events";
      for (const act of tl.acts) {
        for (const e of act.events) {
          // the short label (agent, verb, object, place); the kind, the act, and whether only a review tells it
          const li = el("li", e.short || e.label);
          if (e.from_review) li.classList.add("from-review");
          const tags = [e.kind, act.act !== null ? "Act " + act.act : "act unknown"];
          if (e.from_review) tags.push(e.retells !== null ? "review, retells event " + e.retells : "review only");
          const who = e.participants.map((p) => p.name + " (" + p.role + ")").join(", ");
          li.append(el("div", tags.join(" · ") + (who ? " · " + who : ""), "who"));
          list.append(li);
        }
      }
      if (!list.childElementCount) box.append(el("p", "No plot events recorded for this work.", "hint"));
      box.append(list);
      $("right").scrollTop = 0;
    } catch (err) { box.append(el("p", err.message, "error")); }
  }

  // A question in English: the answer first, in the reader's own sentence (Answer.sentence), then the
  // answers (each a link that draws it), then the evidence under each answer; how it was read last.
  async function ask(question) {
    const t = ticket("ask");
    const box = $("answer");
    box.hidden = false;
    box.replaceChildren(el("p", "thinking…", "hint"));
    try {
      const a = await getJSON("/api/ask?q=" + encodeURIComponent(question));
      if (stale("ask", t)) return;
      box.replaceChildren();
      const answers = a.answers || [];
      const sentence = el("p", a.sentence || (answers.length ? "" : "No answer found in the graph."), "answer-sentence");
      sentence.id = "answer-text";
      box.append(sentence);
      if (a.shape === "count" || a.shape === "first" || a.shape === "last") sentence.dataset.shape = a.shape;
      if (a.shape !== "yes/no" && a.intent !== "profile" && answers.length) {
        const list = el(a.intent === "timeline" ? "ol" : "ul");
        list.id = "answer-items";
        for (const item of answers) {
          const li = el("li");
          const name = el(item.iri && a.intent === "relation" ? "a" : "span", item.name, "other");
          if (name.tagName === "A") { name.href = "#"; name.addEventListener("click", (evt) => { evt.preventDefault(); show(item.iri); }); }
          li.append(name);
          list.append(li);
        }
        box.append(list);
      }
      if ((a.support || []).length) {
        const evidence = el("div"); evidence.id = "answer-evidence";
        for (const support of a.support) {
          if (a.shape !== "yes/no") evidence.append(el("h3", support.answer));
          for (const step of support.steps) {
            const div = el("div", null, "fact");
            div.append(el("span", step.subject + " "), el("span", step.relation, "type"), el("span", " " + step.object, "other"));
            evidenceLines(div, step.evidence);
            evidence.append(div);
          }
        }
        box.append(evidence);
      }
      if (a.reading) box.append(el("p", "Read as: " + a.reading, "type"));
      if (a.result && a.intent === "timeline") { await show(a.result.work.iri); await timeline(a.result.work.iri); }
      else if (a.result && a.intent === "path") await drawPath(a.result, ticket("graph"));
      else if (a.result && a.intent === "profile") await show(a.result.entity.iri);
    } catch (err) {
      if (stale("ask", t)) return;
      box.replaceChildren(el("p", err.message, "error"));
      if (err.suggestions && err.suggestions.length) box.append(el("p", "Did you mean: " + err.suggestions.join(", ") + "?", "hint"));
    }
  }

  legend();
  cy.on("tap", "node", (evt) => profile(evt.target.id()));
  cy.on("dbltap", "node", (evt) => show(evt.target.id()));
  $("search-form").addEventListener("submit", (evt) => { evt.preventDefault(); search($("search").value.trim()); });
  $("ask-form").addEventListener("submit", (evt) => { evt.preventDefault(); ask($("question").value.trim()); });
  $("show-comparisons").addEventListener("change", applyComparisons);
  $("find-path").addEventListener("click", findPath);
  window.ugExplorer = { cy, show, search, ask };
})();
