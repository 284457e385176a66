// attrprompt serve: progressive behaviour for pages that already work without it.
// No inline script is allowed by the pages' policy; everything lives here.
(function () {
  'use strict';

  const meta = document.querySelector('meta[name="attrprompt-token"]');
  const token = meta ? meta.getAttribute('content') : null;

  /** fetch() with the page's token on anything but GET. */
  window.attrprompt = {
    token: token,
    request: function (url, options) {
      options = options || {};
      options.headers = Object.assign({ 'Accept': 'application/json' }, options.headers || {});
      if (options.method && options.method !== 'GET' && token) {
        options.headers['X-Attrprompt-Token'] = token;
      }
      options.credentials = 'same-origin';
      return fetch(url, options);
    }
  };

  function text(el, value) {
    if (el) { el.textContent = value; }
  }

  // A live element polls its JSON source and hands each answer to its updater.
  const updaters = {};
  window.attrprompt.live = function (name, fn) { updaters[name] = fn; };

  function poll(el) {
    const src = el.getAttribute('data-src');
    const every = function () { return Number(el.getAttribute('data-every') || 1000); };
    const fn = updaters[el.getAttribute('data-live')];
    if (!src || !fn) { return; }
    let stopped = false;
    const tick = function () {
      if (stopped) { return; }
      window.attrprompt.request(src).then(function (r) {
        if (!r.ok) { throw new Error('HTTP ' + r.status); }
        return r.json();
      }).then(function (data) {
        const more = fn(el, data);
        el.setAttribute('data-updated', String(Date.now()));
        if (more === false) { stopped = true; return; }
        setTimeout(tick, every());
      }).catch(function () { setTimeout(tick, every() * 3); });
    };
    tick();
  }

  window.attrprompt.text = text;
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-live]').forEach(poll);
  });
})();

// The run page: counts, speeds, errors and the actions that fit the state, from /api/run/live.
(function () {
  'use strict';
  const fmt = new Intl.NumberFormat('en-US');

  function field(root, name) { return root.querySelector('[data-field="' + name + '"]'); }
  function set(root, name, value) { const el = field(root, name); if (el) { el.textContent = value; } }
  function dollars(v) { return v === null || v === undefined ? 'unknown' : '$' + Number(v).toFixed(4); }
  function eta(s) {
    if (s === null || s === undefined) { return '\u2013'; }
    if (s < 60) { return s + ' s'; }
    if (s < 3600) { return Math.floor(s / 60) + ' min ' + (s % 60) + ' s'; }
    return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
  }
  function reasons(map) {
    return Object.keys(map || {}).sort().map(function (k) { return k + ' ' + map[k]; }).join(', ');
  }
  function cell(row, col, cls) {
    let td = row.querySelector('[data-col="' + col + '"]');
    if (!td) { td = document.createElement('td'); td.setAttribute('data-col', col); if (cls) { td.className = cls; } row.appendChild(td); }
    return td;
  }
  function labelRow(tbody, label) {
    for (const tr of tbody.querySelectorAll('tr[data-label]')) {
      if (tr.getAttribute('data-label') === label) { return tr; }
    }
    const empty = tbody.querySelector('tr.empty');
    if (empty) { empty.remove(); }
    const tr = document.createElement('tr');
    tr.setAttribute('data-label', label);
    const name = document.createElement('td');
    name.textContent = label;
    tr.appendChild(name);
    ['planned', 'accepted', 'rejected'].forEach(function (c) { cell(tr, c, 'num'); });
    cell(tr, 'reasons');
    ['failed', 'pending'].forEach(function (c) { cell(tr, c, 'num'); });
    const q = document.createElement('td');
    const p = document.createElement('progress');
    p.setAttribute('data-col', 'quota');
    q.appendChild(p);
    tr.appendChild(q);
    tbody.appendChild(tr);
    return tr;
  }
  function list(el, items) {
    if (!el) { return; }
    el.replaceChildren();
    items.forEach(function (t) { const li = document.createElement('li'); li.textContent = t; el.appendChild(li); });
    el.hidden = items.length === 0;
  }

  window.attrprompt.live('run', function (root, d) {
    const state = d.state;
    root.setAttribute('data-state', state);
    const badge = field(root, 'state');
    if (badge) { badge.textContent = state; badge.className = 'state state-' + state; }
    const totals = d.status.totals;
    set(root, 'answered', fmt.format(totals.responses + totals.failed) + ' / ' + fmt.format(totals.requests));
    set(root, 'accepted', fmt.format(totals.accepted) + ' / ' + fmt.format(d.target));
    set(root, 'rpm', d.requests_per_minute === null ? '\u2013' : Number(d.requests_per_minute).toFixed(1));
    set(root, 'tokens', fmt.format(d.tokens));
    set(root, 'usd', dollars(d.usd));
    set(root, 'projected', d.projected_usd === null ? '\u2013' : dollars(d.projected_usd));
    set(root, 'eta', eta(d.eta_seconds));
    set(root, 'writer', d.writer ? 'Written now by ' + d.writer + ' (not this server).' : '');
    set(root, 'ending', d.ending || '');
    const simulated = field(root, 'simulated');
    if (simulated) { simulated.hidden = !totals.simulated; }
    const tbody = root.querySelector('#label-table tbody');
    Object.keys(d.status.labels).forEach(function (label) {
      const c = d.status.labels[label];
      const tr = labelRow(tbody, label);
      ['planned', 'accepted', 'rejected', 'failed', 'pending'].forEach(function (k) { cell(tr, k).textContent = fmt.format(c[k]); });
      cell(tr, 'reasons').textContent = reasons(c.rejected_by_reason);
      const bar = tr.querySelector('[data-col="quota"]');
      if (bar) { bar.max = d.per_class; bar.value = Math.min(d.per_class, c.accepted); }
    });
    const causes = totals.failed_by_cause || {};
    list(field(root, 'failed-by-cause'), Object.keys(causes).map(function (k) { return causes[k] + ' \u00d7 ' + k; }));
    list(field(root, 'last-errors'), (d.last_errors || []).map(function (e) { return 'latest: ' + e; }));
    const none = field(root, 'no-errors');
    if (none) { none.hidden = totals.failed > 0; }
    // a run another process writes is stopped there: no Stop button for it
    const control = state === 'running' && d.writer ? 'running-elsewhere' : state;
    root.querySelectorAll('[data-when]').forEach(function (el) {
      el.hidden = el.getAttribute('data-when').split(' ').indexOf(control) < 0;
    });
    root.setAttribute('data-every', state === 'running' ? '1000' : '4000');
    return true;
  });
})();
