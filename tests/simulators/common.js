// Shared helpers of the vendor protocol simulators (Jumio, LiveID+). Plain ES module, no build.
//
// The one rule every simulator keeps: messages go to `window.parent`, addressed to the parent's
// origin — from `?parent=` when given, else from `document.referrer` — and never to "*".

export const params = new URLSearchParams(location.search);

/** The page state, mirrored on <body data-*> so tests (and people) can read it. */
export function setState(name, value) {
  document.body.dataset[name] = String(value);
}

/**
 * The origin to address messages to, or an error string. Only an http(s) origin is accepted:
 * "*", "/", "null", paths and garbage are refused, so nothing is ever posted to an unknown page.
 */
export function resolveParentOrigin() {
  if (window.parent === window) return { error: "not framed: there is no parent window to post to" };
  const given = params.get("parent");
  const source = given !== null ? "?parent=" : "document.referrer";
  const raw = given !== null ? given : document.referrer;
  if (!raw) return { error: "no ?parent= and no document.referrer: parent origin unknown" };
  let url;
  try {
    url = new URL(raw);
  } catch {
    return { error: `${source} is not an absolute URL: ${raw}` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { error: `${source} is not an http(s) origin: ${raw}` };
  }
  return { origin: url.origin, source };
}

/** A non-negative integer query parameter, or `fallback`; throws on garbage. */
export function intParam(name, fallback, { min = 0, max = 600_000 } = {}) {
  const raw = params.get(name);
  if (raw === null || raw === "") return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`?${name}= must be a whole number, got ${raw}`);
  const n = Number(raw);
  if (n < min || n > max) throw new Error(`?${name}= must be between ${min} and ${max}, got ${raw}`);
  return n;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fake secret: `prefix` + 24 random hex digits (fresh per page load). */
export function fakeSecret(prefix) {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * A poster bound to the parent origin. `post(data, label)` posts one message and records it;
 * `announce` writes to the live region. Counts are mirrored on <body data-posted>.
 */
export function createPoster({ log, status }) {
  const target = resolveParentOrigin();
  let posted = 0;
  setState("posted", 0);
  if (target.origin) {
    setState("parent", target.origin);
  } else {
    setState("parent", "");
    setState("state", "no-parent");
  }
  const announce = (text) => {
    status.textContent = text;
  };
  return {
    target,
    announce,
    /** Posts `data`; `quiet` skips the visible log line (used by floods). */
    post(data, label, { quiet = false } = {}) {
      if (!target.origin) throw new Error(target.error);
      // Addressed to the parent's origin: if the parent navigated elsewhere, the browser drops it.
      window.parent.postMessage(data, target.origin);
      posted += 1;
      if (!quiet) {
        const item = document.createElement("li");
        item.textContent = label;
        log.append(item);
      }
      return posted;
    },
    flush() {
      setState("posted", posted);
    },
    get posted() {
      return posted;
    },
  };
}

/**
 * Requests a media device (kind "camera" or "microphone") and records the outcome on
 * <body data-camera|data-microphone>: "pending", then "ok" or the DOMException name
 * ("NotAllowedError", "NotFoundError", …), or "unsupported" without mediaDevices.
 */
export async function requestDevice(kind, { video } = {}) {
  setState(kind, "pending");
  if (!navigator.mediaDevices?.getUserMedia) {
    setState(kind, "unsupported");
    return null;
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia(
      kind === "camera" ? { video: true } : { audio: true },
    );
    if (video) {
      video.srcObject = stream;
      video.hidden = false;
      await video.play().catch(() => {});
    }
    setState(kind, "ok");
    return stream;
  } catch (err) {
    setState(kind, err?.name || "Error");
    return null;
  }
}

/** Stops every track of the given streams. */
export function stopStreams(...streams) {
  for (const s of streams) for (const t of s?.getTracks?.() ?? []) t.stop();
}
