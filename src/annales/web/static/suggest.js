/* annales: suggestions from the knowledge base for the inputs that take an actor (a code or a
 * name). Fills the form's <datalist id="actor-names"> from /api/actors as the user types; in a
 * "A,B" field only the part after the comma is completed. */
"use strict";

(function () {
  const list = document.getElementById("actor-names");
  if (!list) return;
  let timer = null;
  let asked = "";

  for (const input of document.querySelectorAll('input[list="actor-names"]')) {
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => suggest(input), 150);
    });
  }

  async function suggest(input) {
    const value = input.value;
    const comma = value.lastIndexOf(",");
    const head = comma >= 0 ? value.slice(0, comma + 1) : "";
    const typed = value.slice(comma + 1).trim();
    if (typed.length < 2 || value === asked) return;
    asked = value;
    try {
      const response = await fetch("/api/actors?name=" + encodeURIComponent(typed));
      if (!response.ok) return;
      const data = await response.json();
      list.textContent = "";
      for (const actor of data.actors) {
        const option = document.createElement("option");
        option.value = head + actor.code;
        option.label = actor.name + (actor.matched !== actor.name ? " (" + actor.matched + ")" : "");
        list.appendChild(option);
      }
    } catch (error) {
      /* Suggestions are a convenience: the form works without them. */
    }
  }
})();
