// Vendor frames: exact permissions, adoption, the embedding doctor, the load watchdog, teardown,
// the capability probe and return pages — with the simulators on their own origins and the fake
// camera.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./lib/browser.mjs";
import { startOrigins } from "./lib/servers.mjs";
import { startStatic } from "../server/static.mjs";
import { join } from "node:path";
import { ROOT } from "./lib/browser.mjs";

let origins, refusing, portal, browser;

before(async () => {
  origins = await startOrigins();
  // The same simulators on an origin that refuses to be framed.
  refusing = await startStatic({
    root: join(ROOT, "tests", "simulators"),
    headers: () => ({ "x-frame-options": "DENY" }),
  });
  portal = await startStatic({ root: join(ROOT, "tests", "pages") });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await origins?.close();
  await refusing?.close();
  await portal?.close();
});

function simulator(origin, vendor, query) {
  return `${origin}/${vendor}/index.html?${query}&parent=${encodeURIComponent(origins.host.origin)}`;
}

function embedPage(params) {
  return `${origins.host.origin}/tests/pages/embed.html?${new URLSearchParams(params)}`;
}

async function open(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__ready === true);
  return { context, page };
}

/** The frame (at any depth) whose URL starts with `prefix`, once it has navigated there. */
async function waitForFrame(page, prefix) {
  for (let i = 0; i < 200; i++) {
    const frame = page.frames().find((f) => f.url().startsWith(prefix));
    if (frame) return frame;
    await page.waitForTimeout(25);
  }
  throw new Error(`no frame at ${prefix}`);
}

const diagnostics = (events, check) => events.filter((e) => e.type === "diagnostic" && e.check === check);

test("created frames carry exactly the policy's attributes", async () => {
  const cases = [
    ["jumio", "biometric", "camera;fullscreen;accelerometer;gyroscope;magnetometer", true, "Jumio identity verification"],
    ["jumio", "idCapture", "camera", false, "Jumio identity verification"],
    [
      "jumio",
      "full",
      "camera;autoplay;fullscreen;clipboard-read;clipboard-write;accelerometer;gyroscope;magnetometer",
      true,
      "Jumio identity verification",
    ],
    ["liveid", "embedded", "geolocation; camera; microphone", false, "Namirial LiveID+ video identification"],
  ];
  for (const [vendor, mode, allow, fullscreen, title] of cases) {
    const url = simulator(origins.vendor.origin, vendor, "scenario=manual");
    const { context, page } = await open(embedPage({ how: "embed", vendor, url, mode }));
    const attrs = await page.evaluate(() => {
      const f = window.__frame.iframe;
      return Object.fromEntries([...f.attributes].map((a) => [a.name, a.value]));
    });
    assert.equal(attrs.allow, allow, `${vendor}/${mode}`);
    assert.equal("allowfullscreen" in attrs, fullscreen, `${vendor}/${mode} allowfullscreen`);
    assert.equal(attrs.src, url);
    assert.equal(attrs.title, title);
    assert.equal(attrs.referrerpolicy, "strict-origin-when-cross-origin");
    assert.equal(attrs.loading, "eager");
    assert.equal("sandbox" in attrs, false, "no sandbox unless asked for");
    const policy = await page.evaluate(() => window.__frame.policy);
    assert.equal(policy.allow, allow);
    await context.close();
  }
});

test("a frame embedded with the policy gets the fake camera and its events flow", async () => {
  const url = simulator(origins.vendor.origin, "jumio", "scenario=success&camera=1&delay=1500");
  const { context, page } = await open(embedPage({ how: "embed", vendor: "jumio", url, mode: "idCapture" }));
  const frame = await waitForFrame(page, origins.vendor.origin);
  await frame.waitForSelector("body[data-camera]:not([data-camera=pending])");
  assert.equal(await frame.getAttribute("body", "data-camera"), "ok");
  const width = await frame.evaluate(() => document.querySelector("video")?.videoWidth ?? 0);
  assert.equal(width, 640, "the vendor frame reads frames from the fake camera");
  await page.waitForFunction(() => window.__events.some((e) => e.terminal));
  const events = await page.evaluate(() => window.__events);
  assert.deepEqual(events.filter((e) => e.type !== "diagnostic").map((e) => e.type), ["loaded", "completed"]);
  const summary = diagnostics(events, "embedPageChecks");
  assert.equal(summary.length, 1);
  assert.equal(summary[0].passed, true, JSON.stringify(summary[0]));
  assert.equal(diagnostics(events, "frameLoaded").length, 0, "a frame that spoke is not reported");
  await context.close();
});

test("an adopted iframe without camera is reported, not fixed, and the vendor is refused the camera", async () => {
  const url = simulator(origins.vendor.origin, "jumio", "scenario=manual&camera=1");
  const { context, page } = await open(embedPage({ how: "adopt", vendor: "jumio", url, mode: "idCapture", allow: "" }));
  const frame = await waitForFrame(page, origins.vendor.origin);
  await frame.waitForSelector("body[data-camera]:not([data-camera=pending])");
  assert.equal(await frame.getAttribute("body", "data-camera"), "NotAllowedError");
  const events = await page.evaluate(() => window.__events);
  const [camera] = diagnostics(events, "iframeAllowCamera");
  assert.ok(camera, JSON.stringify(events));
  assert.equal(camera.passed, false);
  assert.equal(camera.severity, "error");
  assert.match(camera.hint, /allow="camera"/);
  assert.equal(await page.evaluate(() => document.getElementById("adopted").getAttribute("allow")), null, "not silently fixed");
  await context.close();
});

