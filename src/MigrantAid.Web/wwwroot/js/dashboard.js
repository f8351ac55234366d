// Dashboards: draws each chart from its JSON data block (no inline script: CSP). The same
// figures are in the table under each chart. Okabe-Ito colours (safe for colour blindness),
// right-to-left axes and legends in Arabic, numbers in the page's language.
(function () {
  'use strict';
  if (typeof Chart === 'undefined') { return; }
  var palette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
  var root = document.documentElement;
  var rtl = root.getAttribute('dir') === 'rtl';
  var locale = root.getAttribute('lang') || 'fr';
  var number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  Chart.defaults.locale = locale;
  Chart.defaults.animation = false;

  // Printed, the figures go with the charts: open every table first.
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('.dashboard-chart details').forEach(function (d) { d.open = true; });
  });

  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var block = document.getElementById(canvas.getAttribute('data-chart'));
    if (!block) { return; }
    var data = JSON.parse(block.textContent);
    var doughnut = data.kind === 'doughnut';
    var stacked = data.kind === 'stackedbar';
    var type = doughnut ? 'doughnut' : (data.kind === 'line' ? 'line' : 'bar');
    var format = function (v) { return number.format(v) + (data.percent ? ' %' : ''); };
    var datasets = data.series.map(function (s, i) {
      var colour = palette[i % palette.length];
      return {
        label: s.label,
        data: s.values,
        backgroundColor: doughnut ? s.values.map(function (_, j) { return palette[j % palette.length]; }) : colour,
        borderColor: colour,
        borderDash: type === 'line' && i > 0 ? [6, 4] : undefined,
        pointStyle: ['circle', 'rect', 'triangle', 'rectRot'][i % 4]
      };
    });
    var scales = doughnut ? {} : {
      x: { stacked: stacked, reverse: rtl },
      y: { stacked: stacked, beginAtZero: true, position: rtl ? 'right' : 'left', ticks: { callback: format, precision: data.percent ? undefined : 0 } }
    };
    new Chart(canvas, {
      type: type,
      data: { labels: data.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        locale: locale,
        scales: scales,
        plugins: {
          legend: { rtl: rtl, position: 'bottom', labels: { usePointStyle: true } },
          tooltip: { rtl: rtl, callbacks: { label: function (ctx) { return ctx.dataset.label + ' : ' + format(ctx.parsed.y !== undefined ? ctx.parsed.y : ctx.parsed); } } }
        }
      }
    });
  });
})();
