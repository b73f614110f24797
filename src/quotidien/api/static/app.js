// Small comforts only: every page works without this script.
document.addEventListener("DOMContentLoaded", function () {
  // Pointing at a quotation in the list lights it up in the text, and the other way round.
  document.querySelectorAll("[data-quote]").forEach(function (el) {
    var key = el.getAttribute("data-quote");
    function light(on) {
      document.querySelectorAll('[data-quote="' + key + '"]').forEach(function (other) {
        other.classList.toggle("lit", on);
      });
    }
    el.addEventListener("mouseenter", function () { light(true); });
    el.addEventListener("mouseleave", function () { light(false); });
    el.addEventListener("focus", function () { light(true); });
    el.addEventListener("blur", function () { light(false); });
  });
  // A chosen file replaces pasted text.
  var file = document.getElementById("page-file");
  var text = document.getElementById("page-text");
  if (file && text) {
    file.addEventListener("change", function () { if (file.files.length) { text.value = ""; } });
  }
});
