// The planning page's map (web/portal/pages/planning.ts), in the browser: Leaflet, served by the portal.
// Background tiles only when the portal has a tile server; the ward boundaries always, the parcels of
// the view when zoomed in, the looked-up parcel and its zone highlighted. A tap looks the point up
// (the same GET as the coordinate form, so the answer is the server-rendered page).
/* global window, fetch */
(function () {
  'use strict';
  if (window.lienThongMap) window.lienThongMap({ maxZoom: 20, attribution: 'Ranh giới: dữ liệu của cổng (mô phỏng)' }, draw);

  /** The page's map, once opened (assets/map-base.js). */
  function draw(map, data, holder, L) {
    holder.dataset.ready = 'true';

    var wards = L.geoJSON(null, {
      style: { color: '#6b7280', weight: 1.5, fill: false, dashArray: '4 3' },
      onEachFeature: function (feature, layer) {
        layer.bindTooltip(feature.properties.name, { sticky: true });
      },
    }).addTo(map);
    fetch('/quy-hoach/phuong.json')
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (collection) {
        if (collection) {
          wards.addData(collection);
          holder.dataset.wards = String(collection.features.length);
        }
      })
      .catch(function () {});

    var parcels = L.geoJSON(null, { style: { color: '#9b1c2e', weight: 1, fillOpacity: 0.04 }, interactive: false }).addTo(map);
    var asked = 0;
    function loadParcels() {
      var bounds = map.getBounds();
      var box = { w: bounds.getWest(), s: bounds.getSouth(), e: bounds.getEast(), n: bounds.getNorth() };
      // Only at street level: the API answers boxes of at most 0.05° a side.
      if (map.getZoom() < 16 || box.e - box.w > 0.05 || box.n - box.s > 0.05) {
        parcels.clearLayers();
        return;
      }
      var ticket = ++asked;
      var query = Object.keys(box)
        .map(function (key) {
          return key + '=' + box[key].toFixed(6);
        })
        .join('&');
      fetch('/quy-hoach/thua.json?' + query)
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (collection) {
          if (!collection || ticket !== asked) return;
          parcels.clearLayers();
          parcels.addData(collection);
          holder.dataset.parcels = String(collection.features.length);
        })
        .catch(function () {});
    }
    map.on('moveend', loadParcels);
    loadParcels();

    if (data.zone) L.geoJSON(data.zone, { style: { color: '#b45309', weight: 2, fillOpacity: 0.08 }, interactive: false }).addTo(map);
    if (data.parcel) L.geoJSON(data.parcel, { style: { color: '#1d4ed8', weight: 3, fillOpacity: 0.2 }, interactive: false }).addTo(map);
    if (data.point) L.circleMarker([data.point.lat, data.point.lng], { radius: 6, color: '#1d4ed8', fillOpacity: 1, interactive: false }).addTo(map);

    map.on('click', function (event) {
      window.location.assign('/quy-hoach?lat=' + event.latlng.lat.toFixed(7) + '&lng=' + event.latlng.lng.toFixed(7));
    });
  }
})();
