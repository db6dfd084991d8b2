// When Material's search finds nothing ("No matching documents"), show the theme's hint under it
// (the template #search-hint in macros/theme/main.html): links to the decision guide and the
// feature matrix, which answer in the site's own terms. It watches the result count Material
// writes and changes nothing else; without it, search works as before, with no hint.
(function () {
  "use strict";

  function setUp() {
    const result = document.querySelector(".md-search-result");
    const meta = result && result.querySelector(".md-search-result__meta");
    const template = document.getElementById("search-hint");
    const config = document.getElementById("__config");
    if (!meta || !template || !config || result.querySelector(".search-hint")) return;
    let none;
    try {
      none = JSON.parse(config.textContent).translations["search.result.none"];
    } catch {
      return;
    }
    if (!none) return;
    const hint = template.content.firstElementChild.cloneNode(true);
    hint.hidden = true;
    meta.after(hint);
    const update = function () {
      hint.hidden = meta.textContent.trim() !== none;
    };
    new MutationObserver(update).observe(meta, {childList: true, characterData: true, subtree: true});
    update();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
