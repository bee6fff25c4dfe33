// The leaders' dashboard trend (web/workspace/pages/leaders.ts), in the browser: items received per day or
// per ISO week, drawn by Chart.js (served by the workspace from node_modules, never a CDN) from the page's
// #trend-data block. The table under the chart holds the same figures (the chart's text alternative, and
// all there is without JavaScript). A viridis colour, readable with colour-blindness. Also the print button.
/* global document, window */
(function () {
  'use strict';
  // The view as a document: the browser's print, whose "Save as PDF" keeps the map with its legend, the
  // figures and the trend (the page's print style leaves out the forms and the live list).
  var print = document.getElementById('print-map');
  if (print) {
    print.hidden = false;
    print.addEventListener('click', function () {
      window.print();
    });
  }
  var block = document.getElementById('trend-data');
  var canvas = document.getElementById('trend-chart');
  if (!block || !canvas || !window.Chart) return;
  var data = JSON.parse(block.textContent || '{}');
  if (!data.keys || data.keys.length === 0) return;
  canvas.parentNode.hidden = false;
  var chart = new window.Chart(canvas, {
    type: 'line',
    data: {
      labels: data.keys,
      datasets: [{ label: data.label, data: data.counts, borderColor: '#3b528b', backgroundColor: 'rgba(33, 145, 140, 0.25)', fill: true, tension: 0.2, pointRadius: 2 }],
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { display: false } },
    },
  });
  canvas.dataset.ready = String(chart.data.labels.length);
})();
