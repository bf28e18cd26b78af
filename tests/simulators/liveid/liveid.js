// Namirial LiveID+ embedded client — protocol simulator (not Namirial's client).
//
// Follows LiveID+ API 2.0.0 (seeds/000: service-start "embedded mode", client-side events and
// "Call closing"): network and media test events WEBRTCTEST_OK | _KO {error, type} |
// _CALLNOTANSWERED {retry} | _CALLANSWERED {idConf} | _CALLCANCELLED, then the closing events
// `close` / `error` with `callID` and `message` { closeStatus N|S|A|K, note, processId, self,
// [abortCode when A], and, not for `error`: nextProcess, token, additionalData }.
// The vendor does not document the envelope: the key carrying the event name ("event" here, as in
// reference/samples/namirial_*.json) and whether data is an object or a JSON string are guesses,
// hence ?shape= and ?messageAsString=. See ../README.md for scenarios and query parameters.
import { params, setState, intParam, sleep, fakeSecret, createPoster, requestDevice } from "../common.js";

const $ = (id) => document.getElementById(id);
const status = $("status");

const ids = {
  callID: params.get("callID") ?? "20240514-0912-7781",
  idConf: params.get("idConf") ?? "0c5a9e1e-7d2b-4b8e-a0f4-3e6c2d1b9a87",
  processId: params.get("processId") ?? "3f2c1b0a-9e8d-4c7b-a6f5-e4d3c2b1a098",
  token: params.get("token") ?? fakeSecret("sim-liveid-token-"),
};

const NOTES = {
  N: "Identification completed, document verified.",
  S: "Customer asked to continue later",
  A: "Document not legible",
  K: "Call terminated by the system",
};

// ---- message builders (objects; the envelope shape is applied when posting) -------------------

const msg = {
  ok: () => ({ event: "WEBRTCTEST_OK" }),
  ko: () => ({
    event: "WEBRTCTEST_KO",
    type: params.has("koType") ? jsonish(params.get("koType")) : 1,
    error: params.get("koError") ?? "NotAllowedError: Permission denied",
  }),
  notAnswered: (retry) => ({ event: "WEBRTCTEST_CALLNOTANSWERED", retry }),
  answered: () => ({ event: "WEBRTCTEST_CALLANSWERED", idConf: ids.idConf }),
  cancelled: () => ({ event: "WEBRTCTEST_CALLCANCELLED" }),
  /** `close` with closeStatus N | S | A | K. */
  close(closeStatus) {
    const message = { closeStatus, note: NOTES[closeStatus], processId: ids.processId, self: false };
    if (closeStatus === "A") message.abortCode = params.get("abortCode") ?? "DOC_NOT_READABLE";
    message.nextProcess = null;
    message.token = ids.token;
    message.additionalData = closeStatus === "N" ? { customerId: "C-000123" } : {};
    return { event: "close", callID: ids.callID, message };
  },
  /** `error`: closed by an unexpected error; no nextProcess / token / additionalData. */
  error: () => ({
    event: "error",
    callID: ids.callID,
    message: { closeStatus: params.get("errorStatus") ?? "K", note: "", processId: ids.processId, self: false },
  }),
  /** Flood filler: an undocumented event name, with its index. */
  progress: (i) => ({ event: `progress-${i}`, index: i }),
};

/** "1" -> 1, "true" -> true, anything else stays a string (for ?koType=). */
function jsonish(raw) {
  try {
    const v = JSON.parse(raw);
    return typeof v === "number" || typeof v === "boolean" ? v : raw;
  } catch {
    return raw;
  }
}

const SHAPES = ["object", "string", "bare"];

/**
 * The data actually posted for one message object:
 *   object — the object itself (structured clone);
 *   string — JSON.stringify(object);
 *   bare   — WEBRTCTEST_* events as the name string alone (no parameters); other messages as objects.
 * ?messageAsString=1 first turns a closing event's `message` into a JSON string.
 */
function encode(obj, shape, messageAsString) {
  let o = obj;
  if (messageAsString && o.message && typeof o.message === "object") {
    o = { ...o, message: JSON.stringify(o.message) };
  }
  if (shape === "string") return JSON.stringify(o);
  if (shape === "bare" && o.event.startsWith("WEBRTCTEST_")) return o.event;
  return o;
}

const label = (o) =>
  o.event + (o.message ? ` ${o.message.closeStatus}` : "") + ("retry" in o ? ` retry=${o.retry}` : "");

// ---- scenarios ---------------------------------------------------------------------------------

const SCENARIOS = {
  "answered-completed": () => [msg.ok(), msg.answered(), msg.close("N")],
  "answered-suspended": () => [msg.ok(), msg.answered(), msg.close("S")],
  "answered-aborted": () => [msg.ok(), msg.answered(), msg.close("A")],
  "answered-terminated": () => [msg.ok(), msg.answered(), msg.close("K")],
  "answered-error": () => [msg.ok(), msg.answered(), msg.error()],
  // The compatibility test failed: KO replaces OK (the call never starts).
  ko: () => [msg.ko()],
  "not-answered-retry": () => [msg.ok(), msg.notAnswered(true), msg.answered(), msg.close("N")],
  "not-answered": () => [msg.ok(), msg.notAnswered(false)],
  cancelled: () => [msg.ok(), msg.cancelled()],
};

