// The 1022 portal's maps (web/portal/pages/feedback.ts, pages/public-feedback.ts), in the browser:
// Leaflet, served by the portal. Background tiles only when the portal has a tile server; the ward
// boundaries always. Two modes, from the page's JSON data block:
//  - "public": the public items as points (a tap on one opens its page), a tap elsewhere lists the
//    items around that place (/cong-khai?lat=…&lng=…, the server-rendered page);
//  - "pick": the send form's location — a pin to drag or tap into place, "use my location" (the
//    browser's geolocation), a ward to jump to; it writes the form's two number boxes, which work alone
//    without JavaScript.
// And a form's photos, wherever the page has the photo box (the send form; the staff workspace's resolve
// form): each file is sent as bytes to /phan-anh/anh and its id kept in a hidden field (the page's CSRF
// token in X-CSRF-Token).
/* global document, window, fetch, navigator */
(function () {
  'use strict';
  // Photos wherever a form has the photo box (the send form; the workspace's resolve form, which has no map).
  photos();
  if (window.lienThongMap) window.lienThongMap({ maxZoom: 19, attribution: 'Ranh giới phường: dữ liệu của cổng' }, draw);

  /** The page's map, once opened (assets/map-base.js). */
  function draw(map, data, holder, L) {
    holder.dataset.ready = 'true';

    var wards = L.geoJSON(null, {
      style: { color: '#6b7280', weight: 1.5, fill: false, dashArray: '4 3' },
      interactive: false,
    }).addTo(map);
    var wardsLoaded = fetch('/ban-do/phuong.json')
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (collection) {
        if (!collection) return null;
        wards.addData(collection);
        holder.dataset.wards = String(collection.features.length);
        return collection;
      })
      .catch(function () {
        return null;
      });

    if (data.mode === 'public') publicMap();
    if (data.mode === 'pick') pickMap();

    function publicMap() {
      var points = data.items || [];
      points.forEach(function (item) {
        var popup = document.createElement('div');
        var title = document.createElement('strong');
        title.textContent = item.title;
        var status = document.createElement('div');
        status.textContent = item.status;
        var link = document.createElement('a');
        link.href = '/cong-khai/' + encodeURIComponent(item.code);
        link.textContent = 'Xem ' + item.code;
        popup.appendChild(title);
        popup.appendChild(status);
        popup.appendChild(link);
        L.circleMarker([item.lat, item.lng], { radius: 12, color: '#b91c1c', weight: 2, fillOpacity: 0.7, className: 'item-point', bubblingMouseEvents: false }).bindPopup(popup).addTo(map);
      });
      holder.dataset.items = String(points.length);
      if (data.place) L.circleMarker([data.place.lat, data.place.lng], { radius: 6, color: '#1d4ed8', fillOpacity: 1, interactive: false }).addTo(map);
      map.on('click', function (event) {
        window.location.assign('/cong-khai?lat=' + event.latlng.lat.toFixed(6) + '&lng=' + event.latlng.lng.toFixed(6));
      });
    }

    function pickMap() {
      var lat = document.getElementById('lat');
      var lng = document.getElementById('lng');
      var status = document.getElementById('locate-status');
      var marker = L.marker([data.centre.lat, data.centre.lng], { draggable: true, title: 'Vị trí phản ánh (kéo để đổi)', alt: 'Vị trí phản ánh' }).addTo(map);
      function place(latlng, why) {
        marker.setLatLng(latlng);
        lat.value = Number(latlng.lat).toFixed(6);
        lng.value = Number(latlng.lng).toFixed(6);
        holder.dataset.pin = lat.value + ',' + lng.value;
        if (why && status) status.textContent = why + ': ' + lat.value + ', ' + lng.value;
      }
      marker.on('dragend', function () {
        place(marker.getLatLng(), 'Đã đặt ghim');
      });
      map.on('click', function (event) {
        place(event.latlng, 'Đã đặt ghim');
      });
      [lat, lng].forEach(function (input) {
        input.addEventListener('change', function () {
          var point = L.latLng(Number(lat.value), Number(lng.value));
          if (isFinite(point.lat) && isFinite(point.lng)) {
            marker.setLatLng(point);
            map.panTo(point);
          }
        });
      });
      var locate = document.getElementById('locate');
      if (locate && navigator.geolocation) {
        locate.hidden = false;
        locate.addEventListener('click', function () {
          if (status) status.textContent = 'Đang lấy vị trí của bạn… (locating)';
          navigator.geolocation.getCurrentPosition(
            function (position) {
              var point = L.latLng(position.coords.latitude, position.coords.longitude);
              place(point, 'Đã dùng vị trí của bạn');
              map.setView(point, 17);
            },
            function () {
              if (status) status.textContent = 'Không lấy được vị trí; hãy kéo ghim hoặc chọn phường. (Location unavailable.)';
            },
            { enableHighAccuracy: true, timeout: 15000 },
          );
        });
      }
      var wardBox = document.getElementById('ward-box');
      var wardPick = document.getElementById('ward-pick');
      wardsLoaded.then(function (collection) {
        if (!collection || !wardBox || !wardPick) return;
        collection.features
          .slice()
          .sort(function (a, b) {
            return String(a.properties.name).localeCompare(String(b.properties.name), 'vi');
          })
          .forEach(function (feature) {
            var option = document.createElement('option');
            option.value = String(feature.id);
            option.textContent = feature.properties.name;
            wardPick.appendChild(option);
          });
        wardBox.hidden = false;
        wardPick.addEventListener('change', function () {
          var feature = collection.features.filter(function (candidate) {
            return String(candidate.id) === wardPick.value;
          })[0];
          if (!feature) return;
          var bounds = L.geoJSON(feature).getBounds();
          map.fitBounds(bounds);
          place(bounds.getCenter(), 'Đã đặt ghim giữa ' + feature.properties.name);
        });
      });
    }
  }

  // The send form's photos: each sent as bytes, its id kept in a hidden field named photoIds.
  function photos() {
    var box = document.getElementById('photo-box');
    var input = document.getElementById('photos');
    var ids = document.getElementById('photo-ids');
    var list = document.getElementById('photo-list');
    var say = document.getElementById('photo-status');
    var form = document.getElementById('feedback-form');
    if (!box || !input || !ids || !list || !form) return;
    box.hidden = false;
    var csrf = form.querySelector('input[name="csrf"]').value;
    var submit = form.querySelector('button[type="submit"]');
    var pending = 0;
    input.addEventListener('change', function () {
      var files = Array.prototype.slice.call(input.files || []);
      files.forEach(function (file) {
        if (ids.querySelectorAll('input').length + pending >= 5) {
          say.textContent = 'Tối đa 5 ảnh. (At most 5 photos.)';
          return;
        }
        pending++;
        submit.disabled = true;
        say.textContent = 'Đang tải ảnh ' + file.name + '… (uploading)';
        fetch('/phan-anh/anh', { method: 'POST', headers: { 'content-type': file.type || 'application/octet-stream', 'x-csrf-token': csrf }, body: file, credentials: 'same-origin' })
          .then(function (response) {
            return response.json().then(function (answer) {
              return { ok: response.status === 201, answer: answer };
            });
          })
          .then(function (result) {
            if (!result.ok) {
              say.textContent = 'Không tải được ảnh ' + file.name + ' (' + result.answer.error + '). Chỉ nhận ảnh JPEG, PNG, WebP đến 5 MB.';
              return;
            }
            var hidden = document.createElement('input');
            hidden.type = 'hidden';
            hidden.name = 'photoIds';
            hidden.value = result.answer.id;
            ids.appendChild(hidden);
            var item = document.createElement('li');
            item.textContent = 'Đã đính kèm: ' + file.name;
            list.appendChild(item);
            say.textContent = 'Đã tải ảnh ' + file.name + '. (Photo attached.)';
          })
          .catch(function () {
            say.textContent = 'Không tải được ảnh ' + file.name + '. (Upload failed.)';
          })
          .then(function () {
            pending--;
            if (pending === 0) submit.disabled = false;
          });
      });
      input.value = '';
    });
  }
})();