test("an adopted biometric iframe with camera only lists every missing feature", async () => {
  const url = simulator(origins.vendor.origin, "jumio", "scenario=manual");
  const { context, page } = await open(embedPage({ how: "adopt", vendor: "jumio", url, mode: "biometric", allow: "camera" }));
  const events = await page.evaluate(() => window.__events);
  const failed = events.filter((e) => e.type === "diagnostic" && e.passed === false).map((e) => e.check).sort();
  assert.deepEqual(failed, [
    "iframeAllowAccelerometer",
    "iframeAllowFullscreen",
    "iframeAllowGyroscope",
    "iframeAllowMagnetometer",
    "iframeAllowfullscreen",
  ]);
  await context.close();
});

test("a page framed without allow (nested) is reported by the doctor and the probe", async () => {
  const url = simulator(origins.vendor.origin, "jumio", "scenario=manual&camera=1");
  const inner = embedPage({ how: "embed", vendor: "jumio", url, mode: "idCapture", timeout: 0 });
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${portal.origin}/portal.html?inner=${encodeURIComponent(inner)}`);
  const frame = await waitForFrame(page, origins.host.origin);
  await frame.waitForFunction(() => window.__events?.some((e) => e.check === "embedPageChecks"));
  const events = await frame.evaluate(() => window.__events);
  const [finding] = diagnostics(events, "pagePolicyCamera");
  assert.ok(finding, JSON.stringify(events));
  assert.equal(finding.passed, false);
  assert.match(finding.detail, /inside a frame that does not grant `camera`/);
  assert.match(finding.hint, /every iframe from the top page down/);
  const vendor = await waitForFrame(page, origins.vendor.origin);
  await vendor.waitForSelector("body[data-camera]:not([data-camera=pending])");
  assert.equal(await vendor.getAttribute("body", "data-camera"), "NotAllowedError", "the nested vendor really has no camera");
  const report = await frame.evaluate(() => window.__stream.probeCapabilities());
  assert.equal(report.capabilities.inIframe, true);
  assert.equal(report.capabilities.cameraAllowedByPolicy, false);
  assert.equal(report.recommendation.mode, "newTab");
  assert.ok(report.recommendation.reasons.includes("policyBlocksCamera"));
  await context.close();
});

test("a vendor page that refuses framing (X-Frame-Options: DENY) is reported within the timeout", async () => {
  const url = simulator(refusing.origin, "jumio", "scenario=success");
  const { context, page } = await open(embedPage({ how: "embed", vendor: "jumio", url, mode: "idCapture", timeout: 1500 }));
  const started = Date.now();
  await page.waitForFunction(() => window.__events.some((e) => e.check === "frameLoaded"), null, { timeout: 10_000 });
  const elapsed = Date.now() - started;
  const [finding] = diagnostics(await page.evaluate(() => window.__events), "frameLoaded");
  assert.equal(finding.passed, false);
  assert.match(finding.detail, /X-Frame-Options/);
  assert.ok(elapsed < 5_000, `reported after ${elapsed} ms`);
  await context.close();
});

test("teardown removes the frame and the page's message listener", async () => {
  const url = simulator(origins.vendor.origin, "jumio", "scenario=manual");
  const { context, page } = await open(embedPage({ how: "embed", vendor: "jumio", url, mode: "idCapture" }));
  const before = await page.evaluate(() => ({
    listening: window.__stream.listening,
    frames: document.querySelectorAll("iframe").length,
  }));
  assert.deepEqual(before, { listening: true, frames: 1 });
  const after = await page.evaluate(async () => {
    const iframe = window.__frame.iframe;
    window.__frame.remove();
    window.__frame.remove(); // idempotent
    const counted = window.__stream.diagnostics().rejectedSource;
    window.postMessage("noise", location.origin);
    await new Promise((r) => setTimeout(r, 100));
    return {
      listening: window.__stream.listening,
      frames: document.querySelectorAll("iframe").length,
      connected: iframe.isConnected,
      iframe: window.__frame.iframe,
      counted: window.__stream.diagnostics().rejectedSource - counted,
    };
  });
  assert.deepEqual(after, { listening: false, frames: 0, connected: false, iframe: undefined, counted: 0 });
  await context.close();
});

test("the capability probe reports this browser without prompting", async () => {
  const { context, page } = await open(embedPage({}));
  const report = await page.evaluate(() => window.__stream.probeCapabilities());
  const c = report.capabilities;
  assert.deepEqual(
    [c.secureContext, c.mediaDevices, c.hasCamera, c.hasMicrophone, c.wasmSimd, c.videoFrame, c.inIframe, c.webview],
    [true, true, true, true, true, true, false, "none"],
  );
  assert.equal(c.cameraAllowedByPolicy, true);
  assert.equal(report.recommendation.mode, "iframe");
  const events = await page.evaluate(() => window.__events);
  assert.equal(diagnostics(events, "capabilities").length, 1);
  await context.close();
});

test("a return page pushes its result once, also across a reload", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const url = `${origins.host.origin}/tests/pages/embed.html?ret=1&name=ret&workflowExecutionId=w-9&acquisitionStatus=ERROR&errorCode=9210`;
  await page.goto(url);
  await page.waitForFunction(() => window.__ready === true);
  const first = await page.evaluate(() => window.__returned);
  assert.deepEqual([first.seq, first.vendor, first.type, first.code, first.terminal], [1, "jumio", "failed", "9210", true]);
  await page.evaluate(() => window.__stream.persist());
  await page.reload();
  await page.waitForFunction(() => window.__ready === true);
  const again = await page.evaluate(() => ({ returned: window.__returned, events: window.__events }));
  assert.equal(again.returned, null, "not pushed twice");
  assert.deepEqual(again.events.map((e) => [e.seq, e.type]), [[1, "failed"]]);
  await context.close();
});

for (const buffered of [true, false]) {
  test(`messages a server-rendered frame posts before the module loads are ${buffered ? "kept (web/early.js)" : "lost without web/early.js"}`, async () => {
    const url = simulator(origins.vendor.origin, "jumio", "scenario=success&delay=50");
    const params = new URLSearchParams({ url, late: "1500", buffer: buffered ? "1" : "0" });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origins.host.origin}/tests/pages/early.html?${params}`);
    await page.waitForFunction(() => window.__ready === true, null, { timeout: 10_000 });
    await page.waitForTimeout(200);
    const events = await page.evaluate(() => window.__events.filter((e) => e.type !== "diagnostic"));
    if (buffered) {
      assert.deepEqual(events.map((e) => [e.seq, e.type]), [[1, "loaded"], [2, "completed"]]);
      assert.equal(await page.evaluate(() => window.__stream.diagnostics().accepted), 2);
      assert.deepEqual(await page.evaluate(() => window.__idvEarly.messages.length), 0, "taken from the buffer");
    } else {
      assert.deepEqual(events, [], "the browser delivered them before anyone listened");
    }
    await context.close();
  });
}