function showFacts(rows) {
  const facts = $("facts");
  for (const [k, v] of rows) {
    const dt = document.createElement("dt");
    dt.textContent = k;
    const dd = document.createElement("dd");
    dd.textContent = v;
    facts.append(dt, dd);
  }
}

async function main() {
  const scenario = params.get("scenario") ?? "manual";
  const shape = params.get("shape") ?? "object";
  const messageAsString = params.get("messageAsString") === "1";
  setState("scenario", scenario);
  setState("shape", shape);
  const poster = createPoster({ log: $("log"), status });

  let delay;
  let count;
  try {
    if (!SHAPES.includes(shape)) throw new Error(`?shape= must be one of ${SHAPES.join(", ")}, got ${shape}`);
    if (scenario !== "manual" && scenario !== "flood" && !(scenario in SCENARIOS)) {
      throw new Error(`unknown ?scenario=${scenario}`);
    }
    delay = intParam("delay", 300);
    if (scenario === "flood") count = intParam("count", 100, { min: 2, max: 100_000 });
  } catch (err) {
    setState("state", "bad-parameters");
    status.textContent = `Simulator error: ${err.message}`;
    status.classList.add("error");
    return;
  }
  showFacts([
    ["Scenario", scenario],
    ["Data shape", shape + (messageAsString ? ", message as JSON string" : "")],
    ["Parent origin", poster.target.origin ?? `— (${poster.target.error})`],
    ["Call", ids.callID],
  ]);

  if (params.get("camera") === "1") {
    $("media").hidden = false;
    // Requested separately so each outcome is known on its own.
    requestDevice("camera", { video: $("preview") }).then(() => {
      const o = document.body.dataset.camera;
      $("camera-text").textContent = o === "ok" ? "Camera is on." : `Camera unavailable (${o}).`;
    });
    requestDevice("microphone").then(() => {
      const o = document.body.dataset.microphone;
      $("microphone-text").textContent = o === "ok" ? "Microphone is on." : `Microphone unavailable (${o}).`;
    });
  }

  if (!poster.target.origin) {
    status.textContent = `Not sending events: ${poster.target.error}`;
    status.classList.add("error");
    return;
  }

  const send = (o, opts) => poster.post(encode(o, shape, messageAsString), label(o), opts);

  if (scenario === "manual") {
    setupManual(send, poster);
    return;
  }

  setState("state", "running");
  if (scenario === "flood") {
    // N messages synchronously in one loop: WEBRTCTEST_OK, N-2 undocumented "progress-<i>"
    // events carrying `index: i` (1 … N-2), then close N.
    send(msg.ok(), { quiet: true });
    for (let i = 1; i < count - 1; i += 1) send(msg.progress(i), { quiet: true });
    send(msg.close("N"), { quiet: true });
    poster.flush();
    const item = document.createElement("li");
    item.textContent = `${count} events (WEBRTCTEST_OK, ${count - 2} × progress-<i>, close N)`;
    $("log").append(item);
    status.textContent = `Sent ${count} events.`;
    setState("state", "done");
    return;
  }

  const sequence = SCENARIOS[scenario]();
  for (const [i, o] of sequence.entries()) {
    if (i > 0) await sleep(delay);
    send(o);
    poster.flush();
    status.textContent = describe(o);
  }
  setState("state", "done");
}

function describe(o) {
  switch (o.event) {
    case "WEBRTCTEST_OK": return "Your device passed the network and media test. Waiting for an operator…";
    case "WEBRTCTEST_KO": return "Your device did not pass the network and media test.";
    case "WEBRTCTEST_CALLANSWERED": return "An operator answered.";
    case "WEBRTCTEST_CALLNOTANSWERED": return o.retry ? "No operator answered. Calling again…" : "No operator answered.";
    case "WEBRTCTEST_CALLCANCELLED": return "You cancelled the call.";
    case "close": return `The operator closed the call (status ${o.message.closeStatus}).`;
    case "error": return "The call was closed by an unexpected error.";
    default: return `Sent ${o.event}.`;
  }
}

function setupManual(send, poster) {
  $("manual").hidden = false;
  setState("state", "manual");
  const actions = {
    ok: msg.ok,
    ko: msg.ko,
    answered: msg.answered,
    "not-answered-retry": () => msg.notAnswered(true),
    "not-answered": () => msg.notAnswered(false),
    cancelled: msg.cancelled,
    "close-N": () => msg.close("N"),
    "close-S": () => msg.close("S"),
    "close-A": () => msg.close("A"),
    "close-K": () => msg.close("K"),
    error: msg.error,
  };
  for (const button of document.querySelectorAll("[data-send]")) {
    button.addEventListener("click", () => {
      const o = actions[button.dataset.send]();
      send(o);
      poster.flush();
      status.textContent = describe(o);
    });
  }
  status.textContent = "Ready. Choose an event to send.";
}

main().catch((err) => {
  setState("state", "failed");
  status.textContent = `Simulator error: ${err.message}`;
  status.classList.add("error");
});
