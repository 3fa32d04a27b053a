// Filters the local-DP typing list (thousands of columns) by name and kind as you type.
(function () {
  'use strict';
  const table = document.getElementById('typing-table');
  if (!table) return;
  const text = document.getElementById('typing-filter');
  const kind = document.getElementById('typing-kind');
  const shown = document.getElementById('typing-shown');
  const rows = Array.from(table.tBodies[0].rows);
  const format = new Intl.NumberFormat('en');
  function apply() {
    const q = text.value.trim().toLowerCase();
    let n = 0;
    rows.forEach(function (row) {
      const visible = (!q || row.dataset.column.toLowerCase().indexOf(q) !== -1) && (!kind.value || row.dataset.kind === kind.value);
      row.hidden = !visible;
      if (visible) n++;
    });
    shown.textContent = format.format(n) + ' of ' + format.format(rows.length) + ' shown';
  }
  text.addEventListener('input', apply);
  kind.addEventListener('change', apply);
  document.querySelector('#typing .typing-filters').hidden = false;
  apply();
})();
