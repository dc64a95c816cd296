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
    if (m.status_label) {  // a border gate: its status in words and a dot in its colour
      var status = document.createElement("a");
      status.textContent = m.status_label;
      status.href = m.url;
      popup.appendChild(status);
      L.circleMarker([m.lat, m.lon], {
        radius: 8, color: "#111827", weight: 1, fillColor: m.colour, fillOpacity: 0.9,
      }).addTo(map).bindPopup(popup);
    } else {
      L.marker([m.lat, m.lon]).addTo(map).bindPopup(popup);
    }
    bounds.push([m.lat, m.lon]);
  });
  if (bounds.length) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 8 });
})();
