// The leaders' dashboard map (web/workspace/pages/leaders.ts), in the browser: Leaflet, served by the
// workspace (web/portal/routes/map.ts). Background tiles only when the workspace has a tile server; the
// ward boundaries (/ban-do/phuong.json) always, each filled by its count of items for the page's period
// and category on a viridis scale (readable with colour-blindness; the table under the map says the same
// in words). A click on a ward opens its items. On each live change (assets/live.js's "live-item" event)
// the counts are read again (/lanh-dao/so-lieu.json) and the wards and the table recoloured and recounted.
/* global document, window, fetch */
(function () {
  'use strict';
  if (window.lienThongMap) window.lienThongMap({ maxZoom: 19, attribution: 'Ranh giới phường: dữ liệu của cổng' }, draw);

  /** The page's map, once opened (assets/map-base.js). */
  function draw(map, data, holder, L) {
    var VIRIDIS = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];
    var counts = data.counts || {};

    var steps = function () {
      var max = 0;
      Object.keys(counts).forEach(function (ward) {
        max = Math.max(max, counts[ward]);
      });
      var size = Math.max(1, Math.ceil(max / VIRIDIS.length));
      return { size: size, max: max };
    };
    var colourOf = function (count, scale) {
      if (!count) return null;
      return VIRIDIS[Math.min(VIRIDIS.length - 1, Math.floor((count - 1) / scale.size))];
    };
    var legend = function (scale) {
      var box = document.getElementById('map-legend');
      if (!box) return;
      box.textContent = '';
      VIRIDIS.forEach(function (colour, index) {
        var low = index * scale.size + 1;
        if (low > Math.max(scale.max, 1)) return;
        var entry = document.createElement('span');
        var swatch = document.createElement('i');
        swatch.style.background = colour;
        entry.appendChild(swatch);
        entry.appendChild(document.createTextNode(low + '–' + (index + 1) * scale.size));
        box.appendChild(entry);
      });
    };
    var wards = L.geoJSON(null, {
      style: function (feature) {
        return { color: '#374151', weight: 1, fillOpacity: 0, className: 'ward ward-' + String(feature.id) };
      },
      onEachFeature: function (feature, layer) {
        layer.on('click', function () {
          window.location.assign(data.detail + encodeURIComponent(String(feature.id)) + (data.query ? '?' + data.query : ''));
        });
      },
    }).addTo(map);
    var paint = function () {
      var scale = steps();
      wards.eachLayer(function (layer) {
        var count = counts[String(layer.feature.id)] || 0;
        var colour = colourOf(count, scale);
        layer.setStyle({ fillColor: colour || '#ffffff', fillOpacity: colour ? 0.65 : 0 });
        layer.bindTooltip(layer.feature.properties.name + ': ' + count + ' phản ánh', { sticky: true });
      });
      legend(scale);
      var total = 0;
      Object.keys(counts).forEach(function (ward) {
        total += counts[ward];
      });
      holder.dataset.total = String(total);
    };
    fetch('/ban-do/phuong.json')
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (collection) {
        if (!collection) return;
        wards.addData(collection);
        // The wards with items in view (all of them when none has): a far ward alone does not shrink the city.
        var bounds = L.latLngBounds([]);
        wards.eachLayer(function (layer) {
          if (counts[String(layer.feature.id)]) bounds.extend(layer.getBounds());
        });
        if (!bounds.isValid()) bounds = wards.getBounds();
        if (bounds.isValid()) map.fitBounds(bounds, { maxZoom: 14 });
        holder.dataset.wards = String(collection.features.length);
        paint();
        holder.dataset.ready = 'true';
      })
      .catch(function () {
        return null;
      });

    var recounting = null;
    document.addEventListener('live-item', function () {
      // Several changes at once: one read after the last.
      if (recounting) window.clearTimeout(recounting);
      recounting = window.setTimeout(function () {
        fetch(data.json, { credentials: 'same-origin' })
          .then(function (response) {
            return response.ok ? response.json() : null;
          })
          .then(function (answer) {
            if (!answer || !answer.counts) return;
            counts = answer.counts;
            paint();
            var cells = document.querySelectorAll('[data-ward-count]');
            for (var index = 0; index < cells.length; index += 1) cells[index].textContent = String(counts[cells[index].getAttribute('data-ward-count')] || 0);
            holder.dataset.recounted = String(Number(holder.dataset.recounted || 0) + 1);
          })
          .catch(function () {
            return null;
          });
      }, 300);
    });
  }
})();
