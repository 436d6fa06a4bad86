/* Admin progress pages: reload every few seconds while a background job is still running.
 * Loaded as a file (not inline) so the page needs no inline script; the interval comes from
 * the script tag's data-reload-seconds. */
(function () {
  "use strict";
  var script = document.currentScript;
  var seconds = Number(script && script.dataset.reloadSeconds) || 5;
  window.setTimeout(function () { window.location.reload(); }, seconds * 1000);
})();
