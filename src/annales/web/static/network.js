/* annales network page: actors on a circle, arrows from actor to recipient, width by events,
 * colour by the share of cooperation (green) vs conflict (red). Clicking an edge lists its
 * events; clicking an actor opens the events table filtered on it. */
"use strict";

(function () {
  const A = window.annales;
  const box = document.getElementById("network");
  if (!box) return;
  const W = 960, H = 720;

  A.getJSON(box.dataset.api).then(draw).catch((error) => A.fail(box, error));

  function colour(share) {
    return "hsl(" + Math.round(share * 120) + ", 65%, 38%)";
  }

  function draw(data) {
    box.textContent = "";
    if (!data.edges.length) {
      A.el("p", { class: "empty" }, "No event with both an actor and a recipient here.", box);
      return;
    }
    const chart = A.svg("svg", { viewBox: "0 0 " + W + " " + H, class: "network", role: "img",
      "aria-label": "Network of actors" }, box);
    const defs = A.svg("defs", {}, chart);
    const marker = A.svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5,
      markerWidth: 5, markerHeight: 5, orient: "auto-start-reverse" }, defs);
    A.svg("path", { d: "M0,0 L10,5 L0,10 z", class: "arrow-head" }, marker);

    const nodes = [...data.nodes].sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
    const maxNode = Math.max(1, ...nodes.map((n) => n.count));
    const radius = Math.min(W, H) / 2 - 70;
    const place = new Map();
    nodes.forEach((node, i) => {
      const angle = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
      place.set(node.id, {
        x: W / 2 + radius * Math.cos(angle), y: H / 2 + radius * Math.sin(angle), angle: angle,
        r: 5 + 15 * Math.sqrt(node.count / maxNode), node: node,
      });
    });

    const pairs = new Set(data.edges.map((e) => e.source + "\u0000" + e.target));
    const maxEdge = Math.max(1, ...data.edges.map((e) => e.count));
    const edgeLayer = A.svg("g", { class: "edges" }, chart);
    for (const edge of data.edges) {
      const from = place.get(edge.source), to = place.get(edge.target);
      if (!from || !to) continue;
      const dx = to.x - from.x, dy = to.y - from.y, length = Math.hypot(dx, dy) || 1;
      // Two actors with edges both ways: each edge moves to its own side.
      const shift = pairs.has(edge.target + "\u0000" + edge.source) ? 4 : 0;
      const ox = (-dy / length) * shift, oy = (dx / length) * shift;
      const x1 = from.x + (dx / length) * from.r + ox, y1 = from.y + (dy / length) * from.r + oy;
      const x2 = to.x - (dx / length) * (to.r + 2) + ox, y2 = to.y - (dy / length) * (to.r + 2) + oy;
      const group = A.svg("g", { class: "edge-group", "data-source": edge.source,
        "data-target": edge.target }, edgeLayer);
      A.svg("line", { x1, y1, x2, y2, class: "edge", stroke: colour(edge.cooperation_share),
        "stroke-width": (1 + (7 * edge.count) / maxEdge).toFixed(2),
        "marker-end": "url(#arrow)" }, group);
      A.svg("line", { x1, y1, x2, y2, class: "edge-hit", "pointer-events": "stroke" }, group);
      A.tooltip(group, edge.source + " → " + edge.target + ": " + edge.count + " events, " +
        Math.round(edge.cooperation_share * 100) + "% cooperation");
      group.addEventListener("click", () => showEdge(chart, group, edge));
    }

    const nodeLayer = A.svg("g", { class: "nodes" }, chart);
    for (const spot of place.values()) {
      const group = A.svg("g", { class: "node", "data-code": spot.node.id }, nodeLayer);
      A.svg("circle", { cx: spot.x, cy: spot.y, r: spot.r }, group);
      const outward = spot.r + 6;
      const label = A.svg("text", {
        x: spot.x + Math.cos(spot.angle) * outward, y: spot.y + Math.sin(spot.angle) * outward + 4,
        "text-anchor": Math.abs(Math.cos(spot.angle)) < 0.3 ? "middle"
          : Math.cos(spot.angle) > 0 ? "start" : "end",
      }, group);
      label.textContent = spot.node.id;
      A.tooltip(group, spot.node.id + ": " + spot.node.count + " events (click for the table)");
      group.addEventListener("click", () => {
        window.location.assign(A.withParams("/", { involving: spot.node.id }));
      });
    }
  }

  function showEdge(chart, group, edge) {
    for (const other of chart.querySelectorAll(".edge-group.selected")) other.classList.remove("selected");
    group.classList.add("selected");
    const list = document.getElementById("network-events");
    const url = A.withParams(box.dataset.events, { actor: edge.source, recipient: edge.target });
    A.getJSON(url)
      .then((data) => A.listEvents(list, edge.source + " → " + edge.target, data))
      .catch((error) => A.fail(list, error));
  }
})();
