/*
 * Share one tip. Every tip heading has a share link to the tip's short page
 * (t/<id>/, made by zhkb.site.share), or in a site too large for a page per
 * tip, to the tip in its article (zhkb.site.tiplinks). A tap opens the system share sheet
 * where the browser has one; elsewhere it copies the short link and says so
 * (the words are on the link, in the page's own script). Without this script
 * the link still leads to the short page, and a long press copies it.
 */
(function () {
  "use strict";

  var SHOWN_MS = 2500;
  var status = document.createElement("div");
  var hideTimer;

  // A live region announces what it is given, so it must exist before the first message.
  status.className = "zhkb-toast";
  status.setAttribute("role", "status");
  document.body.appendChild(status);

  function say(message) {
    status.textContent = message;
    status.classList.add("zhkb-toast--shown");
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () {
      status.classList.remove("zhkb-toast--shown");
    }, SHOWN_MS);
  }

  // For pages served over plain HTTP, where navigator.clipboard does not exist.
  function copyWithSelection(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } finally {
      document.body.removeChild(field);
    }
    if (!copied) {
      throw new Error("copy failed");
    }
  }

  function copy(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).catch(function () {
        copyWithSelection(text);
      });
    }
    return new Promise(function (resolve) {
      copyWithSelection(text);
      resolve();
    });
  }

  function copyAndSay(link) {
    copy(link.href).then(function () {
      say(link.getAttribute("data-zhkb-copied"));
    }, function () {
      say(link.getAttribute("data-zhkb-copy-failed"));
    });
  }

  function tipTitle(link) {
    var title = link.parentElement.querySelector(".zhkb-tip-title");
    return (title ? title.textContent : document.title).trim();
  }

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest("a[data-zhkb-share]");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    if (!navigator.share) {
      copyAndSay(link);
      return;
    }
    var title = tipTitle(link);
    navigator.share({ title: title, text: title, url: link.href }).catch(function (error) {
      // The reader closed the share sheet: nothing to do. Any other failure: copy instead.
      if (!error || error.name !== "AbortError") {
        copyAndSay(link);
      }
    });
  });
})();
