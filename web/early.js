// idv-capture early message buffer — a classic script for the page's <head>, before any vendor
// iframe: <script src="…/idv-capture/web/early.js"></script>
//
// A server-rendered vendor iframe (Jumio asks for one at page load) can post its first events
// before the wasm module has loaded. This records every message the window receives, with its
// origin and source, until a stream registers the frame (`stream.adopt(...)` / `stream.listen`),
// which takes the buffered messages of *that* frame, checks them like live ones (source, then
// origin) and delivers them first, in order. Nothing is dropped silently: past 2000 entries the
// oldest are discarded and counted in `overflowed`.
(function () {
  if (window.__idvEarly) return;
  var early = { messages: [], overflowed: 0, limit: 2000 };
  early.listener = function (event) {
    early.messages.push({ origin: event.origin, source: event.source, data: event.data, at: Date.now() });
    if (early.messages.length > early.limit) {
      early.messages.shift();
      early.overflowed += 1;
    }
  };
  window.addEventListener("message", early.listener);
  window.__idvEarly = early;
})();
