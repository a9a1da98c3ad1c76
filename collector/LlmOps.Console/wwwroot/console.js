// LlmOps console: live dashboard refresh (no framework, nothing fetched beyond this collector's own API).
(function () {
  'use strict';
  // Drift: computed in the background on first view; fetched from the API when the page rendered without it.
  var drift = document.querySelector('[data-live-drift]');
  function num(v) { return v === null || v === undefined ? '—' : String(Math.round(v * 10000) / 10000); }
  function cell(row, text, cls) { var td = document.createElement('td'); td.textContent = text; if (cls) { td.className = cls; } row.appendChild(td); }
  function renderDrift(d) {
    var p = document.getElementById('drift-pending');
    var intro = document.createElement('p');
    intro.textContent = 'Last ' + d.current_window_hours + ' h against the ' + d.baseline_window_hours + ' h before it: ' + d.current_samples +
      ' current and ' + d.baseline_samples + ' baseline score samples (at least ' + d.min_samples + ' each are needed). ' + (d.detected ? 'Drift detected.' : 'No drift detected.');
    var table = document.createElement('table');
    table.id = 'drift-table';
    var caption = document.createElement('caption'); caption.textContent = 'Drift metrics with root causes'; table.appendChild(caption);
    var head = document.createElement('thead'); var hr = document.createElement('tr');
    ['Kind', 'Score', 'Model', 'Baseline', 'Current', 'Detected', 'Root cause'].forEach(function (h) { var th = document.createElement('th'); th.scope = 'col'; th.textContent = h; hr.appendChild(th); });
    head.appendChild(hr); table.appendChild(head);
    var body = document.createElement('tbody');
    (d.findings || []).slice(0, 20).forEach(function (f) {
      var tr = document.createElement('tr');
      cell(tr, f.kind); cell(tr, f.score); cell(tr, f.model); cell(tr, num(f.baseline_value), 'num'); cell(tr, num(f.current_value), 'num');
      cell(tr, f.detected ? 'Yes' : 'No'); cell(tr, f.root_cause || '—');
      body.appendChild(tr);
    });
    table.appendChild(body);
    if (p) { p.replaceWith(intro); }
    drift.appendChild(table);
    drift.removeAttribute('aria-busy');
  }
  function loadDrift(attempt) {
    fetch(drift.getAttribute('data-live-drift'), { headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) { if (d) { renderDrift(d); } else if (attempt < 10) { setTimeout(function () { loadDrift(attempt + 1); }, 2000); } })
      .catch(function () { if (attempt < 10) { setTimeout(function () { loadDrift(attempt + 1); }, 2000); } });
  }
  if (drift) { loadDrift(0); }

  var live = document.querySelector('[data-live-summary]');
  if (!live) { return; }
  var url = live.getAttribute('data-live-summary');
  var every = parseInt(live.getAttribute('data-live-every') || '10000', 10);
  var stamp = document.getElementById('live-updated');
  function fmt(kind, v) {
    if (v === null || v === undefined) { return '—'; }
    switch (kind) {
      case 'count': return Math.trunc(v).toLocaleString('en-US');
      case 'cost': return cost(v);
      case 'ms': return (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(1)) + ' ms';
      case 'percent': return (v * 100).toFixed(1) + '%';
      default: return String(v);
    }
  }
  // As Fmt.Cost: two decimals from $1, below at least four decimals and two significant digits.
  function cost(v) {
    var a = Math.abs(v);
    if (v === 0) { return '$0.00'; }
    if (a >= 1) { return '$' + v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }); }
    if (a < 1e-10) { return '< $0.0000000001'; }
    return '$' + v.toFixed(Math.min(10, Math.max(4, 1 - Math.floor(Math.log10(a)))));
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
