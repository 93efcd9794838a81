/* The explorer page's behaviour. Every string from the graph is inserted with textContent, never as HTML.

   The page holds the whole graph (compressed, inflated here with DecompressionStream) but draws one view
   at a time: the overview of councils (a big graph), everything (a small one), or one council's
   neighbourhood, plus the nodes a reader expanded and less those hanging on nodes they collapsed.
   The view lives in the URL's hash (#council=E06000005&expand=id/person/x&collapse=id/visit/y), so a
   view can be shared and the back button goes back to the view before. */
(function () {
  "use strict";

  var DIM_COLOR = { background: "#ececec", border: "#dddddd" };
  var DIM_FONT = { color: "#c4c4c4", strokeWidth: 0 };
  var FONT = { color: "#222222", size: 14 };
  var REGION_PREFIX = "region:";
  var MAX_LINKS = 60; /* links listed in the panel; the rest are counted */

  var meta = JSON.parse(document.getElementById("graph-meta").textContent);

  function bytesOf(b64) {
    if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(b64);
    var bin = atob(b64);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function inflate() {
    var text = document.getElementById("graph-data").textContent.trim();
    var stream = new Blob([bytesOf(text)]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function shorten(text, limit) {
    return text.length <= limit ? text : text.slice(0, limit - 1).trimEnd() + "…";
  }

  function start(packed) {
    var classes = meta.classes;
    var nodes = packed.nodes.map(function (r, i) {
      var c = classes[r[2]];
      return {
        i: i,
        sid: r[0],
        id: /^[a-z][a-z0-9+.-]*:/i.test(r[0]) ? r[0] : packed.base + r[0],
        full: r[1],
        search: r[1].toLowerCase(),
        cls: c.key,
        style: c,
        kind: packed.kinds[r[3]],
        councils: r[4],
        themes: r[5],
        years: r[6],
        props: r[7],
        evidence: r[8]
      };
    });
    var byIri = new Map();
    var bySid = new Map();
    nodes.forEach(function (n) { byIri.set(n.id, n.i); bySid.set(n.sid, n.i); });
    var links = nodes.map(function () { return []; });
    for (var k = 0; k < packed.edges.length; k += 3) {
      var from = packed.edges[k], to = packed.edges[k + 1], rel = packed.rels[packed.edges[k + 2]];
      links[from].push({ rel: rel, other: to, out: true });
      links[to].push({ rel: rel, other: from, out: false });
    }
    var councils = meta.councils;
    var councilOfNode = new Map();
    var councilByGss = new Map();
    councils.forEach(function (c, i) { councilOfNode.set(c.node, i); councilByGss.set(c.gss, i); });
    var hoodSets = packed.hoods.map(function (h) {
      var s = new Set();
      for (var j = 0; j < h.length; j += 3) s.add(h[j]);
      return s;
    });
    var hoodLead = packed.hoods.map(function (h) {
      var s = new Set();
      for (var j = 0; j < h.length; j += 3) if (h[j + 1]) s.add(h[j]);
      return s;
    });
    var visitDate = new Map();
    packed.hoods.forEach(function (h) {
      for (var j = 0; j < h.length; j += 3) if (h[j + 2]) visitDate.set(h[j], h[j + 2]);
    });
    var gradeStyle = new Map(meta.grades.map(function (g) { return [g.key, g]; }));

    /* ---- the view: which nodes, where ---- */
    var state = { council: null, expand: [], collapse: [] };
    var filters = { hidden: new Set(), theme: "", from: null, to: null };
    var view = { mode: "", pos: new Map(), edges: [] };
    var selected = null;
    var dimmed = new Set();

    function encodeId(s) { return encodeURIComponent(s).replace(/%2F/g, "/"); }
    function hashOf(st) {
      var parts = [];
      if (st.council !== null) parts.push("council=" + encodeURIComponent(councils[st.council].gss));
      if (st.expand.length) parts.push("expand=" + st.expand.map(function (i) { return encodeId(nodes[i].sid); }).join(","));
      if (st.collapse.length) parts.push("collapse=" + st.collapse.map(function (i) { return encodeId(nodes[i].sid); }).join(","));
      return parts.join("&");
    }
    function parseHash(hash) {
      var st = { council: null, expand: [], collapse: [] };
      hash.replace(/^#/, "").split("&").forEach(function (part) {
        var at = part.indexOf("=");
        if (at < 0) return;
        var key = part.slice(0, at);
        var values = part.slice(at + 1).split(",").map(function (v) {
          try { return decodeURIComponent(v); } catch (e) { return ""; }
        });
        if (key === "council" && councilByGss.has(values[0])) st.council = councilByGss.get(values[0]);
        if (key === "expand" || key === "collapse") {
          values.forEach(function (v) {
            if (bySid.has(v) && st[key].indexOf(bySid.get(v)) < 0) st[key].push(bySid.get(v));
          });
        }
      });
      return st;
    }

    function ring(pos, centre, fresh) {
      var r = Math.max(220, fresh.length * 46 / (2 * Math.PI));
      fresh.forEach(function (m, k) {
        var a = (2 * Math.PI * k) / fresh.length - Math.PI / 2;
        pos.set(m, [Math.round(centre[0] + r * Math.cos(a)), Math.round(centre[1] + r * Math.sin(a))]);
      });
    }

    function placed(pos) {
      var any = false;
      pos.forEach(function (p) { if (p !== null) any = true; });
      return any;
    }
    function rightOf(pos) {
      var maxX = -Infinity, sumY = 0, n = 0;
      pos.forEach(function (p) { if (p !== null) { maxX = Math.max(maxX, p[0]); sumY += p[1]; n++; } });
      return [maxX + 600, sumY / n];
    }

    /* A council's neighbourhood as a page reads: the council on the left, its posts and their holders
       beside it; its visits down the middle, newest first; what each visit found to its right, judgements
       first, a few to a row. */
    var COL = 250, ROW = 70, PER_ROW = 4;
    var ORDER = { judgement: 0, afi: 1, finding: 2, person: 3, organisation: 4, flag: 5, theme: 6 };
    function byKind(a, b) {
      var ka = ORDER[nodes[a].cls] === undefined ? 9 : ORDER[nodes[a].cls];
      var kb = ORDER[nodes[b].cls] === undefined ? 9 : ORDER[nodes[b].cls];
      return ka - kb || nodes[a].full.localeCompare(nodes[b].full);
    }
    function councilLayout(pos, council, hood) {
      var visits = [], officials = [], rest = [];
      pos.forEach(function (p, i) {
        if (i === council || !hood.has(i)) return;
        if (nodes[i].cls === "inspection") visits.push(i);
        else if (nodes[i].cls === "post") officials.push(i);
        else rest.push(i);
      });
      visits.sort(function (a, b) {
        return (visitDate.get(b) || "").localeCompare(visitDate.get(a) || "") || nodes[a].full.localeCompare(nodes[b].full);
      });
      var rowOf = new Map(visits.map(function (v, k) { return [v, k]; }));
      var groups = visits.map(function () { return []; });
      var own = [], holders = new Map();
      rest.sort(byKind).forEach(function (i) {
        var home = -1;
        links[i].forEach(function (l) {
          if (rowOf.has(l.other) && (home < 0 || rowOf.get(l.other) > home)) home = rowOf.get(l.other);
        });
        if (home >= 0) { groups[home].push(i); return; }
        var post = links[i].filter(function (l) { return nodes[l.other].cls === "post" && pos.has(l.other); });
        if (nodes[i].cls === "person" && post.length) {
          var p = post[0].other;
          if (!holders.has(p)) holders.set(p, []);
          holders.get(p).push(i);
          return;
        }
        own.push(i);
      });
      var y = 0;
      if (own.length) {
        own.forEach(function (i, k) { pos.set(i, [2 * COL + (k % PER_ROW) * COL, y + Math.floor(k / PER_ROW) * ROW]); });
        y += Math.ceil(own.length / PER_ROW) * ROW + ROW / 2;
      }
      visits.forEach(function (v, k) {
        pos.set(v, [COL, y]);
        groups[k].forEach(function (i, j) { pos.set(i, [2 * COL + (j % PER_ROW) * COL, y + Math.floor(j / PER_ROW) * ROW]); });
        y += Math.max(1, Math.ceil(groups[k].length / PER_ROW)) * ROW;
      });
      var middle = visits.length ? (pos.get(visits[0])[1] + pos.get(visits[visits.length - 1])[1]) / 2 : 0;
      pos.set(council, [0, middle]);
      officials.sort(byKind);
      var top = middle + ROW * 1.4;
      officials.forEach(function (p, k) {
        pos.set(p, [0, top + 2 * k * ROW]);
        (holders.get(p) || []).forEach(function (h, j) { pos.set(h, [j * COL * 0.8, top + (2 * k + 1) * ROW]); });
      });
      holders.forEach(function (hs) { hs.forEach(function (h) { if (pos.get(h) === null) pos.set(h, [0, top]); }); });
    }

    function compute(st) {
      var pos = new Map();
      var mode;
      var laid = null;
      if (st.council !== null) {
        mode = "council";
        var h = packed.hoods[st.council];
        for (var j = 0; j < h.length; j += 3) if (h[j + 1]) pos.set(h[j], null);
      } else if (!meta.overview) {
        mode = "whole";
        nodes.forEach(function (n) { pos.set(n.i, [packed.whole[2 * n.i], packed.whole[2 * n.i + 1]]); });
      } else if (!st.expand.length) {
        mode = "overview";
        councils.forEach(function (c) { if (c.node >= 0) pos.set(c.node, [c.x, c.y]); });
      } else {
        mode = "nodes";
      }
      var hood = st.council !== null ? hoodSets[st.council] : null;
      var rings = [];
      st.expand.forEach(function (e) {
        if (!pos.has(e)) pos.set(e, null);
        var fresh = [];
        links[e].forEach(function (l) {
          if (pos.has(l.other) || fresh.indexOf(l.other) >= 0) return;
          pos.set(l.other, null);
          if (!hood || !hood.has(l.other)) fresh.push(l.other);
        });
        if (fresh.length) rings.push([e, fresh]);
      });
      var base = st.council !== null ? councils[st.council].node : -1;
      st.collapse.forEach(function (c) {
        if (!pos.has(c)) return;
        hanging(c, pos, base, st.expand).forEach(function (m) { pos.delete(m); });
      });
      if (mode === "council") councilLayout(pos, base, hood);
      rings.forEach(function (r) {
        var fresh = r[1].filter(function (m) { return pos.has(m) && pos.get(m) === null; });
        if (pos.get(r[0]) === null) pos.set(r[0], placed(pos) ? rightOf(pos) : [0, 0]);
        ring(pos, pos.get(r[0]), fresh);
      });
      pos.forEach(function (p, i) { if (p === null) pos.set(i, placed(pos) ? rightOf(pos) : [0, 0]); });
      var edges = [];
      if (mode !== "overview") {
        var grouped = new Set(); /* drawn beside a visit: their link to the council goes without saying */
        if (mode === "council") {
          pos.forEach(function (_, i) {
            if (nodes[i].cls !== "inspection" && links[i].some(function (l) { return pos.has(l.other) && nodes[l.other].cls === "inspection"; })) grouped.add(i);
          });
        }
        pos.forEach(function (_, i) {
          links[i].forEach(function (l) {
            if (!l.out || !pos.has(l.other)) return;
            if ((i === base && grouped.has(l.other)) || (l.other === base && grouped.has(i))) return;
            edges.push([i, l.other, l.rel]);
          });
        });
      }
      return { mode: mode, pos: pos, edges: edges };
    }

    /* The nodes that hang on node c in a view: linked to it and to nothing else there. */
    function hanging(c, pos, base, expanded) {
      var out = [];
      links[c].forEach(function (l) {
        var m = l.other;
        if (!pos.has(m) || m === base || expanded.indexOf(m) >= 0 || out.indexOf(m) >= 0) return;
        var alone = links[m].every(function (x) { return x.other === c || !pos.has(x.other); });
        if (alone) out.push(m);
      });
      return out;
    }
    function hidden(i) {
      return links[i].filter(function (l) { return !view.pos.has(l.other); }).length;
    }

    /* ---- drawing ---- */
    var container = document.getElementById("network");
    var visNodes = new vis.DataSet();
    var visEdges = new vis.DataSet();
    function visible(item) {
      if (typeof item.id === "string" && item.id.indexOf(REGION_PREFIX) === 0) return true;
      var n = nodes[byIri.get(item.id)];
      if (filters.hidden.has(n.cls)) return false;
      if (filters.theme !== "" && n.themes.indexOf(filters.theme) < 0) return false;
      if ((filters.from !== null || filters.to !== null) && n.years.length) {
        var lo = filters.from === null ? -Infinity : filters.from;
        var hi = filters.to === null ? Infinity : filters.to;
        if (!n.years.some(function (y) { return y >= lo && y <= hi; })) return false;
      }
      return true;
    }
    var network = new vis.Network(container, { nodes: visNodes, edges: visEdges }, meta.options);

    function label(n) {
      var text = n.full;
      if (view.mode === "council") {
        var name = councils[state.council].label + ": ";
        if (text.indexOf(name) === 0 && text.length > name.length) text = text.slice(name.length);
      }
      return view.mode === "council" ? wrap(text, 30) : shorten(text, 48);
    }
    function wrap(text, width) {
      var lines = [""];
      text.split(" ").forEach(function (word) {
        var last = lines[lines.length - 1];
        if (last && (last + " " + word).length > width) lines.push(word);
        else lines[lines.length - 1] = last ? last + " " + word : word;
      });
      if (lines.length > 2) lines = [lines[0], shorten(lines.slice(1).join(" "), width)];
      return lines.join("\n");
    }
    function councilBox(n, c) {
      var g = gradeStyle.get(c.grade) || gradeStyle.get("");
      return {
        id: n.id, label: c.box, shape: "box", x: view.pos.get(n.i)[0], y: view.pos.get(n.i)[1],
        color: { background: g.color, border: "#3a3a3a", highlight: { background: g.color, border: "#000000" } },
        font: { color: g.text, size: 14, face: "system-ui, Liberation Sans, Arial, sans-serif" },
        widthConstraint: { minimum: 158 }, margin: { top: 4, bottom: 4, left: 6, right: 6 }, borderWidth: 1, shapeProperties: { borderRadius: 3 }
      };
    }
    function item(n) {
      var p = view.pos.get(n.i);
      if (view.mode === "overview") return councilBox(n, councils[councilOfNode.get(n.i)]);
      var color = n.style.color;
      if (n.cls === "council" && councilOfNode.has(n.i)) {
        color = (gradeStyle.get(councils[councilOfNode.get(n.i)].grade) || gradeStyle.get("")).color;
      } else if (n.cls === "judgement" && gradeOf(n) !== null) {
        color = gradeStyle.get(gradeOf(n)).color; /* a judgement takes its grade's colour, as councils do */
      }
      var it = { id: n.id, label: label(n), shape: n.style.shape,
        color: { background: color, border: "#3a3a3a", highlight: { background: color, border: "#000000" },
          hover: { background: color, border: "#000000" } },
        size: n.style.size, x: p[0], y: p[1], font: FONT, borderWidth: 1 };
      if (n.cls === "council") it.borderWidth = 2;
      var more = view.mode === "whole" ? 0 : hidden(n.i);
      if (more) { /* a dashed rim: more is linked to it than is shown; a double-click shows it */
        it.shapeProperties = { borderDashes: [4, 3] };
        it.borderWidth = 2;
        it.title = more + " more linked: double-click to show";
      }
      n.color = it.color;
      return it;
    }

    function gradeOf(n) {
      for (var k = 0; k < n.props.length; k++) {
        if (packed.keys[n.props[k][0]] === "grade") {
          var key = n.props[k][1].toLowerCase().replace(/ /g, "_");
          return gradeStyle.has(key) && key ? key : null;
        }
      }
      return null;
    }

    function draw() {
      dimmed.clear();
      var items = [];
      view.pos.forEach(function (_, i) { items.push(item(nodes[i])); });
      if (view.mode === "overview") {
        meta.regions.forEach(function (r, k) {
          items.push({
            id: REGION_PREFIX + k, label: r.label, shape: "text", x: r.x, y: r.y,
            font: { size: 19, color: "#1f3a5f", face: "system-ui, Liberation Sans, Arial, sans-serif", bold: { color: "#1f3a5f" } },
            chosen: false
          });
        });
      }
      items.forEach(function (it) { it.hidden = !visible(it); });
      visNodes = new vis.DataSet(items);
      visEdges = new vis.DataSet(view.edges.map(function (e, k) {
        return { id: k, from: nodes[e[0]].id, to: nodes[e[1]].id, label: view.mode === "council" || view.pos.size > 40 ? undefined : e[2], title: e[2],
          smooth: view.mode === "council" ? { enabled: true, type: "curvedCW", roundness: 0.12 } : false };
      }));
      network.setData({ nodes: visNodes, edges: visEdges });
      network.fit({ animation: false });
      /* the labels' sizes are known once drawn: fit again to keep them on the canvas */
      network.once("afterDrawing", function () { network.fit({ animation: false }); });
    }

    function apply(st, keepSelection) {
      state = { council: st.council, expand: st.expand.slice(), collapse: st.collapse.slice() };
      applied = hashOf(state);
      view = compute(state);
      document.body.dataset.view = view.mode;
      document.body.classList.toggle("overview", view.mode === "overview");
      network.setSize("100%", "100%"); /* the panel comes and goes with the overview: measure the canvas again */
      draw();
      if (!keepSelection || selected === null || !view.pos.has(selected)) {
        selected = null;
        showPanel(null);
      }
      syncControls();
      updateStatus();
    }

    var applied = null;
    function navigate(st) {
      var hash = hashOf(st);
      apply(st, true);
      if (("#" + hash) !== location.hash && !(hash === "" && location.hash === "")) {
        if (hash === "") history.pushState(null, "", location.pathname + location.search);
        else location.hash = hash;
      }
    }
    function fromLocation() {
      var hash = location.hash.replace(/^#/, "");
      var st = parseHash(hash);
      if (hashOf(st) !== applied) apply(st, false);
    }
    window.addEventListener("hashchange", fromLocation);
    window.addEventListener("popstate", fromLocation);

    var status = document.getElementById("status");
    var viewTitle = document.getElementById("view-title");
    function updateStatus() {
      var shown = visNodes.get({ filter: function (it) { return !it.hidden && it.id.indexOf(REGION_PREFIX) !== 0; } }).length;
      var total = view.pos.size;
      if (view.mode === "overview") {
        viewTitle.textContent = "Overview: " + councils.length + " councils in " + meta.regions.length + (meta.regions.length === 1 ? " region" : " regions");
        status.textContent = meta.total_nodes + " nodes and " + meta.total_edges + " links in the graph";
      } else {
        viewTitle.textContent = view.mode === "council" ? councils[state.council].label + " and its neighbourhood"
          : view.mode === "whole" ? "The whole graph" : "Expanded nodes";
        status.textContent = (shown === total ? total + " nodes" : shown + " of " + total + " nodes shown") +
          ", " + view.edges.length + " links";
      }
      status.dataset.shownNodes = String(shown);
    }

    /* Neighbourhood highlight: the node and its neighbours keep their colours, the rest fade. */
    function highlight(i) {
      var keep = new Set();
      if (i !== null) {
        keep.add(i);
        links[i].forEach(function (l) { keep.add(l.other); });
      }
      var updates = [];
      view.pos.forEach(function (_, j) {
        var dim = i !== null && !keep.has(j);
        if (dim === dimmed.has(j)) return;
        if (dim) dimmed.add(j); else dimmed.delete(j);
        var n = nodes[j];
        if (view.mode === "overview") {
          var box = councilBox(n, councils[councilOfNode.get(j)]);
          updates.push({ id: n.id, color: dim ? DIM_COLOR : box.color, font: dim ? DIM_FONT : box.font });
        } else {
          updates.push({ id: n.id, color: dim ? DIM_COLOR : n.color, font: dim ? DIM_FONT : FONT });
        }
      });
      if (updates.length) visNodes.update(updates);
    }

    /* ---- the detail panel: properties, links and evidence, all as text ---- */
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
    function action(text, fn, name) {
      var b = el("button", text, "action");
      b.type = "button";
      b.dataset.action = name;
      b.addEventListener("click", fn);
      return b;
    }

    function showPanel(i) {
      var empty = document.getElementById("panel-empty");
      var body = document.getElementById("panel-body");
      if (i === null) {
        empty.hidden = false;
        body.hidden = true;
        return;
      }
      var n = nodes[i];
      document.getElementById("panel-title").textContent = n.full;
      document.getElementById("panel-kind").textContent = n.kind;
      var actions = document.getElementById("panel-actions");
      actions.replaceChildren();
      if (councilOfNode.has(i) && state.council !== councilOfNode.get(i)) {
        actions.appendChild(action("Open its neighbourhood", function () { openCouncil(councilOfNode.get(i)); }, "open"));
      }
      var more = hidden(i);
      if (more) actions.appendChild(action("Show " + more + " more linked", function () { expand(i); }, "expand"));
      if (view.mode !== "overview" && hanging(i, view.pos, state.council !== null ? councils[state.council].node : -1, state.expand).length) {
        actions.appendChild(action("Hide what hangs on it", function () { collapse(i); }, "collapse"));
      }
      var props = document.getElementById("panel-props");
      props.replaceChildren();
      if (councilOfNode.has(i)) {
        var c = councils[councilOfNode.get(i)];
        var g = gradeStyle.get(c.grade) || gradeStyle.get("");
        props.appendChild(el("dt", "latest overall grade"));
        props.appendChild(el("dd", c.grade ? g.label + " (" + c.year + ")" : g.label));
        if (c.region) { props.appendChild(el("dt", "region")); props.appendChild(el("dd", c.region)); }
      }
      n.props.forEach(function (p) {
        props.appendChild(el("dt", packed.keys[p[0]]));
        props.appendChild(el("dd", p[1]));
      });
      props.appendChild(el("dt", "IRI"));
      props.appendChild(el("dd", n.id));
      var list = document.getElementById("panel-links");
      list.replaceChildren();
      var sorted = links[i].slice().sort(function (a, b) {
        return a.rel.localeCompare(b.rel) || nodes[a.other].full.localeCompare(nodes[b.other].full);
      });
      sorted.slice(0, MAX_LINKS).forEach(function (l) {
        var li = el("li");
        li.appendChild(el("span", l.out ? l.rel + " → " : "← " + l.rel + " ", "rel"));
        var go = el("button", nodes[l.other].full);
        go.type = "button";
        go.addEventListener("click", function () { select(l.other, true); });
        li.appendChild(go);
        list.appendChild(li);
      });
      if (sorted.length > MAX_LINKS) list.appendChild(el("li", "and " + (sorted.length - MAX_LINKS) + " more", "note"));
      if (!list.children.length) list.appendChild(el("li", "none", "note"));
      var ev = document.getElementById("panel-evidence");
      ev.replaceChildren();
      n.evidence.forEach(function (e) {
        var li = el("li");
        li.appendChild(sentenceWithQuote(packed.sentences[e[0]] || "", e[2] || ""));
        var d = e[1] >= 0 ? packed.docs[e[1]] : [];
        var source = [d[0], d[1], d[2]].filter(function (x) { return x; }).join(" — ");
        if (source) li.appendChild(el("p", source, "source"));
        ev.appendChild(li);
      });
      if (!n.evidence.length) ev.appendChild(el("li", "No evidence sentence recorded for this node.", "note"));
      empty.hidden = true;
      body.hidden = false;
    }

    /* ---- moving about ---- */
    function openCouncil(c) {
      navigate({ council: c, expand: [], collapse: [] });
      select(councils[c].node, false);
    }
    function expand(i) {
      var st = { council: state.council, expand: state.expand.slice(), collapse: state.collapse.filter(function (x) { return x !== i; }) };
      if (st.expand.indexOf(i) < 0) st.expand.push(i);
      navigate(st);
      select(i, false);
    }
    function collapse(i) {
      var st = { council: state.council, expand: state.expand.filter(function (x) { return x !== i; }), collapse: state.collapse.slice() };
      if (st.collapse.indexOf(i) < 0) st.collapse.push(i);
      navigate(st);
      if (view.pos.has(i)) select(i, false);
    }
    function toggle(i) {
      if (hidden(i)) expand(i);
      else if (hanging(i, view.pos, state.council !== null ? councils[state.council].node : -1, state.expand).length) collapse(i);
    }

    /* Bring node i into the view: its council's neighbourhood, else the node with its links. */
    function bringIn(i) {
      if (view.pos.has(i) && view.mode !== "overview") return;
      var n = nodes[i];
      if (councilOfNode.has(i)) {
        navigate({ council: councilOfNode.get(i), expand: [], collapse: [] });
        return;
      }
      var home = n.councils.filter(function (c) { return hoodSets[c].has(i); });
      if (home.length) {
        /* its council's neighbourhood, with the node and its links brought in when they are not shown first */
        navigate({ council: home[0], expand: hoodLead[home[0]].has(i) ? [] : [i], collapse: [] });
      } else {
        navigate({ council: state.council, expand: state.expand.concat([i]), collapse: [] });
      }
    }

    function reveal(i) {
      var n = nodes[i];
      if (visible({ id: n.id })) return;
      filters.hidden.delete(n.cls);
      filters.theme = ""; filters.from = null; filters.to = null;
      syncControls();
      applyFilters();
    }

    function select(i, focus) {
      if (i === null || i === undefined || i < 0) {
        selected = null;
        network.unselectAll();
        highlight(null);
        showPanel(null);
        return;
      }
      bringIn(i);
      if (!view.pos.has(i)) return;
      reveal(i);
      selected = i;
      network.selectNodes([nodes[i].id], true);
      highlight(i);
      showPanel(i);
      if (focus) network.focus(nodes[i].id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    }

    network.on("click", function (params) {
      var id = params.nodes.length ? params.nodes[0] : null;
      if (id === null || !byIri.has(id)) { select(null, false); return; }
      var i = byIri.get(id);
      if (view.mode === "overview" && councilOfNode.has(i)) openCouncil(councilOfNode.get(i));
      else select(i, false);
    });
    network.on("doubleClick", function (params) {
      var id = params.nodes.length ? params.nodes[0] : null;
      if (id !== null && byIri.has(id) && view.mode !== "overview") toggle(byIri.get(id));
    });

    /* ---- search by label: prefix matches first, then shorter labels ---- */
    var searchBox = document.getElementById("search");
    var results = document.getElementById("search-results");
    function matches(q) {
      q = q.trim().toLowerCase();
      if (!q) return [];
      var found = [];
      nodes.forEach(function (n) {
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
        var li = el("li");
        var b = el("button", n.full);
        b.type = "button";
        b.dataset.id = n.id;
        b.appendChild(el("span", n.kind, "cls"));
        b.addEventListener("click", function () { select(n.i, true); });
        li.appendChild(b);
        results.appendChild(li);
      });
    }
    function search(q) {
      var found = matches(q);
      if (found.length) select(found[0].i, true);
      return found.length ? found[0].id : null;
    }
    searchBox.addEventListener("input", showMatches);
    searchBox.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") { ev.preventDefault(); search(searchBox.value); }
    });

    /* ---- filters: class (legend), council (opens it), theme, years ---- */
    var councilSel = document.getElementById("council");
    var themeSel = document.getElementById("theme");
    var yearFrom = document.getElementById("year-from");
    var yearTo = document.getElementById("year-to");
    councils.forEach(function (c, i) {
      var o = el("option", c.label); o.value = String(i); councilSel.appendChild(o);
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
      var li = el("li");
      var b = el("button");
      b.type = "button";
      b.dataset.cls = c.key;
      var sw = el("span", null, "swatch " + c.shape);
      sw.style.background = c.color;
      b.appendChild(sw);
      b.appendChild(el("span", c.label));
      b.appendChild(el("span", String(c.count), "count"));
      b.addEventListener("click", function () {
        if (filters.hidden.has(c.key)) filters.hidden.delete(c.key); else filters.hidden.add(c.key);
        syncControls();
        applyFilters();
      });
      legendButtons.push(b);
      li.appendChild(b);
      legend.appendChild(li);
    });
    var grades = document.getElementById("grade-items");
    meta.grades.forEach(function (g) {
      var li = el("li");
      li.dataset.grade = g.key;
      var sw = el("span", null, "swatch box");
      sw.style.background = g.color;
      li.appendChild(sw);
      li.appendChild(el("span", g.label));
      li.appendChild(el("span", String(g.count), "count"));
      grades.appendChild(li);
    });
    if (meta.folded.length) {
      document.getElementById("folded").textContent =
        meta.folded.join(" and ") + " nodes are folded into the detail panel's evidence.";
    }
    var reset = document.getElementById("reset");
    reset.textContent = meta.overview ? "Back to the overview" : "Show everything";
    function syncControls() {
      legendButtons.forEach(function (b) {
        b.setAttribute("aria-pressed", filters.hidden.has(b.dataset.cls) ? "false" : "true");
      });
      councilSel.value = state.council === null ? "" : String(state.council);
      themeSel.value = filters.theme === "" ? "" : String(filters.theme);
      yearFrom.value = filters.from === null ? "" : String(filters.from);
      yearTo.value = filters.to === null ? "" : String(filters.to);
    }
    function applyFilters() {
      visNodes.update(visNodes.get().map(function (it) { return { id: it.id, hidden: !visible(it) }; }));
      if (selected !== null && !visible({ id: nodes[selected].id })) select(null, false);
      updateStatus();
    }
    councilSel.addEventListener("change", function () {
      if (councilSel.value === "") navigate({ council: null, expand: [], collapse: [] });
      else openCouncil(parseInt(councilSel.value, 10));
    });
    themeSel.addEventListener("change", function () {
      filters.theme = themeSel.value === "" ? "" : parseInt(themeSel.value, 10);
      applyFilters();
    });
    [yearFrom, yearTo].forEach(function (input) {
      input.addEventListener("change", function () {
        filters.from = yearValue(yearFrom);
        filters.to = yearValue(yearTo);
        applyFilters();
      });
    });
    reset.addEventListener("click", function () {
      filters.hidden.clear(); filters.theme = ""; filters.from = null; filters.to = null;
      navigate({ council: null, expand: [], collapse: [] });
      applyFilters();
      select(null, false);
    });

    apply(parseHash(location.hash), false);
    network.once("afterDrawing", function () {
      document.body.dataset.ready = "true";
    });

    function node(i) {
      var n = nodes[i];
      return { id: n.id, full: n.full, cls: n.cls, kind: n.kind };
    }
    window.kgExplorer = {
      network: network,
      meta: meta,
      count: nodes.length,
      node: function (iri) { return byIri.has(iri) ? node(byIri.get(iri)) : null; },
      nodes: function () { return nodes.map(function (n) { return node(n.i); }); },
      select: function (iri) { select(byIri.has(iri) ? byIri.get(iri) : null, true); },
      search: search,
      selected: function () { return selected === null ? null : nodes[selected].id; },
      open: function (gss) { if (councilByGss.has(gss)) openCouncil(councilByGss.get(gss)); },
      expand: function (iri) { expand(byIri.get(iri)); },
      collapse: function (iri) { collapse(byIri.get(iri)); },
      view: function () {
        return {
          mode: view.mode,
          council: state.council === null ? null : councils[state.council].gss,
          nodes: Array.from(view.pos.keys()).map(function (i) { return nodes[i].id; }),
          hash: applied
        };
      },
      shownNodes: function () { return parseInt(status.dataset.shownNodes, 10); },
      dimmed: function () { return dimmed.size; }
    };
  }

  inflate().then(start).catch(function (e) {
    document.getElementById("status").textContent = "The graph's data could not be read: " + e;
    throw e;
  });
})();
