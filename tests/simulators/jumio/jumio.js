// Jumio ID Verification web client — protocol simulator (not Jumio's client).
//
// Follows Jumio's "Optional iFrame logging" (seeds/003, "Web"): each event is a postMessage to the
// parent whose `event.data` is a JSON *string* of
//   { accountId, authorizationToken, workflowExecutionId, customerInternalReference,
//     eventType: 510, dateTime: "YYYY-MM-DDThh:mm:ss.SSSZ" (UTC),
//     payload: { value: "loaded" | "success" | "error", metainfo?: { code: <integer> } } }
// and, for the legacy Netverify v4 client, `transactionReference` instead of
// accountId/workflowExecutionId. Key order follows the samples (reference/samples/jumio_*.json).
// See ../README.md for the scenarios and query parameters.
import { params, setState, intParam, sleep, fakeSecret, createPoster, requestDevice } from "../common.js";

/** Jumio's documented error codes ("After the User Journey", errorCode) and their meaning. */
export const ERROR_CODES = {
  9100: "Error occurred on our server.",
  9200: "Authorization token missing, invalid, or expired.",
  9210: "Session expired after the user journey started.",
  9300: "Error occurred transmitting image to our server.",
  9400: "Error occurred during verification step.",
  9800: "User has no network connection.",
  9801: "Unexpected error occurred in the client.",
  9810: "Problem while communicating with our server.",
  9820: "File upload not enabled and camera unavailable.",
  9821: "The biometric face capture process failed.",
  9822: "Browser does not support camera.",
  9835: "No acceptable submission in 3 attempts.",
  9836: "Authentication Failure.",
};

const $ = (id) => document.getElementById(id);
const status = $("status");

// Fixed fake ids (the same as the samples), overridable.
const ids = {
  accountId: params.get("account") ?? "6a1f0c8e-3b2d-4f7a-9c1e-5d4b3a2f1e0d",
  workflowExecutionId: params.get("workflow") ?? "b2c4e6f8-1a3b-4c5d-8e9f-0a1b2c3d4e5f",
  transactionReference: params.get("workflow") ?? "1f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f",
  customerInternalReference: params.get("reference") ?? "ORDER-2024-000123",
  authorizationToken: params.get("token") ?? fakeSecret("sim-token-"),
};

/** One Jumio 510 event object, in the documented (or legacy v4) shape. */
function event(value, { code, legacy = false, reference = ids.customerInternalReference } = {}) {
  const payload = code === undefined ? { value } : { value, metainfo: { code } };
  const dateTime = new Date().toISOString(); // always UTC with milliseconds: YYYY-MM-DDThh:mm:ss.SSSZ
  return legacy
    ? {
        authorizationToken: ids.authorizationToken,
        transactionReference: ids.transactionReference,
        customerInternalReference: reference,
        eventType: 510,
        dateTime,
        payload,
      }
    : {
        accountId: ids.accountId,
        authorizationToken: ids.authorizationToken,
        workflowExecutionId: ids.workflowExecutionId,
        customerInternalReference: reference,
        eventType: 510,
        dateTime,
        payload,
      };
}

/** Parses `?scenario=` into a plan, or throws with a readable message. */
function plan(scenario) {
  if (scenario === "manual") return { kind: "manual" };
  if (scenario === "success") return { kind: "sequence", legacy: false, final: { value: "success" } };
  if (scenario === "legacy-success") return { kind: "sequence", legacy: true, final: { value: "success" } };
  if (scenario === "flood") return { kind: "flood", count: intParam("count", 100, { min: 2, max: 100_000 }) };
  const m = /^(legacy-)?error-(\d+)$/.exec(scenario);
  if (m) {
    const code = Number(m[2]);
    if (!(code in ERROR_CODES)) {
      throw new Error(`error code ${m[2]} is not one of Jumio's documented codes: ${Object.keys(ERROR_CODES).join(", ")}`);
    }
    return { kind: "sequence", legacy: Boolean(m[1]), final: { value: "error", code } };
  }
  throw new Error(`unknown ?scenario=${scenario}`);
}

