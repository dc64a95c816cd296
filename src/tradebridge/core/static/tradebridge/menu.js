/* The site menu on narrow screens: collapsed behind the "Menu" button (base.html). Loaded
   right after the header, before the page is painted, so the menu never flashes open. Without
   JavaScript the button stays hidden and the menu is simply shown. */
(function () {
  "use strict";
  var button = document.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");
  if (!button || !menu) { return; }
  document.documentElement.classList.add("js-menu");
  button.hidden = false;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("open", open);
  });
})();
