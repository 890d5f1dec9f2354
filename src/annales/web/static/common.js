/* annales web UI: helpers shared by the pages. Our own code, no library.
 *
 * Text from the store (quotes, actor codes, titles) only ever reaches the page through
 * textContent or setAttribute, never parsed as HTML, so it is shown literally. */
"use strict";

window.annales = (function () {
  const SVG = "http://www.w3.org/2000/svg";

  /* An SVG element with attributes, appended to parent. */
  function svg(tag, attrs, parent) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    if (parent) parent.appendChild(node);
    return node;
  }

  /* An HTML element with attributes and text, appended to parent. */
  function el(tag, attrs, text, parent) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (parent) parent.appendChild(node);
    return node;
  }

  /* An SVG <title> (a tooltip) holding text. */
  function tooltip(parent, text) {
    svg("title", {}, parent).textContent = text;
  }

  async function getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const data = await response.json();
    if (!response.ok) throw new Error(data.error || response.statusText);
    return data;
  }

  /* url (a path with a query string) with params set. */
  function withParams(url, params) {
    const target = new URL(url, window.location.origin);
    for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
    return target.pathname + target.search;
  }

  function fail(box, error) {
    box.textContent = "";
    el("p", { class: "error" }, "Could not load the data: " + error.message, box);
  }

  function codes(list) {
    return (list || []).map((a) => (typeof a === "string" ? a
      : a.label ? a.code + " " + a.label : a.code)).join(", ") || "—";
  }

  /* Show a heading and a list of events (records of /api/events or /api/dyad/events). */
  function listEvents(box, heading, data) {
    box.textContent = "";
    el("h2", {}, heading + " (" + data.total + " events)", box);
    const list = el("ol", { class: "events" }, null, box);
    for (const event of data.events) {
      const item = el("li", { "data-id": event.id }, null, list);
      el("span", { class: "date" }, event.date || "—", item);
      el("span", { class: "type q-" + event.quad_class }, event.type, item);
      el("span", { class: "dyad" }, codes(event.actors) + " → " + codes(event.recipients), item);
      if (event.optional || event.modality) el("span", { class: "badge optional" }, event.modality || "optional", item);
      if (event.confidence !== undefined && event.confidence < 0.5) el("span", { class: "badge low" }, "low confidence", item);
      el("q", { lang: (event.evidence && event.evidence.document.lang) || "" }, event.quote, item);
      const link = el("a", { href: "/documents/" + encodeURIComponent(event.doc_id) }, "document", item);
      link.title = event.doc_id;
    }
    if (data.total > data.events.length) {
      el("p", { class: "hint" }, "Showing the first " + data.events.length + ".", box);
    }
  }

  return { svg, el, tooltip, getJSON, withParams, fail, listEvents };
})();
