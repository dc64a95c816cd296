// An input with data-query-param="q" sends its value under that name with its htmx request
// (instead of its own form name): what `hx-vals='js:...'` did, without eval, which the
// Content-Security-Policy forbids.
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function (event) {
    var input = event.detail.elt;
    var name = input && input.dataset ? input.dataset.queryParam : null;
    if (!name) return;
    delete event.detail.parameters[input.name];
    event.detail.parameters[name] = input.value;
  });
})();
