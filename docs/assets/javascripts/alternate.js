/*
 * Language switch: keep the reader's place. The switch links the same page in
 * the other variant (see overrides/partials/alternate.html); heading ids are
 * identical in both variants, so the current #anchor is carried over. The
 * link is updated when it is used (click, middle click, context menu), since
 * the anchor changes as the reader scrolls (navigation.tracking).
 */
(function () {
  "use strict";

  function carryAnchor(event) {
    var link = event.target instanceof Element && event.target.closest("a[data-zhkb-alternate]");
    if (link) {
      link.href = link.href.split("#")[0] + location.hash;
    }
  }

  ["click", "auxclick", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, carryAnchor, true);
  });
})();
