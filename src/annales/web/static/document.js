/* annales document page: pick an event in the table to spotlight its spans in the text. */
"use strict";

(function () {
  function spotlight(row) {
    const id = row.dataset.event;
    const already = row.classList.contains("selected");
    for (const other of document.querySelectorAll("tr.doc-event.selected")) {
      other.classList.remove("selected");
    }
    for (const mark of document.querySelectorAll("#doc-text mark.focus")) {
      mark.classList.remove("focus");
    }
    if (already) return;
    row.classList.add("selected");
    let first = null;
    for (const mark of document.querySelectorAll("#doc-text mark[data-events]")) {
      if (mark.dataset.events.split(" ").includes(id)) {
        mark.classList.add("focus");
        first = first || mark;
      }
    }
    if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  document.addEventListener("click", function (event) {
    const row = event.target.closest("tr.doc-event");
    if (row) spotlight(row);
  });
  document.addEventListener("keydown", function (event) {
    const row = event.target.closest && event.target.closest("tr.doc-event");
    if (row && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      spotlight(row);
    }
  });
})();
