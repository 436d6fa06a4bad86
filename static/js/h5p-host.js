/* Runs on the lesson page: accepts messages only from our own sandboxed H5P frame and posts
 * its xAPI statements and the saved state of the content (contentUserData) to Django with the
 * CSRF token and the attempt token the page was rendered with. The frame's origin is opaque
 * ("null"), so the sender is identified by its window, not by its origin. */
(function () {
  "use strict";

  function uuid4() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function setup(wrapper) {
    if (wrapper.dataset.h5pReady) { return; }
    wrapper.dataset.h5pReady = "1";
    var iframe = wrapper.querySelector("iframe");
    // Set here, not in a style attribute: the page's Content-Security-Policy allows no inline
    // styles, but styles set from a script are fine.
    iframe.style.display = "block";
    iframe.style.width = "100%";
    iframe.style.minHeight = "12rem";
    iframe.style.border = "0";
    var status = wrapper.querySelector("[data-h5p-status]");
    var tokenField = wrapper.querySelector("input[name=csrfmiddlewaretoken]");
    var queue = Promise.resolve();

    function post(statement) {
      if (!statement || typeof statement !== "object" || Array.isArray(statement)) { return; }
      if (!statement.id) { statement.id = uuid4(); }
      var body = JSON.stringify({ content: wrapper.dataset.content, attempt: wrapper.dataset.attempt || "", statement: statement });
      // One at a time, in the order the content sent them.
      queue = queue.then(function () {
        return fetch(wrapper.dataset.xapiUrl, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": tokenField ? tokenField.value : "" },
          body: body
        }).then(function (response) {
          return response.json().catch(function () { return {}; });
        }).then(function (answer) {
          if (answer && answer.message) {
            status.textContent = answer.message;
            wrapper.dataset.h5pLessonDone = answer.lesson_done ? "1" : "0";
          } else if (answer && answer.error) {
            status.textContent = answer.error;
          }
        }).catch(function () { /* offline: the content can be answered again */ });
      });
    }

    // The state inside the content (H5P's contentUserData), saved for this learner only.
    var stateQueue = Promise.resolve();
    function saveState(data) {
      if (!wrapper.dataset.stateUrl || typeof data.dataType !== "string") { return; }
      var body = JSON.stringify({ content: wrapper.dataset.content, attempt: wrapper.dataset.attempt || "",
                                  subContentId: String(data.subContentId || "0"), dataType: data.dataType,
                                  data: typeof data.data === "string" ? data.data : null });
      stateQueue = stateQueue.then(function () {
        return fetch(wrapper.dataset.stateUrl, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": tokenField ? tokenField.value : "" },
          body: body
        }).then(function (response) {
          wrapper.dataset.h5pStateSaved = response.ok ? "1" : "0";
        }).catch(function () { /* offline: H5P saves again later */ });
      });
    }

    window.addEventListener("message", function (event) {
      if (event.source !== iframe.contentWindow || event.origin !== "null") { return; }
      var data = event.data;
      if (!data || typeof data !== "object") { return; }
      if (data.type === "h5p:resize") {
        var height = Math.min(Math.max(Number(data.height) || 0, 120), 6000);
        iframe.style.height = height + "px";
      } else if (data.type === "h5p:xapi") {
        post(data.statement);
      } else if (data.type === "h5p:state") {
        saveState(data);
      } else if (data.type === "h5p:ready") {
        wrapper.dataset.h5pLoaded = "1";
      }
    });
  }

  function start() {
    document.querySelectorAll("[data-h5p-player]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
