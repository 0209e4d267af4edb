/*
 * Stand-in for browsers without ResizeObserver (before about 2020). Material
 * would otherwise load a polyfill from unpkg.com, and the site makes no
 * request to other hosts. Observed elements are reported when observed and
 * whenever the window is resized, which is what Material's layout code needs.
 * Written in ES5, as it only runs on old browsers.
 */
(function () {
  "use strict";

  if (typeof window.ResizeObserver !== "undefined") {
    return;
  }

  function ResizeObserverFallback(callback) {
    var observer = this;
    this.callback = callback;
    this.targets = [];
    this.onResize = function () {
      observer.report(observer.targets);
    };
  }

  ResizeObserverFallback.prototype.report = function (targets) {
    if (targets.length) {
      this.callback(targets.map(function (target) {
        return { target: target, contentRect: target.getBoundingClientRect() };
      }), this);
    }
  };

  ResizeObserverFallback.prototype.observe = function (target) {
    if (this.targets.indexOf(target) === -1) {
      if (!this.targets.length) {
        window.addEventListener("resize", this.onResize);
      }
      this.targets.push(target);
      var observer = this;
      setTimeout(function () { observer.report([target]); }, 0);
    }
  };

  ResizeObserverFallback.prototype.unobserve = function (target) {
    this.targets = this.targets.filter(function (each) { return each !== target; });
    if (!this.targets.length) {
      window.removeEventListener("resize", this.onResize);
    }
  };

  ResizeObserverFallback.prototype.disconnect = function () {
    this.targets = [];
    window.removeEventListener("resize", this.onResize);
  };

  window.ResizeObserver = ResizeObserverFallback;
})();
