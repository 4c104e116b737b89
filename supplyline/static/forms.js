// A little help on the pages with forms; every page works without it.
// Review page: a draft being edited lights up its sentence in the article, and a draft
// that is not accepted is dimmed.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("fieldset[data-draft]").forEach(function (draft) {
    var mark = document.getElementById("span-" + draft.getAttribute("data-draft"));
    var accept = draft.querySelector('input[name="accept"]');
    draft.addEventListener("focusin", function () {
      document.querySelectorAll("mark.active").forEach(function (m) {
        m.classList.remove("active");
      });
      if (mark) {
        mark.classList.add("active");
      }
    });
    if (accept) {
      var show = function () { draft.classList.toggle("rejected", !accept.checked); };
      accept.addEventListener("change", show);
      show();
    }
  });
});
