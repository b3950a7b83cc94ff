// A search box that narrows a list of choices as you type; without JavaScript the whole
// list shows.
(function () {
  "use strict";
  document.querySelectorAll("[data-filter-for]").forEach(function (input) {
    var list = document.getElementById(input.dataset.filterFor);
    input.closest("[data-filter-box]").hidden = false;
    input.addEventListener("input", function () {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      list.querySelectorAll("[data-filter-text]").forEach(function (item) {
        var text = item.dataset.filterText;
        item.hidden = !words.every(function (word) { return text.indexOf(word) !== -1; });
      });
    });
  });
})();
