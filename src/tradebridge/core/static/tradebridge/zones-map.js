// Zone map: OpenStreetMap tiles when the browser has a network; the table is always there.
(function () {
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") return;
  var markers = JSON.parse(document.getElementById("zone-markers").textContent);
  var map = L.map(el).setView([20.5, 104.5], 5);
  var tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
    maxZoom: 18,
    attribution: "&copy; OpenStreetMap contributors",
  });
  tiles.on("tileerror", function () {
    if (!el.dataset.offlineShown) {
      el.dataset.offlineShown = "1";
      var note = document.createElement("p");
      note.className = "map-note";
      note.textContent = el.dataset.offlineText;
      el.parentNode.insertBefore(note, el.nextSibling);
    }
  });
  tiles.addTo(map);
  var bounds = [];
  markers.forEach(function (m) {
    var popup = document.createElement("div");  // text nodes: names never become markup
    var title = document.createElement("strong");
    title.textContent = m.name;
    var kind = document.createElement("div");
    kind.textContent = m.kind;
    popup.appendChild(title);
    popup.appendChild(kind);
    L.marker([m.lat, m.lon]).addTo(map).bindPopup(popup);
    bounds.push([m.lat, m.lon]);
  });
  if (bounds.length) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 8 });
})();
