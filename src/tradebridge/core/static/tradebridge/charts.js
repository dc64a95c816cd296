/* Draws every chart box written by tradebridge.core.charts.figure_html: its figure's JSON is in
   a <script type="application/json"> inside it. Loaded with defer after the Plotly bundle, so the
   page is already on screen; charts swapped in by htmx are drawn too. */
(function () {
  "use strict";
  function draw(root) {
    if (!window.Plotly) { return; }
    root.querySelectorAll("[data-plotly]").forEach(function (box) {
      var source = box.querySelector('script[type="application/json"]');
      if (!source) { return; }
      var figure = JSON.parse(source.textContent);
      source.remove();
      window.Plotly.newPlot(box, figure.data, figure.layout || {}, figure.config || {}).then(function () {
        box.setAttribute("data-drawn", "");
      });
    });
  }
  draw(document);
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
})();
