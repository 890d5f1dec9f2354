/* annales trends (and actor) page: one line per series over the periods of /api/series.
 * The chart takes the keyboard focus: left and right arrows move along the periods, Enter lists
 * the events of the period shown; a click does the same. The chosen period is kept in the URL
 * (#period=...), so a link reopens it. A table on the page gives the same figures. */
"use strict";

(function () {
  const A = window.annales;
  const box = document.getElementById("trends-chart");
  if (!box) return;
  const QUADS = {
    verbal_cooperation: "#8fcf8f",
    material_cooperation: "#2e8b57",
    verbal_conflict: "#f2a07b",
    material_conflict: "#b8312f",
  };
  const PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
    "#17becf", "#bcbd22", "#7f7f7f"];
  const W = 960, H = 380, M = { top: 20, right: 20, bottom: 40, left: 50 };
  const list = document.getElementById("trends-events");

  A.getJSON(box.dataset.api).then(draw).catch((error) => A.fail(box, error));

  function colour(data, series, i) {
    if (data.by === "quad" && QUADS[series.key]) return QUADS[series.key];
    return series.key === "other" ? "#7f7f7f" : PALETTE[i % PALETTE.length];
  }

  function label(data, key) {
    return data.names && data.names[key] ? key + " " + data.names[key] : key;
  }

  function draw(data) {
    box.textContent = "";
    const periods = data.periods;
    if (!periods.length) {
      A.el("p", { class: "empty" }, "No matching event has a date that fits one " +
        data.interval + ".", box);
      return;
    }
    const legend = A.el("ul", { class: "legend" }, null, box);
    data.series.forEach((s, i) => {
      const item = A.el("li", {}, null, legend);
      A.el("span", { class: "swatch", "data-colour": colour(data, s, i) }, null, item)
        .style.background = colour(data, s, i);
      A.el("span", {}, label(data, s.key) + " (" + s.total + ")", item);
    });
    const chart = A.svg("svg", {
      viewBox: "0 0 " + W + " " + H, class: "trends", role: "application", tabindex: 0,
      "aria-label": "Events per " + data.interval + " by " + data.by +
        "; use the left and right arrow keys to read each period, Enter to list its events",
    }, box);
    const readout = A.el("p", { class: "readout", "aria-live": "polite" }, "", box);
    const plotW = W - M.left - M.right, plotH = H - M.top - M.bottom;
    const top = Math.max(1, ...data.series.flatMap((s) => s.counts));
    const band = plotW / periods.length;
    const xAt = (i) => M.left + (i + 0.5) * band;
    const yAt = (n) => M.top + plotH - (n / top) * plotH;

    A.svg("line", { x1: M.left, x2: W - M.right, y1: M.top + plotH, y2: M.top + plotH, class: "axis" }, chart);
    tick(chart, M.left - 6, M.top + 4, String(top), "end");
    tick(chart, M.left - 6, M.top + plotH + 4, "0", "end");
    const step = Math.max(1, Math.ceil(periods.length / 10));
    periods.forEach((p, i) => { if (i % step === 0) tick(chart, xAt(i), H - 14, p, "middle"); });

    data.series.forEach((s, i) => {
      const points = s.counts.map((n, j) => xAt(j) + "," + yAt(n)).join(" ");
      const line = A.svg("polyline", { points: points, class: "series-line", "data-key": s.key }, chart);
      line.style.stroke = colour(data, s, i);
      if (periods.length === 1) {
        A.svg("circle", { cx: xAt(0), cy: yAt(s.counts[0]), r: 4 }, chart).style.fill = colour(data, s, i);
      }
    });
    const cursor = A.svg("line", { x1: 0, x2: 0, y1: M.top, y2: M.top + plotH, class: "cursor", visibility: "hidden" }, chart);
    periods.forEach((p, i) => {
      const hit = A.svg("rect", {
        x: M.left + i * band, y: M.top, width: band, height: plotH,
        class: "period-hit", "data-period": p, "pointer-events": "all",
      }, chart);
      A.tooltip(hit, describe(data, i));
      hit.addEventListener("click", () => { select(i); open(i); });
    });

    let at = -1;
    function select(i) {
      at = Math.max(0, Math.min(periods.length - 1, i));
      cursor.setAttribute("x1", xAt(at));
      cursor.setAttribute("x2", xAt(at));
      cursor.setAttribute("visibility", "visible");
      readout.textContent = describe(data, at);
    }
    function open(i) {
      history.replaceState(null, "", "#period=" + encodeURIComponent(periods[i]));
      const url = eventsUrl(data, i);
      A.getJSON(url)
        .then((found) => A.listEvents(list, "Events of " + periods[i], found))
        .catch((error) => A.fail(list, error));
    }
    chart.addEventListener("keydown", (event) => {
      if (event.key === "ArrowRight") select(at + 1);
      else if (event.key === "ArrowLeft") select(at < 0 ? periods.length - 1 : at - 1);
      else if (event.key === "Home") select(0);
      else if (event.key === "End") select(periods.length - 1);
      else if ((event.key === "Enter" || event.key === " ") && at >= 0) open(at);
      else return;
      event.preventDefault();
    });
    chart.addEventListener("focus", () => { if (at < 0) select(0); });
    const wanted = new URLSearchParams(location.hash.slice(1)).get("period");
    const index = periods.indexOf(wanted);
    if (index >= 0) { select(index); open(index); }
  }

  function describe(data, i) {
    const parts = data.series.map((s) => label(data, s.key) + " " + s.counts[i]);
    return data.periods[i] + ": " + parts.join(", ");
  }

  /* The events of period i under the page's filters (the API URL of the series, whose
   * parameters are the filters plus by, interval and series). */
  function eventsUrl(data, i) {
    const source = new URL(box.dataset.api, location.origin);
    const params = new URLSearchParams(source.search);
    for (const name of ["by", "interval", "series"]) params.delete(name);
    const start = data.starts[i];
    const months = { month: 1, quarter: 3, year: 12 }[data.interval];
    const first = new Date(start + "T00:00:00Z");
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + months, 0));
    params.set("since", start);
    params.set("until", last.toISOString().slice(0, 10));
    params.set("limit", "50");
    return "/api/events?" + params.toString();
  }

  function tick(chart, x, y, text, anchor) {
    A.svg("text", { x: x, y: y, "text-anchor": anchor, class: "tick" }, chart).textContent = text;
  }
})();
