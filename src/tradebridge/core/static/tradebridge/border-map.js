// Border map: gates as dots coloured by status (the legend and the table say it in words too),
// corridors as lines. OpenStreetMap tiles when the browser has a network; the tables are always there.
(function () {
  var el = document.getElementById("border-map");
  if (!el || typeof L === "undefined") return;
  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : [];
  }
  var markers = data("gate-markers");
  var lines = data("corridor-lines");
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
  function popup(title, line, url) {
    var box = document.createElement("div");  // text nodes: names never become markup
    var head = document.createElement(url ? "a" : "strong");
    head.textContent = title;
    if (url) head.href = url;
    var sub = document.createElement("div");
    sub.textContent = line || "";
    box.appendChild(head);
    box.appendChild(sub);
    return box;
  }
  var bounds = [];
  lines.forEach(function (line) {
    L.polyline(line.points, { color: "#1d4ed8", weight: 3, opacity: 0.7 })
      .addTo(map).bindPopup(popup(line.name, "", line.url));
    line.points.forEach(function (p) { bounds.push(p); });
  });
  markers.forEach(function (m) {
    L.circleMarker([m.lat, m.lon], {
      radius: 8, color: "#111827", weight: 1, fillColor: m.colour || "#374151", fillOpacity: 0.9,
    }).addTo(map).bindPopup(popup(m.name, m.kind, m.url));
    bounds.push([m.lat, m.lon]);
  });
  if (bounds.length) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 9 });
  el.dataset.ready = "1";
})();
