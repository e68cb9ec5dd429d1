// cbs-map.js turns the map page's SVG drawing of the buurten into a Leaflet
// map when scripts run: the same shapes and counts, over the tiles set with
// --map-tiles (none when that is empty). Without JavaScript, or when
// anything here fails, the page keeps its SVG drawing and its table.
(function () {
  'use strict';
  var el = document.getElementById('cbs-leaflet');
  if (!el || !window.L || !window.fetch) {
    return;
  }
  var svg = document.getElementById('cbs-svg');
  window.fetch(el.getAttribute('data-geojson'), { credentials: 'same-origin', headers: { Accept: 'application/geo+json' } })
    .then(function (res) {
      if (!res.ok) {
        throw new Error('GeoJSON: HTTP ' + res.status);
      }
      return res.json();
    })
    .then(function (data) {
      if (!data.features || data.features.length === 0) {
        return;
      }
      el.hidden = false;
      el.style.height = '28rem';
      var map = window.L.map(el, { scrollWheelZoom: false });
      var tiles = el.getAttribute('data-tiles');
      if (tiles) {
        window.L.tileLayer(tiles, { maxZoom: 19, attribution: el.getAttribute('data-attribution') || '' }).addTo(map);
      }
      var layer = window.L.geoJSON(data, {
        style: function (f) {
          return { color: '#1b3a5c', weight: 2, fillColor: f.properties.fill, fillOpacity: 0.75 };
        },
        onEachFeature: function (f, l) {
          // A text node, never HTML: names come from the database.
          var tip = document.createElement('span');
          tip.textContent = f.properties.name + ': ' + f.properties.label;
          l.bindTooltip(tip);
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds(), { padding: [8, 8] });
      if (svg) {
        svg.hidden = true;
      }
    })
    .catch(function () {
      el.hidden = true;
      if (svg) {
        svg.hidden = false;
      }
    });
}());
