// The vendor protocol simulators (tests/simulators/): each is served from its own origin, embedded
// by the plain host page (tests/pages/host.html records every message it receives), and must post
// exactly the documented vendor message sequences — to the parent's origin, never to "*".
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, ROOT } from "./lib/browser.mjs";
import { startStatic } from "../server/static.mjs";

const SIMS = join(ROOT, "tests", "simulators");
let host, vendor, hostile, browser, mediaBrowser;

before(async () => {
  host = await startStatic({ root: join(ROOT, "tests", "pages") });
  vendor = await startStatic({ root: SIMS });
  hostile = await startStatic({ root: SIMS });
  browser = await launch({ fakeMedia: false });
});
after(async () => {
  await mediaBrowser?.close();
  await browser?.close();
  await host?.close();
  await vendor?.close();
  await hostile?.close();
});

const JUMIO_CODES = [9100, 9200, 9210, 9300, 9400, 9800, 9801, 9810, 9820, 9821, 9822, 9835, 9836];
// Key order of reference/samples/jumio_kyx_510_*.json and jumio_legacy_v4_510_*.json.
const JUMIO_KEYS = [
  "accountId", "authorizationToken", "workflowExecutionId", "customerInternalReference",
  "eventType", "dateTime", "payload",
];
const LEGACY_KEYS = [
  "authorizationToken", "transactionReference", "customerInternalReference", "eventType", "dateTime", "payload",
];
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const simUrl = (path, query, parent = host.origin) => {
  const q = new URLSearchParams(query);
  if (parent !== null) q.set("parent", parent);
  return `${vendor.origin}/${path}/?${q}`;
};

/**
 * Opens host.html with `frameUrl` in its iframe, waits until the simulator reports `state`
 * (on <body data-state>) and until `expect` messages arrived (then a moment more, so extra
 * messages would show), and returns the recorded messages and the frame.
 */
