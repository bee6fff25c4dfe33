// What every map script shares (feedback-map.js, planning-map.js, the workspace's dashboard-map.js), loaded
// after Leaflet and before them: the page's map holder and its JSON data block, Leaflet's map there at the
// data's centre and zoom, with background tiles when the application has a tile server, else the
// boundaries' attribution, handed to the page's `draw(map, data, holder, L)`; nothing when the page has no map or
// Leaflet did not load.
/* global document, window */
(function () {
  'use strict';
  window.lienThongMap = function (options, draw) {
    var holder = document.getElementById('map');
    var block = document.getElementById('map-data');
    if (!holder || !block || !window.L) return;
    var data = JSON.parse(block.textContent || '{}');
    var L = window.L;
    holder.hidden = false;
    var map = L.map(holder, { zoomSnap: 1, maxZoom: options.maxZoom }).setView([data.centre.lat, data.centre.lng], data.zoom);
    if (data.tiles) L.tileLayer(data.tiles.url, { attribution: data.tiles.attribution, maxZoom: options.maxZoom, maxNativeZoom: 19 }).addTo(map);
    else map.attributionControl.addAttribution(options.attribution);
    draw(map, data, holder, L);
  };
})();
