// Shared chart set-up for the explore pages: a white background (so downloaded PNGs are not
// transparent), titles and axis labels, and the "Download PNG" links under each chart.
(function () {
  if (!window.Chart) return;
  Chart.register({
    id: 'whiteBackground',
    beforeDraw: function (chart) {
      const ctx = chart.ctx;
      ctx.save();
      ctx.globalCompositeOperation = 'destination-over';
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    }
  });

  const palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  const charts = {};

  function axis(label, extra) {
    return Object.assign({ title: { display: true, text: label } }, extra || {});
  }

  window.FairCharts = {
    colour: function (i) { return palette[i % palette.length]; },
    axis: axis,
    // Draws (or redraws) a chart on the canvas with that id; the title is required.
    draw: function (canvasId, config, title) {
      if (charts[canvasId]) charts[canvasId].destroy();
      config.options = config.options || {};
      config.options.maintainAspectRatio = false;
      config.options.animation = false;
      config.options.plugins = Object.assign({ title: { display: true, text: title } }, config.options.plugins || {});
      const chart = new Chart(document.getElementById(canvasId), config);
      charts[canvasId] = chart;
      document.getElementById(canvasId).dataset.drawn = 'true';
      return chart;
    }
  };

  document.addEventListener('click', function (event) {
    const link = event.target.closest('.chart-download');
    if (!link) return;
    const chart = charts[link.dataset.chart];
    if (!chart) { event.preventDefault(); return; }
    link.href = chart.toBase64Image('image/png', 1);
  });
})();
