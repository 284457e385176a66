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
    const every = Number(el.getAttribute('data-every') || 1000);
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
        setTimeout(tick, every);
      }).catch(function () { setTimeout(tick, every * 3); });
    };
    tick();
  }

  window.attrprompt.text = text;
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-live]').forEach(poll);
  });
})();
