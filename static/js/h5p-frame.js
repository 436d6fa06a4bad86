/* Runs inside the sandboxed H5P frame (opaque origin): start the player, pass xAPI
 * statements and the content height to the parent page by postMessage. Nothing else leaves
 * the frame, and the frame cannot read anything of the parent. */
(function () {
  "use strict";

  // Web storage throws in an opaque origin; H5P core expects it, so give it a memory copy.
  function memoryStorage() {
    var data = {};
    return {
      getItem: function (key) { return Object.prototype.hasOwnProperty.call(data, key) ? data[key] : null; },
      setItem: function (key, value) { data[key] = String(value); },
      removeItem: function (key) { delete data[key]; },
      clear: function () { data = {}; },
      key: function (index) { var keys = Object.keys(data); return index < keys.length ? keys[index] : null; },
      get length() { return Object.keys(data).length; }
    };
  }
  ["localStorage", "sessionStorage"].forEach(function (name) {
    try {
      if (window[name]) { return; }
    } catch (error) { /* sandboxed: fall through */ }
    try {
      Object.defineProperty(window, name, { value: memoryStorage(), configurable: true });
    } catch (error) { /* leave it; H5P copes without */ }
  });

  var config = JSON.parse(document.getElementById("h5p-config").textContent);

  function send(message) {
    // Opened in a tab of its own there is no lesson page to tell (and no result to count).
    if (window.parent === window) { return; }
    window.parent.postMessage(message, config.parentOrigin);
  }

  var lastHeight = 0;
  function reportHeight() {
    var height = Math.ceil(document.documentElement.scrollHeight);
    if (height !== lastHeight) {
      lastHeight = height;
      send({ type: "h5p:resize", height: height });
    }
  }
  if (window.ResizeObserver) {
    new ResizeObserver(reportHeight).observe(document.body);
  }
  window.addEventListener("load", reportHeight);

  window.H5PIntegration = { baseUrl: config.origin, siteUrl: config.origin };

  // H5P core keeps what it saves in H5PIntegration.contents[…].contentUserData and would post
  // it with cookies, which this frame has none of: pass each save to the lesson page instead.
  function relaySaves() {
    var H5P = window.H5P;
    if (!H5P || typeof H5P.setUserData !== "function" || H5P.setUserData.relayed) { return; }
    var original = H5P.setUserData;
    H5P.setUserData = function (contentId, dataType, data, extras) {
      var result = original.apply(this, arguments);
      var subContentId = (extras && extras.subContentId) || 0;
      var content = window.H5PIntegration.contents["cid-" + contentId] || {};
      var saved = content.contentUserData && content.contentUserData[subContentId];
      send({ type: "h5p:state", subContentId: String(subContentId), dataType: String(dataType),
             data: saved && typeof saved[dataType] === "string" ? saved[dataType] : null });
      return result;
    };
    H5P.setUserData.relayed = true;
  }
  new H5PStandalone.H5P(document.getElementById("h5p-container"), {
    id: config.contentId,
    h5pJsonPath: config.h5pJsonPath,
    contentJsonPath: config.contentJsonPath,
    librariesPath: config.librariesPath,
    frameJs: config.frameJs,
    frameCss: config.frameCss,
    xAPIObjectIRI: config.objectIri,
    // We are the frame already: render into this document instead of a nested iframe.
    embedType: "div",
    frame: false, copyright: false, export: false, embed: false, icon: false,
    fullScreen: false,
    assetsRequestFetchOptions: { credentials: "omit" },
    // The learner's saved state, in H5P core's shape {subContentId: {dataType: JSON text}};
    // H5P saves it every saveFreq seconds and shortly after each answer (see below).
    saveFreq: config.saveFreq,
    contentUserData: config.userData
  }).then(function () {
    relaySaves();
    window.H5P.externalDispatcher.on("xAPI", function (event) {
      send({ type: "h5p:xapi", statement: JSON.parse(JSON.stringify(event.data.statement)) });
    });
    send({ type: "h5p:ready" });
    reportHeight();
  }).catch(function (error) {
    send({ type: "h5p:error", message: String(error && error.message || error) });
  });
})();
