// Helpers of both the live dashboard (app.js) and the broadcast overlays (overlay.js). Every page loads this script
// before its own; it defines one global, raceTracker, and nothing else.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);

  // an element; its text, if any, is set with textContent, never parsed as HTML
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };

  // milliseconds as h:mm:ss, '-' for none
  function hms(ms) {
    if (ms === null || ms === undefined || !isFinite(ms)) return '-';
    const s = Math.max(0, Math.round(ms / 1000));
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    return h + ':' + String(m).padStart(2, '0') + ':' + String(sec).padStart(2, '0');
  }

  // an athlete's time against their target on element e: the text, and 'ahead' or 'behind' after the class cls
  function showVsTarget(e, cls, p) {
    e.textContent = p.display.vsTarget;
    e.className = cls + ' ' + (p.aheadOfTargetMs >= 0 ? 'ahead' : 'behind');
  }

  window.raceTracker = Object.freeze({ $, el, hms, showVsTarget });
}());