async function run(frameUrl, { expect = 0, state = "done", settle = 250, b = browser } = {}) {
  const page = await b.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${host.origin}/host.html?frame=${encodeURIComponent(frameUrl)}`);
  await page.waitForLoadState("load");
  const origin = new URL(frameUrl).origin;
  const frame = page.frame({ url: (u) => u.href.startsWith(origin) });
  assert.ok(frame, "the simulator frame is present");
  await frame.waitForSelector(`body[data-state="${state}"]`, { timeout: 10_000 });
  if (expect > 0) {
    await page.waitForFunction((n) => window.__received.length >= n, expect, { timeout: 10_000 });
  }
  await page.waitForTimeout(settle);
  const received = await page.evaluate(() => window.__received);
  const posted = await frame.evaluate(() => Number(document.body.dataset.posted ?? 0));
  assert.deepEqual(errors, []);
  return { page, frame, received, posted };
}

const fromVendor = (received) => {
  for (const r of received) {
    assert.equal(r.origin, vendor.origin);
    assert.equal(r.fromFrame, true);
  }
};

/** Parses Jumio messages, checking each is a JSON string with the documented fields. */
function jumioParse(received, { legacy = false } = {}) {
  return received.map((r) => {
    assert.equal(typeof r.data, "string", "Jumio event.data is a JSON string");
    const d = JSON.parse(r.data);
    assert.deepEqual(Object.keys(d), legacy ? LEGACY_KEYS : JUMIO_KEYS);
    assert.equal(d.eventType, 510);
    assert.match(d.dateTime, DATE_TIME);
    assert.match(d.authorizationToken, /^sim-token-[0-9a-f]{24}$/);
    return d;
  });
}

test("host, vendor and hostile are three different origins", () => {
  assert.equal(new Set([host.origin, vendor.origin, hostile.origin]).size, 3);
});

// ---- Jumio --------------------------------------------------------------------------------------

test("Jumio success: exactly [loaded, success] as JSON strings from the vendor origin", async () => {
  const { page, received } = await run(simUrl("jumio", { scenario: "success" }), { expect: 2 });
  assert.equal(received.length, 2);
  fromVendor(received);
  const [loaded, success] = jumioParse(received);
  assert.deepEqual(loaded.payload, { value: "loaded" });
  assert.deepEqual(success.payload, { value: "success" });
  for (const d of [loaded, success]) {
    assert.equal(d.accountId, "6a1f0c8e-3b2d-4f7a-9c1e-5d4b3a2f1e0d");
    assert.equal(d.workflowExecutionId, "b2c4e6f8-1a3b-4c5d-8e9f-0a1b2c3d4e5f");
    assert.equal(d.customerInternalReference, "ORDER-2024-000123");
  }
  assert.equal(loaded.authorizationToken, success.authorizationToken, "one token per session");
  // The default delay between loaded and success is 300 ms.
  const gap = Date.parse(success.dateTime) - Date.parse(loaded.dateTime);
  assert.ok(gap >= 290 && gap < 3000, `gap ${gap} ms`);
  await page.close();
});

test("Jumio ?workflow= and ?delay= are honoured", async () => {
  const wf = "11111111-2222-4333-8444-555555555555";
  const { page, received } = await run(simUrl("jumio", { scenario: "success", workflow: wf, delay: "0" }), {
    expect: 2,
  });
  const ds = jumioParse(received);
  assert.deepEqual(ds.map((d) => d.workflowExecutionId), [wf, wf]);
  assert.ok(Date.parse(ds[1].dateTime) - Date.parse(ds[0].dateTime) < 250);
  await page.close();
});

test("Jumio error-<code>: loaded then error with the integer code, for every documented code", async () => {
  for (const code of JUMIO_CODES) {
    const { page, received } = await run(simUrl("jumio", { scenario: `error-${code}`, delay: "0" }), {
      expect: 2,
      settle: 100,
    });
    assert.equal(received.length, 2, `error-${code}`);
    fromVendor(received);
    const [loaded, error] = jumioParse(received);
    assert.deepEqual(loaded.payload, { value: "loaded" });
    assert.deepEqual(error.payload, { value: "error", metainfo: { code } });
    assert.equal(typeof error.payload.metainfo.code, "number");
    assert.ok(received[1].data.includes(`"code":${code}}`), "the code is a JSON number");
    await page.close();
  }
});

test("Jumio legacy Netverify v4 shape: transactionReference instead of accountId/workflowExecutionId", async () => {
  for (const [scenario, payload] of [
    ["legacy-success", { value: "success" }],
    ["legacy-error-9801", { value: "error", metainfo: { code: 9801 } }],
  ]) {
    const { page, received } = await run(simUrl("jumio", { scenario, delay: "0" }), { expect: 2 });
    assert.equal(received.length, 2, scenario);
    fromVendor(received);
    const ds = jumioParse(received, { legacy: true });
    assert.deepEqual(ds.map((d) => d.payload), [{ value: "loaded" }, payload]);
    assert.equal(ds[0].transactionReference, "1f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f");
    await page.close();
  }
});

test("Jumio flood count=2000 delivers all 2000 in order", async () => {
  const n = 2000;
  const { page, received, posted } = await run(simUrl("jumio", { scenario: "flood", count: String(n) }), {
    expect: n,
    settle: 300,
  });
  assert.equal(posted, n);
  assert.equal(received.length, n);
  fromVendor(received);
  const ds = jumioParse(received);
  ds.forEach((d, i) => {
    assert.equal(d.customerInternalReference, String(i), `index of message ${i}`);
    const want = i === 0 ? "loaded" : i === n - 1 ? "success" : `progress-${i}`;
    assert.deepEqual(d.payload, { value: want }, `payload of message ${i}`);
  });
  await page.close();
});

test("Jumio rejects an undocumented error code and an unknown scenario: nothing is posted", async () => {
  for (const scenario of ["error-9999", "nonsense"]) {
    const { page, received, frame } = await run(simUrl("jumio", { scenario, delay: "0" }), {
      state: "bad-parameters",
    });
    assert.deepEqual(received, [], scenario);
    assert.match(await frame.getByRole("status").textContent(), /Simulator error/);
    await page.close();
  }
});

test("Jumio manual: the buttons post loaded, success and an error", async () => {
  const { page, frame } = await run(simUrl("jumio", { scenario: "manual" }), { state: "manual", settle: 0 });
  await frame.getByRole("button", { name: "Loaded" }).click();
  await frame.getByRole("button", { name: "Success" }).click();
  await frame.getByRole("button", { name: "Error 9822" }).click();
  await frame.getByRole("status").filter({ hasText: "Sent error 9822" }).waitFor();
  await page.waitForFunction(() => window.__received.length >= 3);
  const received = await page.evaluate(() => window.__received);
  assert.equal(received.length, 3);
  fromVendor(received);
  assert.deepEqual(jumioParse(received).map((d) => d.payload), [
    { value: "loaded" },
    { value: "success" },
    { value: "error", metainfo: { code: 9822 } },
  ]);
  assert.equal(await frame.getByRole("button", { name: /^Error \d{4}$/ }).count(), JUMIO_CODES.length);
  await page.close();
});

// ---- LiveID+ ------------------------------------------------------------------------------------

const liveid = (query, parent) => simUrl("liveid", { delay: "0", ...query }, parent);
/** A LiveID+ message as an object, whatever the shape it was posted in. */
const asObject = (data) => {
  if (typeof data !== "string") return data;
  if (/^WEBRTCTEST_[A-Z]+$/.test(data)) return { event: data, bare: true };
  return JSON.parse(data);
};

test("LiveID+ answered-completed, object shape: OK, CALLANSWERED with idConf, close N", async () => {
  const { page, received } = await run(liveid({ scenario: "answered-completed" }), { expect: 3 });
  assert.equal(received.length, 3);
  fromVendor(received);
  for (const r of received) assert.equal(typeof r.data, "object");
  const [ok, answered, close] = received.map((r) => r.data);
  assert.deepEqual(ok, { event: "WEBRTCTEST_OK" });
  assert.deepEqual(answered, { event: "WEBRTCTEST_CALLANSWERED", idConf: "0c5a9e1e-7d2b-4b8e-a0f4-3e6c2d1b9a87" });
  assert.equal(close.event, "close");
  assert.equal(close.callID, "20240514-0912-7781");
  assert.deepEqual(Object.keys(close.message), [
    "closeStatus", "note", "processId", "self", "nextProcess", "token", "additionalData",
  ]);
  assert.equal(close.message.closeStatus, "N");
  assert.equal(close.message.self, false);
  assert.match(close.message.token, /^sim-liveid-token-[0-9a-f]{24}$/);
  await page.close();
});

test("LiveID+ answered-completed, string shape: the same messages as JSON strings", async () => {
  const { page, received } = await run(liveid({ scenario: "answered-completed", shape: "string" }), { expect: 3 });
  assert.equal(received.length, 3);
  fromVendor(received);
  for (const r of received) assert.equal(typeof r.data, "string");
  const ds = received.map((r) => JSON.parse(r.data));
  assert.deepEqual(ds.map((d) => d.event), ["WEBRTCTEST_OK", "WEBRTCTEST_CALLANSWERED", "close"]);
  assert.equal(ds[1].idConf, "0c5a9e1e-7d2b-4b8e-a0f4-3e6c2d1b9a87");
  assert.equal(ds[2].message.closeStatus, "N");
  await page.close();
});

test("LiveID+ answered-completed, bare shape: WEBRTCTEST_* as bare names, close as an object", async () => {
  const { page, received } = await run(liveid({ scenario: "answered-completed", shape: "bare" }), { expect: 3 });
  assert.equal(received.length, 3);
  fromVendor(received);
  assert.equal(received[0].data, "WEBRTCTEST_OK");
  assert.equal(received[1].data, "WEBRTCTEST_CALLANSWERED");
  assert.equal(received[2].data.event, "close");
  assert.equal(received[2].data.message.closeStatus, "N");
  await page.close();
});

test("LiveID+ ?messageAsString=1: the closing event's message is itself a JSON string", async () => {
  for (const shape of ["object", "string"]) {
    const { page, received } = await run(
      liveid({ scenario: "answered-completed", shape, messageAsString: "1" }),
      { expect: 3 },
    );
    const close = asObject(received[2].data);
    assert.equal(typeof close.message, "string", shape);
    const message = JSON.parse(close.message);
    assert.equal(message.closeStatus, "N");
    assert.match(message.token, /^sim-liveid-token-/);
    await page.close();
  }
});

test("LiveID+ scenarios post the documented sequences", async () => {
  const cases = {
    "answered-suspended": ["WEBRTCTEST_OK", "WEBRTCTEST_CALLANSWERED", "close:S"],
    "answered-aborted": ["WEBRTCTEST_OK", "WEBRTCTEST_CALLANSWERED", "close:A"],
    "answered-terminated": ["WEBRTCTEST_OK", "WEBRTCTEST_CALLANSWERED", "close:K"],
    "answered-error": ["WEBRTCTEST_OK", "WEBRTCTEST_CALLANSWERED", "error:K"],
    ko: ["WEBRTCTEST_KO"],
    "not-answered-retry": ["WEBRTCTEST_OK", "WEBRTCTEST_CALLNOTANSWERED", "WEBRTCTEST_CALLANSWERED", "close:N"],
    "not-answered": ["WEBRTCTEST_OK", "WEBRTCTEST_CALLNOTANSWERED"],
    cancelled: ["WEBRTCTEST_OK", "WEBRTCTEST_CALLCANCELLED"],
  };
  for (const [scenario, want] of Object.entries(cases)) {
    const { page, received } = await run(liveid({ scenario }), { expect: want.length, settle: 100 });
    fromVendor(received);
    const ds = received.map((r) => asObject(r.data));
    assert.deepEqual(
      ds.map((d) => (d.message ? `${d.event}:${d.message.closeStatus}` : d.event)),
      want,
      scenario,
    );
    const last = ds.at(-1);
    if (scenario === "answered-aborted") assert.equal(last.message.abortCode, "DOC_NOT_READABLE");
    if (scenario === "answered-error") {
      assert.deepEqual(Object.keys(last.message), ["closeStatus", "note", "processId", "self"]);
      assert.equal(last.callID, "20240514-0912-7781");
    }
    if (scenario === "ko") assert.deepEqual(last, { event: "WEBRTCTEST_KO", type: 1, error: "NotAllowedError: Permission denied" });
    if (scenario === "not-answered") assert.equal(last.retry, false);
    if (scenario === "not-answered-retry") assert.equal(ds[1].retry, true);
    await page.close();
  }
});

test("LiveID+ flood count=2000 delivers all 2000 in order", async () => {
  const n = 2000;
  const { page, received, posted } = await run(liveid({ scenario: "flood", count: String(n) }), {
    expect: n,
    settle: 300,
  });
  assert.equal(posted, n);
  assert.equal(received.length, n);
  fromVendor(received);
  assert.deepEqual(received[0].data, { event: "WEBRTCTEST_OK" });
  for (let i = 1; i < n - 1; i += 1) {
    assert.deepEqual(received[i].data, { event: `progress-${i}`, index: i }, `message ${i}`);
  }
  assert.equal(received[n - 1].data.event, "close");
  assert.equal(received[n - 1].data.message.closeStatus, "N");
  await page.close();
});

test("LiveID+ manual: the buttons post the chosen events", async () => {
  const { page, frame } = await run(liveid({ scenario: "manual" }), { state: "manual", settle: 0 });
  for (const name of ["Test passed", "Operator answered", "Aborted (A)"]) {
    await frame.getByRole("button", { name }).click();
  }
  await page.waitForFunction(() => window.__received.length >= 3);
  await page.waitForTimeout(100);
  const received = await page.evaluate(() => window.__received);
  fromVendor(received);
  assert.deepEqual(
    received.map((r) => r.data.event + (r.data.message ? `:${r.data.message.closeStatus}` : "")),
    ["WEBRTCTEST_OK", "WEBRTCTEST_CALLANSWERED", "close:A"],
  );
  await page.close();
});

// ---- addressing: never "*" ----------------------------------------------------------------------

test("without ?parent= the simulators address document.referrer's origin", async () => {
  const a = await run(simUrl("jumio", { scenario: "success", delay: "0" }, null), { expect: 2 });
  assert.equal(a.received.length, 2);
  fromVendor(a.received);
  await a.page.close();
  const b = await run(liveid({ scenario: "cancelled" }, null), { expect: 2 });
  assert.equal(b.received.length, 2);
  fromVendor(b.received);
  await b.page.close();
});

test("the simulators never post to '*': addressed to another origin, nothing reaches the host", async () => {
  const elsewhere = hostile.origin; // a live origin, but not the host's
  const urls = [
    simUrl("jumio", { scenario: "success", delay: "0" }, elsewhere),
    simUrl("jumio", { scenario: "error-9820", delay: "0" }, elsewhere),
    simUrl("jumio", { scenario: "flood", count: "50" }, elsewhere),
    liveid({ scenario: "answered-completed" }, elsewhere),
    liveid({ scenario: "answered-completed", shape: "bare" }, elsewhere),
    liveid({ scenario: "flood", count: "50" }, elsewhere),
  ];
  for (const url of urls) {
    const { page, received, posted } = await run(url, { settle: 300 });
    assert.ok(posted >= 2, `the simulator did post (${posted}): ${url}`);
    assert.deepEqual(received, [], url);
    await page.close();
  }
});

test("an unusable ?parent= ('*', '/', 'null', javascript:) posts nothing", async () => {
  for (const parent of ["*", "/", "null", "javascript:alert(1)"]) {
    for (const path of ["jumio", "liveid"]) {
      const { page, received, posted, frame } = await run(
        simUrl(path, { scenario: path === "jumio" ? "success" : "answered-completed", delay: "0" }, parent),
        { state: "no-parent", settle: 200 },
      );
      assert.equal(posted, 0);
      assert.deepEqual(received, [], `${path} ?parent=${parent}`);
      assert.match(await frame.getByRole("status").textContent(), /Not sending events/);
      await page.close();
    }
  }
});

test("the simulator sources post only through the one helper, addressed to the parent origin", () => {
  const sources = ["common.js", "jumio/jumio.js", "liveid/liveid.js", "jumio/index.html", "liveid/index.html"]
    .map((p) => readFileSync(join(SIMS, p), "utf8"));
  const calls = sources.join("\n").match(/postMessage\([^)]*\)/g) ?? [];
  assert.deepEqual(calls, ["postMessage(data, target.origin)"]);
});

// ---- hostile third origin ------------------------------------------------------------------------

test("the hostile page (third origin) posts vendor look-alikes to '*' on load", async () => {
  const { page, received } = await run(`${hostile.origin}/hostile/`, { expect: 7 });
  assert.equal(received.length, 7);
  for (const r of received) {
    assert.equal(r.origin, hostile.origin);
    assert.notEqual(r.origin, vendor.origin);
  }
  const jumio = received.filter((r) => typeof r.data === "string" && r.data.startsWith("{\"accountId\""));
  assert.deepEqual(jumio.map((r) => JSON.parse(r.data).payload.value), ["loaded", "success", "error"]);
  const closes = received.map((r) => asObject(r.data)).filter((d) => d.event === "close");
  assert.equal(closes.length, 2);
  for (const c of closes) assert.equal(c.message.closeStatus, "N");
  await page.close();
});

// ---- camera through the iframe `allow` attribute -------------------------------------------------

async function framed(url, allow) {
  mediaBrowser ??= await launch(); // fake camera and microphone, permission prompts auto-accepted
  const page = await mediaBrowser.newPage();
  await page.goto(`${host.origin}/host.html`);
  await page.evaluate(
    ({ url, allow }) => {
      const f = document.createElement("iframe");
      f.title = "Vendor with camera";
      if (allow) f.allow = allow;
      f.src = url;
      document.body.append(f);
    },
    { url, allow },
  );
  await page.waitForLoadState("load");
  let frame;
  for (let i = 0; i < 100 && !frame; i += 1) {
    frame = page.frames().find((f) => f.url().startsWith(vendor.origin));
    if (!frame) await page.waitForTimeout(100);
  }
  assert.ok(frame, "camera frame present");
  // Settled when the camera (and, when requested, the microphone) is no longer "pending".
  await frame.waitForFunction(
    () => {
      const d = document.body.dataset;
      return d.camera && d.camera !== "pending" && d.microphone !== "pending";
    },
    null,
    { timeout: 10_000 },
  );
  const media = await frame.evaluate(() => ({ ...document.body.dataset }));
  return { page, frame, media };
}

test("?camera=1: the frame gets the camera only through the iframe allow attribute", async () => {
  const jumioUrl = simUrl("jumio", { scenario: "success", camera: "1", delay: "0" });
  const granted = await framed(jumioUrl, "camera");
  assert.equal(granted.media.camera, "ok");
  const size = await granted.frame.evaluate(async () => {
    const v = document.getElementById("preview");
    for (let i = 0; i < 50 && !v.videoWidth; i += 1) await new Promise((r) => setTimeout(r, 100));
    return [v.videoWidth, v.videoHeight, v.hidden];
  });
  assert.deepEqual(size, [640, 480, false]);
  // The protocol stays Jumio's: the camera adds no message.
  await granted.page.waitForFunction(() => window.__received.length >= 2);
  await granted.page.waitForTimeout(200);
  assert.equal((await granted.page.evaluate(() => window.__received)).length, 2);
  await granted.page.close();

  const denied = await framed(jumioUrl, null);
  assert.equal(denied.media.camera, "NotAllowedError");
  await denied.page.close();

  const liveUrl = liveid({ scenario: "cancelled", camera: "1" });
  const both = await framed(liveUrl, "geolocation; camera; microphone");
  assert.equal(both.media.camera, "ok");
  assert.equal(both.media.microphone, "ok");
  await both.page.close();
  const cameraOnly = await framed(liveUrl, "camera");
  assert.equal(cameraOnly.media.camera, "ok");
  assert.equal(cameraOnly.media.microphone, "NotAllowedError");
  await cameraOnly.page.close();
});
