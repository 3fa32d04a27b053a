// The mapping step's rule form: shows only the parameters of the chosen rule. Without JavaScript
// every parameter stays visible and the server ignores those the rule does not use.
(function () {
  'use strict';
  const rule = document.getElementById('rule');
  if (!rule) return;
  const params = document.querySelectorAll('#rule-fields .rule-param');
  function update() {
    params.forEach(function (p) {
      const used = p.dataset.rules.split(' ').indexOf(rule.value) !== -1;
      p.classList.toggle('d-none', !used);
    });
  }
  rule.addEventListener('change', update);
  update();
})();
