/* Small, optional interactivity; the page reads the same without it. */
(function () {
  var body = document.body;
  var plain = document.getElementById("toggle-entities");
  if (plain) {
    plain.addEventListener("change", function () { body.classList.toggle("plain-text", !plain.checked); });
  }
  // Filter the rows of a table by the text typed into <input class="filter" data-table="ID">.
  var inputs = document.querySelectorAll("input.filter[data-table]");
  for (var i = 0; i < inputs.length; i++) {
    (function (input) {
      var table = document.getElementById(input.getAttribute("data-table"));
      if (!table) { return; }
      input.addEventListener("input", function () {
        var needle = input.value.trim().toLowerCase();
        var rows = table.tBodies[0] ? table.tBodies[0].rows : [];
        for (var r = 0; r < rows.length; r++) {
          rows[r].style.display = !needle || rows[r].textContent.toLowerCase().indexOf(needle) >= 0 ? "" : "none";
        }
      });
    })(inputs[i]);
  }
  document.documentElement.setAttribute("data-report-ready", "1");
})();
