// Dataset page: draws the histogram of the chosen numeric column from columns.json.
(function () {
  const panel = document.getElementById('histogram-panel');
  const select = document.getElementById('histogram-column');
  const status = document.getElementById('histogram-status');
  if (!panel || !select || !window.FairCharts || select.options.length === 0) return;
  let columns = null;

  function format(x) { return Number(x.toPrecision(4)).toString(); }

  function draw() {
    const column = columns.find(function (c) { return c.name === select.value; });
    if (!column || !column.histogram) { status.textContent = 'No histogram for this column.'; return; }
    const h = column.histogram;
    const labels = h.counts.map(function (_, i) { return format(h.edges[i]) + '–' + format(h.edges[i + 1]); });
    FairCharts.draw('column-histogram', {
      type: 'bar',
      data: { labels: labels, datasets: [{ label: 'samples', data: h.counts, backgroundColor: FairCharts.colour(0), barPercentage: 1, categoryPercentage: 1 }] },
      options: {
        plugins: { legend: { display: false } },
        scales: { x: FairCharts.axis(column.original_name + ' (value range)'), y: FairCharts.axis('Number of samples', { beginAtZero: true }) }
      }
    }, 'Distribution of ' + column.original_name);
    status.textContent = 'Median ' + format(column.median) + ', mean ' + format(column.mean) + ', ' + (column.missing * 100).toFixed(1) + '% missing.';
    document.querySelector('[data-chart="column-histogram"]').download = 'histogram-' + column.name + '.png';
  }

  fetch(panel.dataset.columnsUrl, { headers: { Accept: 'application/json' } })
    .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
    .then(function (data) { columns = data; draw(); })
    .catch(function (e) { status.textContent = 'Could not load the column statistics (' + e.message + ').'; });
  select.addEventListener('change', function () { if (columns) draw(); });
})();
