/* annales events page: expand a row to its evidence. */
"use strict";

document.addEventListener("click", function (event) {
  const button = event.target.closest("button.toggle");
  if (!button) return;
  const row = document.getElementById(button.getAttribute("aria-controls"));
  if (!row) return;
  const open = button.getAttribute("aria-expanded") !== "true";
  button.setAttribute("aria-expanded", String(open));
  button.textContent = open ? "▾" : "▸";
  row.hidden = !open;
});
