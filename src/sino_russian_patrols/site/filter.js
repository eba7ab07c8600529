// Filters of the index by year and type. Without JavaScript the form stays hidden and
// every event is listed; with it, the lists keep only the events chosen.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var year = document.getElementById("f-year");
  var type = document.getElementById("f-type");
  var shown = document.getElementById("f-shown");
  function apply() {
    var n = 0;
    document.querySelectorAll("section.year").forEach(function (section) {
      var visible = 0;
      section.querySelectorAll("li[data-year]").forEach(function (li) {
        var ok = (!year.value || li.dataset.year === year.value) &&
                 (!type.value || li.dataset.type === type.value);
        li.hidden = !ok;
        if (ok) { visible += 1; }
      });
      section.hidden = visible === 0;
      n += visible;
    });
    shown.textContent = n + (n === 1 ? " event shown" : " events shown");
  }
  year.addEventListener("change", apply);
  type.addEventListener("change", apply);
  form.hidden = false;
  apply();
}());
