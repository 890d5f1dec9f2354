/* annales dyad page: monthly bars per quad class (cooperation above the axis, conflict below)
 * and the net cooperation-conflict score as a line; clicking a month (or Tab to it and Enter)
 * lists its events, as do the "list" buttons of the year-only and undated events. The chosen
 * month is kept in the URL (?month=...), so a link reopens it. */
"use strict";

(function () {
  const A = window.annales;
  const box = document.getElementById("dyad-chart");
  if (!box) return;
  const UP = ["verbal_cooperation", "material_cooperation"];
  const DOWN = ["verbal_conflict", "material_conflict"];
  const LABELS = {
    verbal_cooperation: "verbal cooperation",
    material_cooperation: "material cooperation",
    verbal_conflict: "verbal conflict",
    material_conflict: "material conflict",
  };
  const W = 960, H = 380, M = { top: 34, right: 56, bottom: 40, left: 56 };

  A.getJSON(box.dataset.api).then(draw).catch((error) => A.fail(box, error));
  for (const button of document.querySelectorAll("button.bucket")) {
    button.addEventListener("click", () => showMonth(null, null, button.dataset.month));
  }
  if (box.dataset.month === "unplaced" || box.dataset.month === "undated") {
    showMonth(null, null, box.dataset.month);
  }

  function sum(month, quads) {
    return quads.reduce((total, quad) => total + month[quad], 0);
  }

  function draw(data) {
    box.textContent = "";
    const months = data.months;
    if (!months.length) {
      A.el("p", { class: "empty" }, "No event between " + data.a + " and " + data.b +
        " has a date that names a month; " + data.unplaced + " are dated to a year only and " +
        data.undated + " have no date (see the table below).", box);
      return;
    }
    const chart = A.svg("svg", {
      viewBox: "0 0 " + W + " " + H, class: "dyad", role: "img",
      "aria-label": "Monthly events between " + data.a + " and " + data.b,
    }, box);
    const plotW = W - M.left - M.right, plotH = H - M.top - M.bottom;
    const maxUp = Math.max(0, ...months.map((m) => sum(m, UP)));
    const maxDown = Math.max(0, ...months.map((m) => sum(m, DOWN)));
    const unit = plotH / Math.max(1, maxUp + maxDown);
    const zero = M.top + maxUp * unit;
    const band = plotW / months.length;
    const barW = Math.max(1, band * 0.8);

    // Axes and legend.
    A.svg("line", { x1: M.left, x2: W - M.right, y1: zero, y2: zero, class: "axis" }, chart);
    axisLabel(chart, M.left - 6, M.top + 4, String(maxUp), "end");
    axisLabel(chart, M.left - 6, zero + 4, "0", "end");
    if (maxDown) axisLabel(chart, M.left - 6, M.top + plotH, String(maxDown), "end");
    let x = M.left;
    for (const quad of [...UP, ...DOWN]) {
      A.svg("rect", { x: x, y: 8, width: 12, height: 12, class: "legend q-" + quad }, chart);
      axisLabel(chart, x + 16, 18, LABELS[quad], "start");
      x += 170;
    }
    A.svg("line", { x1: x, x2: x + 18, y1: 14, y2: 14, class: "score-line" }, chart);
    axisLabel(chart, x + 22, 18, "net score", "start");

    // Stacked bars.
    months.forEach((month, i) => {
      const left = M.left + i * band + (band - barW) / 2;
      let top = zero;
      for (const quad of UP) {
        const h = month[quad] * unit;
        top -= h;
        if (h) A.svg("rect", { x: left, y: top, width: barW, height: h, class: "bar q-" + quad }, chart);
      }
      let bottom = zero;
      for (const quad of DOWN) {
        const h = month[quad] * unit;
        if (h) A.svg("rect", { x: left, y: bottom, width: barW, height: h, class: "bar q-" + quad }, chart);
        bottom += h;
      }
    });

    // Net score line, on its own scale with the same zero.
    const high = Math.max(0, ...months.map((m) => m.score));
    const low = Math.min(0, ...months.map((m) => m.score));
    const scale = Math.min(
      high > 0 ? (zero - M.top) / high : Infinity,
      low < 0 ? (M.top + plotH - zero) / -low : Infinity,
    );
    const k = Number.isFinite(scale) ? scale : 0;
    const points = months.map((m, i) => (M.left + (i + 0.5) * band) + "," + (zero - m.score * k));
    A.svg("polyline", { points: points.join(" "), class: "score-line" }, chart);
    if (high > 0) axisLabel(chart, W - M.right + 6, zero - high * k + 4, "+" + high, "start");
    if (low < 0) axisLabel(chart, W - M.right + 6, zero - low * k + 4, String(low), "start");

    // Month labels: about twelve, evenly spread.
    const step = Math.max(1, Math.ceil(months.length / 12));
    months.forEach((month, i) => {
      if (i % step === 0) axisLabel(chart, M.left + (i + 0.5) * band, H - 14, month.month, "middle");
    });

    // One transparent column per month takes the clicks; months with events take the focus.
    months.forEach((month, i) => {
      const said = month.month + ": " + month.total + " events, net score " + month.score;
      const hit = A.svg("rect", {
        x: M.left + i * band, y: M.top, width: band, height: plotH,
        class: "month-hit", "data-month": month.month, "pointer-events": "all",
      }, chart);
      if (month.total) {
        hit.setAttribute("tabindex", "0");
        hit.setAttribute("role", "button");
        hit.setAttribute("aria-label", said);
      }
      A.tooltip(hit, said);
      hit.addEventListener("click", () => showMonth(chart, hit, month.month));
      hit.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          showMonth(chart, hit, month.month);
        }
      });
    });
    const wanted = chart.querySelector('.month-hit[data-month="' + box.dataset.month + '"]');
    if (wanted) showMonth(chart, wanted, box.dataset.month);
  }

  function axisLabel(chart, x, y, text, anchor) {
    const label = A.svg("text", { x: x, y: y, "text-anchor": anchor, class: "tick" }, chart);
    label.textContent = text;
  }

  function showMonth(chart, hit, month) {
    for (const other of box.querySelectorAll(".month-hit.selected")) other.classList.remove("selected");
    if (hit) hit.classList.add("selected");
    const here = new URL(location.href);
    here.searchParams.set("month", month);
    history.replaceState(null, "", here.pathname + here.search);
    const list = document.getElementById("dyad-events");
    const heading = month === "undated" ? "Undated events"
      : month === "unplaced" ? "Events dated to a year only" : "Events of " + month;
    A.getJSON(A.withParams(box.dataset.events, { month: month, limit: 100 }))
      .then((data) => A.listEvents(list, heading, data))
      .catch((error) => A.fail(list, error));
  }
})();
