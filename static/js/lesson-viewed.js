/* Runs on a lesson page: records that the learner opened the lesson by a POST with the CSRF
 * token. Viewing is never recorded by the page's GET itself, which a link prefetcher could
 * send. Loaded in the page's head without `defer`, so the request leaves before the learner
 * can follow a link; `keepalive` lets it finish when they do. The page's "mark as read"
 * button posts the same address without a script. */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !window.fetch) { return; }
  fetch(script.dataset.url, {
    method: "POST",
    credentials: "same-origin",
    keepalive: true,
    headers: { "Accept": "application/json", "X-CSRFToken": script.dataset.csrf }
  }).then(function (response) {
    return response.ok ? response.json() : null;
  }).then(function (answer) {
    // The course was completed just now: show the page again with its completion.
    if (answer && answer.course_completed_now) { window.location.reload(); }
  }).catch(function () {
    // Offline or refused: the "mark as read" button still works.
  });
}());
