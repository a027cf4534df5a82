/* Runs first: any script error on this page is recorded in the data-js-errors attribute of the root element so
   tests (and people) can see it; nothing is sent anywhere. */
(function () {
  var root = document.documentElement;
  function note(message) {
    var previous = root.getAttribute("data-js-errors");
    root.setAttribute("data-js-errors", (previous ? previous + " | " : "") + String(message).slice(0, 200));
  }
  window.addEventListener("error", function (event) { note(event.message || "error"); });
  window.addEventListener("unhandledrejection", function (event) { note("unhandled rejection: " + event.reason); });
})();
