/* The explorer page's behaviour. Every string from the graph is inserted with textContent, never as HTML. */
(function () {
  "use strict";

  var DIM_COLOR = { background: "#ececec", border: "#dddddd" };
  var DIM_FONT = { color: "rgba(0,0,0,0)", strokeWidth: 0 };
  var FONT = { color: "#222222" };

  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var meta = data.meta;
  var byId = new Map();
  var links = new Map();
  data.nodes.forEach(function (n) {
    byId.set(n.id, n);
    links.set(n.id, []);
    n.search = n.full.toLowerCase();
  });
  data.edges.forEach(function (e, i) {
    e.id = i;
    links.get(e.from).push({ rel: e.label, other: e.to, out: true });
    links.get(e.to).push({ rel: e.label, other: e.from, out: false });
  });

  var state = { hidden: new Set(), council: "", theme: "", from: null, to: null, selected: null };
  var dimmed = new Set();

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function visible(item) {
    var n = byId.get(item.id);
    if (state.hidden.has(n.cls)) return false;
    if (state.council !== "" && n.councils.indexOf(state.council) < 0) return false;
    if (state.theme !== "" && n.themes.indexOf(state.theme) < 0) return false;
    if ((state.from !== null || state.to !== null) && n.years.length) {
      var lo = state.from === null ? -Infinity : state.from;
      var hi = state.to === null ? Infinity : state.to;
      if (!n.years.some(function (y) { return y >= lo && y <= hi; })) return false;
    }
    return true;
  }

  var nodes = new vis.DataSet(
    data.nodes.map(function (n) {
      return { id: n.id, label: n.label, shape: n.shape, color: n.color, size: n.size, x: n.x, y: n.y, font: FONT };
    })
  );
  var edges = new vis.DataSet(
    data.edges.map(function (e) {
      return { id: e.id, from: e.from, to: e.to, label: e.label };
    })
  );
  var nodeView = new vis.DataView(nodes, { filter: visible });
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edges }, data.options);

  var status = document.getElementById("status");
  function updateStatus() {
    var shown = nodeView.length;
    var total = data.nodes.length;
    status.textContent = (shown === total ? total + " nodes" : shown + " of " + total + " nodes shown") +
      ", " + data.edges.length + " links";
    status.dataset.shownNodes = String(shown);
  }

  /* Neighbourhood highlight: the node and its neighbours keep their colours, the rest fade. */
  function highlight(id) {
    var keep = new Set();
    if (id !== null) {
      keep.add(id);
      links.get(id).forEach(function (l) { keep.add(l.other); });
    }
    var updates = [];
    data.nodes.forEach(function (n) {
      var dim = id !== null && !keep.has(n.id);
      if (dim === dimmed.has(n.id)) return;
      if (dim) dimmed.add(n.id); else dimmed.delete(n.id);
      updates.push({ id: n.id, color: dim ? DIM_COLOR : n.color, font: dim ? DIM_FONT : FONT });
    });
    if (updates.length) nodes.update(updates);
  }

  /* The detail panel: properties, links and evidence, all as text. */
  function sentenceWithQuote(sentence, exact) {
    var quote = el("blockquote");
    var at = exact ? sentence.indexOf(exact) : -1;
    if (at < 0) {
      quote.textContent = sentence;
      return quote;
    }
    quote.appendChild(document.createTextNode(sentence.slice(0, at)));
    quote.appendChild(el("mark", exact));
    quote.appendChild(document.createTextNode(sentence.slice(at + exact.length)));
    return quote;
  }

  function showPanel(id) {
    var empty = document.getElementById("panel-empty");
    var body = document.getElementById("panel-body");
    if (id === null) {
      empty.hidden = false;
      body.hidden = true;
      return;
    }
    var n = byId.get(id);
    document.getElementById("panel-title").textContent = n.full;
    document.getElementById("panel-kind").textContent = n.kind;
    var props = document.getElementById("panel-props");
    props.replaceChildren();
    n.props.forEach(function (p) {
      props.appendChild(el("dt", p[0]));
      props.appendChild(el("dd", p[1]));
    });
    props.appendChild(el("dt", "IRI"));
    props.appendChild(el("dd", n.id));
    var list = document.getElementById("panel-links");
    list.replaceChildren();
    links.get(id).slice().sort(function (a, b) {
      return a.rel.localeCompare(b.rel) || byId.get(a.other).full.localeCompare(byId.get(b.other).full);
    }).forEach(function (l) {
      var item = el("li");
      var other = byId.get(l.other);
      item.appendChild(el("span", l.out ? l.rel + " → " : "← " + l.rel + " ", "rel"));
      var go = el("button", other.full);
      go.type = "button";
      go.addEventListener("click", function () { select(l.other, true); });
      item.appendChild(go);
      list.appendChild(item);
    });
    if (!list.children.length) list.appendChild(el("li", "none", "note"));
    var ev = document.getElementById("panel-evidence");
    ev.replaceChildren();
    n.evidence.forEach(function (e) {
      var item = el("li");
      item.appendChild(sentenceWithQuote(e.sentence || "", e.exact || ""));
      var source = [e.title, e.date, e.file].filter(function (x) { return x; }).join(" — ");
      if (source) item.appendChild(el("p", source, "source"));
      ev.appendChild(item);
    });
    if (!n.evidence.length) ev.appendChild(el("li", "No evidence sentence recorded for this node.", "note"));
    empty.hidden = true;
    body.hidden = false;
  }

  function reveal(id) {
    var n = byId.get(id);
    if (visible({ id: id })) return;
    state.hidden.delete(n.cls);
    state.council = ""; state.theme = ""; state.from = null; state.to = null;
    syncControls();
    applyFilters();
  }

  function select(id, focus) {
    if (id === null || !byId.has(id)) {
      state.selected = null;
      network.unselectAll();
      highlight(null);
      showPanel(null);
      return;
    }
    reveal(id);
    state.selected = id;
    network.selectNodes([id], true);
    highlight(id);
    showPanel(id);
    if (focus) network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
  }

  network.on("click", function (params) {
    select(params.nodes.length ? params.nodes[0] : null, false);
  });

  /* Search by label: prefix matches first, then shorter labels. */
  var searchBox = document.getElementById("search");
  var results = document.getElementById("search-results");
  function matches(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    var found = [];
    data.nodes.forEach(function (n) {
      var at = n.search.indexOf(q);
      if (at >= 0) found.push({ n: n, rank: n.search === q ? 0 : at === 0 ? 1 : 2 });
    });
    found.sort(function (a, b) {
      return a.rank - b.rank || a.n.full.length - b.n.full.length || a.n.full.localeCompare(b.n.full);
    });
    return found.slice(0, 15).map(function (m) { return m.n; });
  }
  function showMatches() {
    results.replaceChildren();
    matches(searchBox.value).forEach(function (n) {
      var item = el("li");
      var b = el("button", n.full);
      b.type = "button";
      b.dataset.id = n.id;
      b.appendChild(el("span", n.kind, "cls"));
      b.addEventListener("click", function () { select(n.id, true); });
      item.appendChild(b);
      results.appendChild(item);
    });
  }
  function search(q) {
    var found = matches(q);
    if (found.length) select(found[0].id, true);
    return found.length ? found[0].id : null;
  }
  searchBox.addEventListener("input", showMatches);
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); search(searchBox.value); }
  });

  /* Filters: class (legend), council, theme, years. */
  var councilSel = document.getElementById("council");
  var themeSel = document.getElementById("theme");
  var yearFrom = document.getElementById("year-from");
  var yearTo = document.getElementById("year-to");
  meta.councils.forEach(function (name, i) {
    var o = el("option", name); o.value = String(i); councilSel.appendChild(o);
  });
  meta.themes.forEach(function (name, i) {
    var o = el("option", name); o.value = String(i); themeSel.appendChild(o);
  });
  if (meta.years.length) {
    [yearFrom, yearTo].forEach(function (input) {
      input.min = String(meta.years[0]); input.max = String(meta.years[1]);
    });
    yearFrom.placeholder = String(meta.years[0]);
    yearTo.placeholder = String(meta.years[1]);
  }
  function yearValue(input) {
    var v = parseInt(input.value, 10);
    return isNaN(v) ? null : v;
  }
  var legend = document.getElementById("legend-items");
  var legendButtons = [];
  meta.classes.forEach(function (c) {
    var item = el("li");
    var b = el("button");
    b.type = "button";
    b.dataset.cls = c.key;
    var sw = el("span", null, "swatch " + c.shape);
    sw.style.background = c.color;
    b.appendChild(sw);
    b.appendChild(el("span", c.label));
    b.appendChild(el("span", String(c.count), "count"));
    b.addEventListener("click", function () {
      if (state.hidden.has(c.key)) state.hidden.delete(c.key); else state.hidden.add(c.key);
      syncControls();
      applyFilters();
    });
    legendButtons.push(b);
    item.appendChild(b);
    legend.appendChild(item);
  });
  if (meta.folded.length) {
    document.getElementById("folded").textContent =
      meta.folded.join(" and ") + " nodes are folded into the detail panel's evidence.";
  }
  function syncControls() {
    legendButtons.forEach(function (b) {
      b.setAttribute("aria-pressed", state.hidden.has(b.dataset.cls) ? "false" : "true");
    });
    councilSel.value = state.council === "" ? "" : String(state.council);
    themeSel.value = state.theme === "" ? "" : String(state.theme);
    yearFrom.value = state.from === null ? "" : String(state.from);
    yearTo.value = state.to === null ? "" : String(state.to);
  }
  function applyFilters() {
    nodeView.refresh();
    if (state.selected !== null && !visible({ id: state.selected })) select(null, false);
    updateStatus();
  }
  councilSel.addEventListener("change", function () {
    state.council = councilSel.value === "" ? "" : parseInt(councilSel.value, 10);
    applyFilters();
  });
  themeSel.addEventListener("change", function () {
    state.theme = themeSel.value === "" ? "" : parseInt(themeSel.value, 10);
    applyFilters();
  });
  [yearFrom, yearTo].forEach(function (input) {
    input.addEventListener("change", function () {
      state.from = yearValue(yearFrom);
      state.to = yearValue(yearTo);
      applyFilters();
    });
  });
  document.getElementById("reset").addEventListener("click", function () {
    state.hidden.clear(); state.council = ""; state.theme = ""; state.from = null; state.to = null;
    syncControls();
    applyFilters();
    select(null, false);
    network.fit({ animation: false });
  });

  syncControls();
  updateStatus();
  network.once("afterDrawing", function () {
    document.body.dataset.ready = "true";
  });

  window.kgExplorer = {
    network: network,
    data: data,
    select: function (id) { select(id, true); },
    search: search,
    selected: function () { return state.selected; },
    shownNodes: function () { return nodeView.length; },
    dimmed: function () { return dimmed.size; }
  };
})();
