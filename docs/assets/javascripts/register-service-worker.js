/*
 * Offline reading: register this site variant's service worker (sw.js at the
 * variant's root, made by zhkb.site.pwa), scoped to the variant. The root is
 * found from this script's own address (<root>/assets/javascripts/), so the
 * site works wherever it is served. Registered after the page has loaded, so
 * that caching never competes with the first view.
 */
(function () {
  "use strict";

  if (!("serviceWorker" in navigator) || !document.currentScript) {
    return;
  }
  var root = new URL("../../", document.currentScript.src);

  window.addEventListener("load", function () {
    navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.href }).catch(function () {
      // Not over HTTPS, or storage refused: the site works as before, online only.
    });
  });

  // An installed app opens on its start page: have the worker keep it for offline starts.
  window.addEventListener("appinstalled", function () {
    navigator.serviceWorker.ready.then(function (registration) {
      registration.active.postMessage("zhkb:installed");
    });
  });
})();
