// Small helpers for forms (no inline scripts): a country select that filters its province list
// and suggests its time zone (core.widgets.DataSelect: data-provinces, data-zone-input), and the
// search box above a checkbox list (core.widgets.SearchableCheckboxes: data-filter-list), and the
// HS picker's suggestions (a button with data-pick-code fills the input its list names in
// data-code-input). Delegated listeners work on content htmx swaps in, at once.
(function () {
  "use strict";

  function filterProvinces(country) {
    var province = document.getElementById(country.dataset.provinces);
    if (!province) return;
    Array.prototype.forEach.call(province.options, function (option) {
      if (!option.value) return;
      var shown = !country.value || option.dataset.country === country.value;
      option.hidden = !shown;
      option.disabled = !shown;
    });
    var chosen = province.options[province.selectedIndex];
    if (chosen && chosen.disabled) province.value = "";
  }

  function suggestZone(country, changed) {
    var zone = document.getElementById(country.dataset.zoneInput);
    var option = country.options[country.selectedIndex];
    if (!zone || !option || !option.dataset.zone) return;
    var defaults = Array.prototype.map.call(country.options, function (o) { return o.dataset.zone; });
    // Only replace an empty zone, or one that was another country's suggestion.
    if (!zone.value || (changed && defaults.indexOf(zone.value) >= 0)) zone.value = option.dataset.zone;
  }

  function filterChecklist(search) {
    var box = document.getElementById(search.dataset.filterList);
    if (!box) return;
    var words = search.value.trim().toLowerCase();
    box.querySelectorAll("label").forEach(function (label) {
      var input = label.querySelector("input");
      var shown = !words || label.textContent.toLowerCase().indexOf(words) >= 0 || (input && input.checked);
      var row = label.closest("div") && label.closest("div") !== box ? label.closest("div") : label;
      row.hidden = !shown;
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-provinces]")) {
      filterProvinces(event.target);
      suggestZone(event.target, true);
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button[data-pick-code]") : null;
    if (!button) return;
    var list = button.closest("[data-code-input]");
    var input = list && document.getElementById(list.dataset.codeInput);
    if (!input) return;
    input.value = button.dataset.pickCode;
    list.innerHTML = "";
    input.focus();
  });
  document.addEventListener("input", function (event) {
    if (event.target.matches("input[data-filter-list]")) filterChecklist(event.target);
  });
  function start() {
    document.querySelectorAll("select[data-provinces]").forEach(function (country) {
      filterProvinces(country);
      suggestZone(country, false);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