function showFacts(p) {
  const facts = $("facts");
  const rows = [
    ["Scenario", p.scenario],
    ["Parent origin", p.poster.target.origin ?? `— (${p.poster.target.error})`],
    [p.legacy ? "Transaction reference" : "Workflow execution", p.legacy ? ids.transactionReference : ids.workflowExecutionId],
  ];
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
  setState("scenario", scenario);
  const poster = createPoster({ log: $("log"), status });

  let steps;
  let delay;
  try {
    steps = plan(scenario);
    delay = intParam("delay", 300);
  } catch (err) {
    setState("state", "bad-parameters");
    status.textContent = `Simulator error: ${err.message}`;
    status.classList.add("error");
    return;
  }
  showFacts({ scenario, poster, legacy: steps.legacy });

  if (params.get("camera") === "1") {
    $("capture").hidden = false;
    requestDevice("camera", { video: $("preview") }).then(() => {
      const outcome = document.body.dataset.camera;
      $("camera-text").textContent = outcome === "ok" ? "Camera is on." : `Camera unavailable (${outcome}).`;
    });
  }

  if (!poster.target.origin) {
    status.textContent = `Not sending events: ${poster.target.error}`;
    status.classList.add("error");
    return;
  }

  const send = (obj, label, opts) => poster.post(JSON.stringify(obj), label, opts);

  if (steps.kind === "manual") {
    setupManual(send, poster);
    return;
  }

  setState("state", "running");
  if (steps.kind === "flood") {
    // N messages synchronously in one loop: loaded, N-2 undocumented "progress-<i>" values, success.
    // Each carries its index in customerInternalReference (0 … N-1).
    const n = steps.count;
    send(event("loaded", { reference: "0" }), "loaded (0)", { quiet: true });
    for (let i = 1; i < n - 1; i += 1) {
      send(event(`progress-${i}`, { reference: String(i) }), `progress-${i}`, { quiet: true });
    }
    send(event("success", { reference: String(n - 1) }), `success (${n - 1})`, { quiet: true });
    poster.flush();
    const item = document.createElement("li");
    item.textContent = `${n} events (loaded, ${n - 2} × progress-<i>, success)`;
    $("log").append(item);
    status.textContent = `Sent ${n} events.`;
    setState("state", "done");
    return;
  }

  send(event("loaded", { legacy: steps.legacy }), "loaded");
  poster.flush();
  status.textContent = "Loaded. Checking your document…";
  await sleep(delay);
  const { value, code } = steps.final;
  send(event(value, { code, legacy: steps.legacy }), code === undefined ? value : `error ${code}`);
  poster.flush();
  status.textContent =
    value === "success" ? "Done: images were accepted for verification." : `Error ${code}: ${ERROR_CODES[code]}`;
  setState("state", "done");
}

function setupManual(send, poster) {
  $("manual").hidden = false;
  setState("state", "manual");
  const legacy = params.get("legacy") === "1";
  const fire = (value, code) => {
    send(event(value, { code, legacy }), code === undefined ? value : `error ${code}`);
    poster.flush();
    status.textContent = code === undefined ? `Sent “${value}”.` : `Sent error ${code}: ${ERROR_CODES[code]}`;
  };
  $("send-loaded").addEventListener("click", () => fire("loaded"));
  $("send-success").addEventListener("click", () => fire("success"));
  const group = $("error-buttons");
  for (const [code, text] of Object.entries(ERROR_CODES)) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "secondary";
    b.textContent = `Error ${code}`;
    b.title = text;
    b.setAttribute("aria-description", text);
    b.addEventListener("click", () => fire("error", Number(code)));
    group.append(b);
  }
  status.textContent = "Ready. Choose an event to send.";
}

main().catch((err) => {
  setState("state", "failed");
  status.textContent = `Simulator error: ${err.message}`;
  status.classList.add("error");
});
