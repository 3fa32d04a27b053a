// Diversity page: fetches diversity.json for the form's choices and draws the PCoA scatter, the
// alpha diversity per group and the top features' mean relative abundance per group.
(function () {
  const root = document.getElementById('diversity');
  if (!root || !window.FairCharts) return;
  const status = document.getElementById('diversity-status');
  const error = document.getElementById('diversity-error');
  const note = document.getElementById('diversity-note');

  function groupsOf(result) {
    const names = [];
    const index = {};
    result.samples.forEach(function (_, i) {
      const g = result.group ? result.group[i] : 'all samples';
      if (!(g in index)) { index[g] = names.length; names.push(g); }
    });
    return { names: names, index: index, of: function (i) { return result.group ? result.group[i] : 'all samples'; } };
  }

  function percent(x) { return (x * 100).toFixed(1) + '%'; }

  function drawPcoa(result, groups) {
    const p = result.pcoa;
    const sets = groups.names.map(function (name, g) {
      return { label: name, data: [], backgroundColor: FairCharts.colour(g), pointRadius: 3 };
    });
    p.samples.forEach(function (sampleIndex, k) {
      const c = p.coordinates[k];
      sets[groups.index[groups.of(sampleIndex)]].data.push({ x: c[0], y: c[1] });
    });
    const share = p.proportion_explained;
    FairCharts.draw('pcoa-chart', {
      type: 'scatter',
      data: { datasets: sets },
      options: { scales: {
        x: FairCharts.axis('PC1 (' + percent(share[0] || 0) + ' explained)'),
        y: FairCharts.axis('PC2 (' + percent(share[1] || 0) + ' explained)') } }
    }, 'PCoA of ' + (result.metric === 'aitchison' ? 'Aitchison' : 'Bray–Curtis') + ' distances' + (result.group_column ? ' by ' + result.group_column : ''));
  }

  function drawAlpha(result, groups) {
    const sums = groups.names.map(function () { return { n: 0, shannon: 0, simpson: 0 }; });
    result.samples.forEach(function (_, i) {
      const s = sums[groups.index[groups.of(i)]];
      s.n++; s.shannon += result.alpha.shannon[i]; s.simpson += result.alpha.simpson[i];
    });
    FairCharts.draw('alpha-chart', {
      type: 'bar',
      data: {
        labels: groups.names.map(function (g, k) { return g + ' (n=' + sums[k].n + ')'; }),
        datasets: [
          { label: 'Shannon (mean)', data: sums.map(function (s) { return s.shannon / s.n; }), backgroundColor: FairCharts.colour(0) },
          { label: 'Simpson (mean)', data: sums.map(function (s) { return s.simpson / s.n; }), backgroundColor: FairCharts.colour(1) }
        ]
      },
      options: { scales: { x: FairCharts.axis(result.group_column || 'Group'), y: FairCharts.axis('Mean alpha diversity', { beginAtZero: true }) } }
    }, 'Alpha diversity per group');
  }

  function drawTop(result) {
    const top = result.top_features;
    FairCharts.draw('top-chart', {
      type: 'bar',
      data: {
        labels: top.features,
        datasets: top.groups.map(function (g, k) {
          return { label: g.group + ' (n=' + g.samples + ')', data: g.mean_relative_abundance.map(function (x) { return x * 100; }), backgroundColor: FairCharts.colour(k) };
        })
      },
      options: { scales: { x: FairCharts.axis('Feature'), y: FairCharts.axis('Mean relative abundance (%)', { beginAtZero: true }) } }
    }, 'Top ' + top.features.length + ' features by mean relative abundance' + (result.group_column ? ' per ' + result.group_column : ''));
  }

  fetch(root.dataset.jsonUrl, { headers: { Accept: 'application/json' } })
    .then(function (r) {
      return r.json().then(function (body) { if (!r.ok) throw new Error(body.error || ('HTTP ' + r.status)); return body; });
    })
    .then(function (result) {
      const groups = groupsOf(result);
      drawPcoa(result, groups);
      drawAlpha(result, groups);
      drawTop(result);
      status.textContent = result.samples.length + ' samples, ' + result.feature_count + ' features.';
      if (result.note) { note.textContent = result.note; note.classList.remove('d-none'); }
      if (result.excluded_samples.length > 0)
        document.getElementById('excluded-samples').textContent = 'Left out (features sum to 0): ' + result.excluded_samples.join(', ');
    })
    .catch(function (e) {
      status.classList.add('d-none');
      error.textContent = e.message;
      error.classList.remove('d-none');
    });
})();
