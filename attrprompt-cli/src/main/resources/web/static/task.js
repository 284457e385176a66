// attrprompt serve, task pages: reload the task page when its attribute discovery ends.
(function () {
  'use strict';
  if (!window.attrprompt || !window.attrprompt.live) { return; }
  window.attrprompt.live('discovery', function (el, data) {
    const state = data && data.discovery ? data.discovery.state : 'none';
    if (state === 'running') { return true; }
    window.location.reload();
    return false;
  });
})();
