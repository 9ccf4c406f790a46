// "Add another article": a copy of the last article box, emptied. (No inline
// scripts: the pages' Content-Security-Policy allows scripts from this site only.)
document.addEventListener("DOMContentLoaded", function () {
  var button = document.getElementById("add-article");
  var boxes = document.getElementById("articles");
  if (!button || !boxes) return;
  button.addEventListener("click", function () {
    var all = boxes.querySelectorAll("fieldset.article");
    if (all.length >= Number(button.dataset.max || 50)) { button.disabled = true; return; }
    var copy = all[all.length - 1].cloneNode(true);
    copy.querySelectorAll("textarea, input").forEach(function (field) { field.value = ""; });
    copy.querySelector("legend").textContent = "Article " + (all.length + 1);
    copy.querySelector("textarea").setAttribute("aria-label", "article " + (all.length + 1) + " text");
    boxes.appendChild(copy);
    copy.querySelector("textarea").focus();
  });
});
