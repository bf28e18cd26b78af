// One event stream in Chromium: only the registered simulator frame's messages become events,
// in order, exactly once; look-alikes from a third origin and from the page itself do not.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./lib/browser.mjs";
import { startOrigins } from "./lib/servers.mjs";

let origins, browser;

before(async () => {
  origins = await startOrigins();
  browser = await launch({ fakeMedia: false });
});
after(async () => {
  await browser?.close();
  await origins?.close();
});

async function openStream(context, options) {
  const page = await context.newPage();
  await page.goto(origins.streamPage(options));
  await page.waitForFunction(() => window.__ready === true);
  return page;
}

const brief = (e) => ({ seq: e.seq, vendor: e.vendor, type: e.type, terminal: e.terminal, step: e.step, code: e.code });

test("Jumio success: loaded then completed; hostile and self-posted look-alikes are not events", async () => {
  const context = await browser.newContext();
  const page = await openStream(context, { vendor: "jumio", scenario: "success" });
  await page.waitForFunction(() => window.__events.some((e) => e.terminal));
  // Let the hostile frame finish posting, then make sure nothing else arrived.
  await page.frameLocator("#hostile").locator("body").waitFor();
  await page.waitForTimeout(300);
  const events = await page.evaluate(() => window.__events);
  assert.deepEqual(events.map(brief), [
    { seq: 1, vendor: "jumio", type: "loaded", terminal: false, step: undefined, code: undefined },
    { seq: 2, vendor: "jumio", type: "completed", terminal: true, step: undefined, code: undefined },
  ]);
  for (const e of events) {
    assert.match(e.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(e.raw.authorizationToken, "[redacted]", "the token is redacted in raw");
    assert.ok(e.sessionId, "workflowExecutionId becomes sessionId");
  }
  const diagnostics = await page.evaluate(() => window.__stream.diagnostics());
  assert.equal(diagnostics.accepted, 2);
  assert.ok(diagnostics.rejectedSource >= 2, `hostile + self posts counted: ${JSON.stringify(diagnostics)}`);
  assert.equal(diagnostics.rejectedOrigin, 0);
  await context.close();
});

test("Jumio error 9820: failed, terminal, with the code and its meaning", async () => {
  const context = await browser.newContext();
  const page = await openStream(context, { vendor: "jumio", scenario: "error-9820", hostilePage: false });
  await page.waitForFunction(() => window.__events.some((e) => e.terminal));
  const events = await page.evaluate(() => window.__events);
  assert.deepEqual(events.map((e) => [e.type, e.code ?? null]), [["loaded", null], ["failed", "9820"]]);
  assert.match(events[1].message, /camera/i);
  await context.close();
});

for (const shape of ["object", "string", "bare"]) {
  test(`LiveID+ answered and completed (${shape} messages)`, async () => {
    const context = await browser.newContext();
    const page = await openStream(context, {
      vendor: "liveid",
      scenario: "answered-completed",
      extra: `&shape=${shape}`,
      hostilePage: false,
    });
    await page.waitForFunction(() => window.__events.some((e) => e.terminal));
    const events = await page.evaluate(() => window.__events);
    assert.deepEqual(
      events.map((e) => [e.type, e.step ?? null, e.code ?? null, e.terminal]),
      [
        ["progress", "deviceCheckPassed", null, false],
        ["progress", "operatorAnswered", null, false],
        ["completed", null, "N", true],
      ],
    );
    assert.equal(events[2].raw.message.token, "[redacted]");
    assert.ok(events[2].sessionId, "callID becomes sessionId");
    assert.ok(!JSON.stringify(events).includes("sim-liveid-token"), "the LiveID+ token never reaches subscribers");
    await context.close();
  });
}

test("LiveID+ not answered with retry, then answered: progress, not terminal, then completed", async () => {
  const context = await browser.newContext();
  const page = await openStream(context, { vendor: "liveid", scenario: "not-answered-retry", hostilePage: false });
  await page.waitForFunction(() => window.__events.some((e) => e.terminal));
  const events = await page.evaluate(() => window.__events);
  assert.deepEqual(
    events.map((e) => [e.type, e.step ?? null, e.terminal]),
    [
      ["progress", "deviceCheckPassed", false],
      ["progress", "operatorNotAnswered", false],
      ["progress", "operatorAnswered", false],
      ["completed", null, true],
    ],
  );
  await context.close();
});

test("a flood of 10 000 simulator messages loses none and keeps order", async (t) => {
  const context = await browser.newContext();
  const count = 10_000;
  const page = await openStream(context, {
    vendor: "jumio",
    scenario: "flood",
    extra: `&count=${count}`,
    hostilePage: false,
    selfpost: false,
  });
  // Responsiveness while the flood is delivered: the largest gap between animation frames.
  await page.evaluate(() => {
    window.__maxGap = 0;
    let last = performance.now();
    const tick = (now) => {
      window.__maxGap = Math.max(window.__maxGap, now - last);
      last = now;
      if (!window.__events.some((e) => e.terminal)) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const started = Date.now();
  await page.waitForFunction(() => window.__events.some((e) => e.terminal), null, { timeout: 60_000 });
  const probe = Date.now();
  await page.evaluate(() => 1);
  const result = await page.evaluate(() => ({
    n: window.__events.length,
    seqs: window.__events.every((e, i) => e.seq === i + 1),
    refs: window.__events.slice(1, -1).map((e) => Number(e.raw.customerInternalReference)),
    first: window.__events[0].type,
    last: window.__events.at(-1).type,
    ms: window.__lastAt - window.__firstAt,
    maxGap: window.__maxGap,
    diagnostics: window.__stream.diagnostics(),
  }));
  assert.equal(result.n, count);
  assert.equal(result.seqs, true, "seq is 1..N without gaps");
  assert.equal(result.first, "loaded");
  assert.equal(result.last, "completed");
  assert.deepEqual(result.refs, Array.from({ length: count - 2 }, (_, i) => i + 1), "every message, in order, once");
  assert.equal(result.diagnostics.accepted, count);
  t.diagnostic(
    `flood: ${count} messages delivered in ${result.ms.toFixed(0)} ms ` +
      `(${((result.ms * 1000) / count).toFixed(1)} µs/message), largest frame gap ${result.maxGap.toFixed(0)} ms, ` +
      `page answered ${Date.now() - probe} ms after the flood; wall ${probe - started} ms`,
  );
  await context.close();
});

test("a reload in the same tab keeps the history and seq continues", async () => {
  const context = await browser.newContext();
  const page = await openStream(context, { vendor: "jumio", scenario: "success", hostilePage: false, stream: "reload" });
  await page.waitForFunction(() => window.__events.filter((e) => e.terminal).length === 1);
  const before = await page.evaluate(() => window.__events);
  await page.reload();
  await page.waitForFunction(() => window.__ready === true);
  // The simulator runs again after the reload: 2 restored + 2 new events.
  await page.waitForFunction(() => window.__events.length === 4);
  const after = await page.evaluate(() => window.__events);
  assert.deepEqual(after.slice(0, 2), before, "restored events are exactly the ones delivered before");
  assert.deepEqual(after.map((e) => e.seq), [1, 2, 3, 4]);
  const stored = await page.evaluate(() => sessionStorage.getItem("idv-capture:stream:reload"));
  assert.ok(!stored.includes("sim-token"), "no secret is written to sessionStorage");
  await context.close();
});

for (const [host, install] of [
  ["android", () => { window.idvCapture = { postMessage: (json) => (window.__native ??= []).push(json) }; }],
  ["reactNative", () => { window.ReactNativeWebView = { postMessage: (json) => (window.__native ??= []).push(json) }; }],
]) {
  test(`events reach a ${host} native host as JSON strings`, async () => {
    const context = await browser.newContext();
    await context.addInitScript(install);
    const page = await openStream(context, { vendor: "jumio", scenario: "success", hostilePage: false, selfpost: false });
    await page.waitForFunction(() => window.__events.some((e) => e.terminal));
    const { native, events, kind } = await page.evaluate(() => ({
      native: window.__native,
      events: window.__events,
      kind: window.__stream.nativeHost(),
    }));
    assert.equal(kind, host);
    assert.ok(native.every((m) => typeof m === "string"));
    assert.deepEqual(native.map((m) => JSON.parse(m)), events);
    await context.close();
  });
}

test("an iframe named like the bridge is not mistaken for a native host", async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    if (window.top !== window) return; // init scripts run in every frame, the decoy's included
    document.addEventListener("DOMContentLoaded", () => {
      const decoy = document.createElement("iframe");
      decoy.name = "idvCapture";
      document.body.append(decoy);
    });
  });
  const page = await openStream(context, { vendor: "jumio", scenario: "success", hostilePage: false, selfpost: false });
  await page.waitForFunction(() => window.__events.some((e) => e.terminal));
  assert.equal(await page.evaluate(() => typeof window.idvCapture), "object");
  assert.equal(await page.evaluate(() => window.__stream.nativeHost()), null);
  await context.close();
});
