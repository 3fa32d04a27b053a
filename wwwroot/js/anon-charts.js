// Draws every <canvas data-chart='{"title","xLabel","yLabel","labels","series":[{"label","values"}]}'>
// as a bar chart with chart.js; the numbers also sit in a table next to it for readers without script.
(function () {
  'use strict';
  if (!window.Chart) return;
  const colours = ['#0d6efd', '#fd7e14', '#198754', '#6f42c1'];
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    const spec = JSON.parse(canvas.dataset.chart);
    const chart = new Chart(canvas, {
      type: 'bar',
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (s, i) {
          return { label: s.label, data: s.values, backgroundColor: colours[i % colours.length] };
        }),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          title: { display: true, text: spec.title },
          legend: { display: spec.series.length > 1 },
        },
        scales: {
          x: { title: { display: true, text: spec.xLabel } },
          y: { title: { display: true, text: spec.yLabel }, beginAtZero: true },
        },
      },
    });
    canvas.dataset.chartReady = 'true';
    canvas.chart = chart;
  });
})();
