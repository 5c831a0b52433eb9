// ordex inbox: optional enhancements; every form works without this file.
// On the CA form: choosing "Change" opens the line's change fields, and a live count of
// the answers is shown (the server's "Preview" checks the answer and computes the totals).
(function () {
  "use strict";
  var form = document.getElementById("ca-form");
  if (!form) { return; }
  var live = document.getElementById("live-summary");
  var labels = { accepted: "accepted", notAccepted: "refused", changed: "changed", alreadyDelivered: "already delivered" };
  function count() {
    var counts = {};
    form.querySelectorAll("select.line-status").forEach(function (select) {
      counts[select.value] = (counts[select.value] || 0) + 1;
    });
    var added = form.querySelectorAll("fieldset.added-line").length;
    var parts = Object.keys(labels).filter(function (k) { return counts[k]; }).map(function (k) {
      return counts[k] + " " + labels[k];
    });
    if (added) { parts.push(added + " added"); }
    if (live) { live.textContent = "So far: " + parts.join(", ") + "."; }
  }
  form.addEventListener("change", function (event) {
    var select = event.target;
    if (select.classList && select.classList.contains("line-status")) {
      var details = select.closest("fieldset").querySelector("details");
      if (details && select.value === "changed") { details.open = true; }
      count();
    }
  });
  count();
})();
