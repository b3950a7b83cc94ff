// Copy-link and print buttons: shown only when the browser can do what they promise.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy-from]").forEach(function (button) {
    if (!navigator.clipboard) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var field = document.getElementById(button.dataset.copyFrom);
      var status = document.getElementById("share-status");
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) { status.textContent = button.dataset.copiedMessage; }
      }, function () {
        field.focus();
        field.select();
      });
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
