// The report form: a live character counter, and one submission however often it is clicked.
(function () {
  "use strict";
  document.querySelectorAll("[data-counter-for]").forEach(function (counter) {
    var field = document.getElementById(counter.dataset.counterFor);
    if (!field) { return; }
    var limit = parseInt(field.getAttribute("maxlength"), 10);
    var update = function () {
      counter.textContent = counter.dataset.template.replace("%(left)s", String(limit - field.value.length));
    };
    field.addEventListener("input", update);
    update();
  });
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) { button.disabled = true; });
    });
  });
  var errors = document.getElementById("form-errors");
  if (errors) { errors.focus(); }
})();
