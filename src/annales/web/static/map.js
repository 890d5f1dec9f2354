/* annales map page: the world's countries (the packaged TopoJSON of static/world/) in an
 * equirectangular projection, and one circle per place of /api/places, its area proportional to
 * its events and its colour its most frequent quad class. Every circle takes the keyboard focus
 * (Tab), Enter or a click lists the place's events, and the chosen place is kept in the URL
 * (#place=...). Our own TopoJSON decoding; no mapping library. */
"use strict";

(function () {
  const A = window.annales;
  const box = document.getElementById("map");
  if (!box) return;
  const W = 960, H = 500, TOP = 84, BOTTOM = -60;  // latitudes shown (no Antarctica)
  const list = document.getElementById("map-events");

  Promise.all([A.getJSON(box.dataset.world), A.getJSON(box.dataset.api)])
    .then(([world, places]) => draw(world, places))
    .catch((error) => A.fail(box, error));

  function project(lon, lat) {
    const y = Math.max(BOTTOM, Math.min(TOP, lat));
    return [((lon + 180) / 360) * W, ((TOP - y) / (TOP - BOTTOM)) * H];
  }

  /* The arcs of a TopoJSON topology as lists of [lon, lat] (quantized, delta-encoded). */
  function decodeArcs(topology) {
    const [sx, sy] = topology.transform.scale;
    const [tx, ty] = topology.transform.translate;
    return topology.arcs.map((arc) => {
      let x = 0, y = 0;
      return arc.map(([dx, dy]) => { x += dx; y += dy; return [x * sx + tx, y * sy + ty]; });
    });
  }

  function ring(arcs, indexes) {
    const points = [];
    for (const index of indexes) {
      const arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
      arc.forEach((point, i) => { if (i > 0 || !points.length) points.push(point); });
    }
    return points;
  }

  /* An SVG path for one ring; a ring crossing the antimeridian (a jump of more than half the
   * map) is cut there rather than drawn across the whole map. */
  function path(points) {
    let d = "", last = null;
    for (const [lon, lat] of points) {
      const [x, y] = project(lon, lat);
      const jump = last !== null && Math.abs(x - last) > W / 2;
      d += (d === "" || jump ? "M" : "L") + x.toFixed(1) + "," + y.toFixed(1);
      last = x;
    }
    return d + "Z";
  }

  function draw(world, places) {
    box.textContent = "";
    const chart = A.svg("svg", {
      viewBox: "0 0 " + W + " " + H, class: "world",
      "aria-label": "Map of the places of the matching events",
    }, box);
    A.svg("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }, chart);
    const arcs = decodeArcs(world);
    const land = A.svg("g", { class: "land", "aria-hidden": "true" }, chart);
    for (const shape of world.objects.countries.geometries) {
      const polygons = shape.type === "Polygon" ? [shape.arcs] : shape.type === "MultiPolygon" ? shape.arcs : [];
      let d = "";
      for (const polygon of polygons) for (const indexes of polygon) d += path(ring(arcs, indexes));
      if (!d) continue;
      const country = A.svg("path", { d: d, class: "country" }, land);
      A.tooltip(country, (shape.properties && shape.properties.name) || "");
    }
    const features = places.features;
    if (!features.length) {
      A.el("p", { class: "empty" }, "No matching event has a place with coordinates.", box);
      return;
    }
    const most = Math.max(...features.map((f) => f.properties.count));
    const dots = A.svg("g", { class: "places" }, chart);
    // Largest first, so that small places stay on top and clickable.
    for (const feature of features.slice().sort((a, b) => b.properties.count - a.properties.count)) {
      const p = feature.properties;
      const [x, y] = project(feature.geometry.coordinates[0], feature.geometry.coordinates[1]);
      const name = p.name + (p.country ? " (" + p.country + ")" : "");
      const dot = A.svg("circle", {
        cx: x.toFixed(1), cy: y.toFixed(1), r: (3 + 17 * Math.sqrt(p.count / most)).toFixed(1),
        class: "place q-" + p.quad_class, tabindex: 0, role: "button", "data-place": p.name,
        "aria-label": name + ": " + p.count + " events, mostly " + p.quad_class.replace("_", " "),
      }, dots);
      A.tooltip(dot, name + ": " + p.count + " events");
      dot.addEventListener("click", () => open(dot, p.name));
      dot.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); open(dot, p.name); }
      });
    }
    const wanted = new URLSearchParams(location.hash.slice(1)).get("place");
    const chosen = [...dots.querySelectorAll("circle")].find((dot) => dot.dataset.place === wanted);
    if (chosen) open(chosen, wanted);
  }

  function open(dot, place) {
    for (const other of box.querySelectorAll("circle.selected")) other.classList.remove("selected");
    dot.classList.add("selected");
    history.replaceState(null, "", "#place=" + encodeURIComponent(place));
    const source = new URL(box.dataset.api, location.origin);
    const params = new URLSearchParams(source.search);
    params.delete("top");
    params.set("place", place);
    params.set("limit", "50");
    A.getJSON("/api/events?" + params.toString())
      .then((found) => A.listEvents(list, "Events at " + place, found))
      .catch((error) => A.fail(list, error));
  }
})();
