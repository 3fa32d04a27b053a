// Turns every <select multiple data-column-picker> into a filterable tom-select picker with
// "select all matching" and "clear" buttons, for tables with thousands of columns. The select
// stays the form field, so the form posts the same repeated fields with or without JavaScript.
(function () {
  'use strict';
  if (!window.TomSelect) return;

  const format = new Intl.NumberFormat('en');

  function toolbar(select, picker) {
    const bar = document.createElement('div');
    bar.className = 'picker-toolbar d-flex flex-wrap align-items-center gap-2 mb-1 small';
    const selectMatching = button('select-matching', 'btn-outline-primary');
    const clear = button('clear', 'btn-outline-secondary');
    clear.textContent = 'Clear';
    const count = document.createElement('span');
    count.className = 'text-muted picker-count';
    count.setAttribute('aria-live', 'polite');
    bar.append(selectMatching, clear, count);
    // Above the control, so the open dropdown never covers the buttons.
    picker.wrapper.parentElement.insertBefore(bar, picker.wrapper);

    let query = '';
    let bulk = false;
    function matching() {
      // search() ranks every option against the filter (the dropdown only shows the first few).
      return picker.search(query).items.map(function (item) { return item.id; })
        .filter(function (id) { return picker.items.indexOf(id) === -1; });
    }
    function refresh() {
      const n = matching().length;
      selectMatching.textContent = query
        ? 'Select all ' + format.format(n) + ' matching “' + query + '”'
        : 'Select all ' + format.format(n);
      selectMatching.disabled = n === 0;
      clear.disabled = picker.items.length === 0;
      count.textContent = format.format(picker.items.length) + ' of ' + format.format(Object.keys(picker.options).length) + ' selected';
    }
    picker.on('type', function (text) { query = text; refresh(); });
    picker.on('change', refresh);
    // One pick done: leave the control so its list closes and never covers the form's buttons
    // (many at once go through "Select all matching", which adds silently).
    picker.on('item_add', function () {
      if (bulk) return;
      // The button keeps the filter while focus moves to it, so it is reset here rather than on blur.
      query = '';
      setTimeout(function () { picker.close(); picker.blur(); refresh(); }, 0);
    });
    selectMatching.addEventListener('click', function () {
      bulk = true;
      picker.addItems(matching(), true);
      bulk = false;
      picker.updateOriginalInput();
      picker.setTextboxValue('');
      query = '';
      picker.close();
      picker.refreshOptions(false);
      refresh();
    });
    clear.addEventListener('click', function () { picker.clear(); refresh(); });
    refresh();
  }

  function button(action, style) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'btn btn-sm ' + style;
    b.dataset.pickerAction = action;
    return b;
  }

  document.querySelectorAll('select[multiple][data-column-picker]').forEach(function (select) {
    const picker = new TomSelect(select, {
      plugins: ['remove_button'],
      maxOptions: 200,
      maxItems: null,
      hideSelected: true,
      // Closed after each pick so the list never covers the form's buttons; many at once go through "Select all matching".
      closeAfterSelect: true,
      placeholder: 'Type to filter ' + format.format(select.options.length) + ' columns…',
      render: {
        no_results: function () { return '<div class="no-results">No other column matches.</div>'; },
      },
    });
    select.dataset.pickerReady = 'true';
    toolbar(select, picker);
  });
})();
