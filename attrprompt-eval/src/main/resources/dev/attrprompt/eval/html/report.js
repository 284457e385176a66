// Draws the report's charts from the embedded JSON and filters the samples table. No network.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var charts = [];
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var option = data.charts[el.getAttribute('data-chart')];
    if (!option) {
      return;
    }
    // SVG: sharp in print and in PDFs
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(option);
    charts.push(chart);
  });
  function resize() {
    charts.forEach(function (c) { c.resize(); });
  }
  window.addEventListener('resize', resize);
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);
  if (window.matchMedia) {
    window.matchMedia('print').addListener(resize);
  }

  var table = document.getElementById('sample-table');
  if (table) {
    var rows = Array.prototype.map.call(table.tBodies[0].rows, function (tr) {
      return {
        tr: tr,
        dataset: tr.getAttribute('data-dataset'),
        labels: JSON.parse(tr.getAttribute('data-labels')),
        verdict: tr.getAttribute('data-verdict'),
        attrs: JSON.parse(tr.getAttribute('data-attrs')),
        text: tr.cells[tr.cells.length - 1].textContent.toLowerCase()
      };
    });
    var value = function (id) {
      var el = document.getElementById(id);
      return el ? el.value : '';
    };
    var apply = function () {
      var d = value('f-dataset'), l = value('f-label'), v = value('f-verdict'), a = value('f-attr');
      var q = value('f-text').trim().toLowerCase();
      var shown = 0;
      rows.forEach(function (r) {
        var ok = (!d || r.dataset === d) && (!l || r.labels.indexOf(l) >= 0) && (!v || r.verdict === v)
          && (!a || r.attrs.indexOf(a) >= 0) && (!q || r.text.indexOf(q) >= 0);
        r.tr.hidden = !ok;
        if (ok) {
          shown++;
        }
      });
      document.getElementById('f-count').textContent = shown + ' of ' + rows.length + ' shown';
    };
    ['f-dataset', 'f-label', 'f-verdict', 'f-attr', 'f-text'].forEach(function (id) {
      var el = document.getElementById(id);
      if (el) {
        el.addEventListener('input', apply);
        el.addEventListener('change', apply);
      }
    });
    apply();
  }
  document.documentElement.setAttribute('data-charts-drawn', String(charts.length));
})();
