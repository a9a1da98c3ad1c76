// LlmOps console: live dashboard refresh (no framework, nothing fetched beyond this collector's own API).
(function () {
  'use strict';
  var live = document.querySelector('[data-live-summary]');
  if (!live) { return; }
  var url = live.getAttribute('data-live-summary');
  var every = parseInt(live.getAttribute('data-live-every') || '10000', 10);
  var stamp = document.getElementById('live-updated');
  function fmt(kind, v) {
    if (v === null || v === undefined) { return '—'; }
    switch (kind) {
      case 'count': return Math.trunc(v).toLocaleString('en-US');
      case 'cost': return '$' + (v >= 1 ? v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : v.toFixed(4));
      case 'ms': return (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1)) + ' ms';
      case 'percent': return (v * 100).toFixed(1) + '%';
      default: return String(v);
    }
  }
  function get(obj, path) {
    return path.split('.').reduce(function (o, k) { return o === null || o === undefined ? undefined : o[k]; }, obj);
  }
  function refresh() {
    if (document.hidden) { return; }
    fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data) { return; }
      document.querySelectorAll('[data-kpi]').forEach(function (el) {
        var v = get(data, el.getAttribute('data-kpi'));
        el.setAttribute('data-value', v === null || v === undefined ? '' : String(v));
        el.textContent = fmt(el.getAttribute('data-format'), v);
      });
      if (stamp) { stamp.textContent = 'Figures updated at ' + new Date().toISOString().substring(11, 19) + 'Z'; }
    }).catch(function () { /* keep the last figures */ });
  }
  setInterval(refresh, every);
})();