test("a camera the user already blocked for this site is reported at embed time", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // The state Chromium keeps after the user clicked "Block" (no prompt involved), in this
  // page's own browser context.
  const { targetInfo } = await cdp.send("Target.getTargetInfo");
  await cdp.send("Browser.setPermission", {
    permission: { name: "camera" },
    setting: "denied",
    origin: origins.host.origin,
    browserContextId: targetInfo.browserContextId,
  });
  const url = simulator(origins.vendor.origin, "jumio", "scenario=manual");
  await page.goto(embedPage({ how: "embed", vendor: "jumio", url, mode: "idCapture" }));
  await page.waitForFunction(() => window.__events?.some((e) => e.check === "embedPageChecks"));
  const events = await page.evaluate(() => window.__events);
  const [denied] = diagnostics(events, "cameraPermission");
  assert.ok(denied, JSON.stringify(events));
  assert.equal(denied.passed, false);
  assert.match(denied.hint, /site settings/);
  const report = await page.evaluate(() => window.__stream.probeCapabilities());
  assert.equal(report.capabilities.cameraPermission, "denied");
  assert.equal(report.recommendation.mode, "newTab");
  await context.close();
});

test("openInNewTab opens the vendor without an opener; bad URLs and redirects are checked", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(embedPage({}));
  await page.evaluate(() => {
    const button = document.createElement("button");
    button.id = "go";
    button.textContent = "Continue in a new tab";
    button.onclick = async () => {
      const { openInNewTab } = await import("/web/index.js");
      openInNewTab(window.__target);
    };
    document.body.append(button);
  });
  const target = simulator(origins.vendor.origin, "jumio", "scenario=manual");
  await page.evaluate((t) => (window.__target = t), target);
  const [popup] = await Promise.all([page.waitForEvent("popup"), page.click("#go")]);
  await popup.waitForLoadState();
  assert.equal(popup.url(), target);
  assert.equal(await popup.evaluate(() => window.opener), null, "the vendor tab gets no handle to the page");
  const errors = await page.evaluate(async () => {
    const { openInNewTab, redirectTo } = await import("/web/index.js");
    const out = [];
    for (const [fn, url] of [[openInNewTab, "http://vendor.example.com/"], [redirectTo, "javascript:alert(1)"], [redirectTo, "not a url"]]) {
      try {
        fn(url);
        out.push("no error");
      } catch (e) {
        out.push(e.message);
      }
    }
    return out;
  });
  for (const message of errors) assert.match(message, /not an https URL/);
  // The redirect destroys this page's context, so the evaluate must return before it happens:
  // it starts the import and returns at once; the navigation is awaited separately.
  await Promise.all([
    page.waitForURL(target),
    page.evaluate((t) => {
      import("/web/index.js").then(({ redirectTo }) => redirectTo(t));
    }, target),
  ]);
  await context.close();
});
