/* Copy a certificate's verification code with the Clipboard API. Without it (old browsers,
 * pages not served over HTTPS) the button stays hidden and the code remains in a readonly
 * field that can be selected by hand; a failed copy selects the field and says so. */
(function () {
  "use strict";
  document.querySelectorAll(".copy-code__input").forEach(function (input) {
    input.addEventListener("focus", function () { input.select(); });
  });
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll("[data-copy-code]").forEach(function (box) {
    var action = box.querySelector("[data-copy-action]");
    var button = box.querySelector("[data-copy-target]");
    var status = box.querySelector("[data-copy-status]");
    var input = document.getElementById(button.dataset.copyTarget);
    action.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        status.textContent = button.dataset.copied;
      }, function () {
        input.focus();
        input.select();
        status.textContent = button.dataset.copyFailed;
      });
    });
  });
})();
