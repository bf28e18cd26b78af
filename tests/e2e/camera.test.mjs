// The camera, microphone, preflight and frame source as imported from the npm package, in
// headless Chromium: with the fake devices (recording + tone), with permission prompts left
// unanswered (denied), and with no device at all.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, FIXTURES, ROOT } from "./lib/browser.mjs";
import { startStatic } from "../server/static.mjs";

const labels = JSON.parse(readFileSync(join(FIXTURES, "labels.json"), "utf8"));
let server;

before(async () => {
  server = await startStatic({ root: ROOT });
});
after(async () => {
  await server?.close();
});

async function openPage(browser) {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/tests/pages/camera.html`);
  await page.waitForFunction(() => window.__loaded === true);
  return page;
}

/** Opens camera and microphone with every failure captured as `{ error, events }`. */
function tryDevices(page) {
  return page.evaluate(async () => {
    const { Camera, MicrophoneMeter, createEventStream } = window.idv;
    const stream = createEventStream({ name: `devices-${Math.random()}`, persist: false });
    const camera = new Camera();
    camera.attach(stream);
    const describe = (e) => ({ name: e.name, code: e.code, device: e.device, constraint: e.constraint ?? null, isError: e instanceof Error });
    let cameraError = null;
    try {
      await camera.open({ width: 640, height: 480 });
    } catch (e) {
      cameraError = describe(e);
    }
    const meter = new MicrophoneMeter();
    meter.attach(stream);
    let microphoneError = null;
    try {
      await meter.open();
    } catch (e) {
      microphoneError = describe(e);
    }
    const report = await camera.preflight({ cameraMs: 300, microphoneMs: 300 });
    return { cameraError, microphoneError, live: camera.live, events: stream.history(), report };
  });
}

describe("with permission prompts unanswered (denied)", () => {
  let browser, page;
  before(async () => {
    browser = await launch({ autoGrant: false });
    page = await openPage(browser);
  });
  after(async () => browser?.close());

  test("camera and microphone reject with notAllowed and report deviceError events", async () => {
    const r = await tryDevices(page);
    assert.deepEqual(r.cameraError, { name: "CameraError", code: "notAllowed", device: "camera", constraint: null, isError: true });
    assert.deepEqual(r.microphoneError, { name: "CameraError", code: "notAllowed", device: "microphone", constraint: null, isError: true });
    assert.equal(r.live, false);
    const errors = r.events.filter((e) => e.type === "deviceError");
    assert.deepEqual(errors.map((e) => [e.vendor, e.device, e.error]), [["capture", "camera", "notAllowed"], ["capture", "microphone", "notAllowed"]]);
    assert.match(errors[0].message, /site settings/);
    assert.ok(r.events.every((e) => e.type !== "cameraStarted"));
  });

  test("the preflight fails on the refused devices and reports every check", async () => {
    const { report, events } = await tryDevices(page);
    assert.equal(report.passed, false);
    // Chromium turns the unanswered prompt of the first test into "denied" for the page.
    assert.ok(["prompt", "denied"].includes(report.cameraPermission), report.cameraPermission);
    const permission = report.checks.find((c) => c.check === "permissionCamera");
    assert.equal(permission.passed, report.cameraPermission !== "denied");
    if (!permission.passed) assert.match(permission.hint, /site settings/);
    const open = report.checks.find((c) => c.check === "preflightCameraOpen");
    assert.equal(open.passed, false);
    assert.match(open.detail, /refused/);
    assert.equal(report.checks.find((c) => c.check === "preflightMicrophoneOpen").passed, false);
    const diagnostics = events.filter((e) => e.type === "diagnostic").map((e) => e.check);
    assert.deepEqual(diagnostics, report.checks.map((c) => c.check));
  });
});

describe("with no camera or microphone at all", () => {
  let browser, page;
  before(async () => {
    browser = await launch({ fakeMedia: false });
    page = await openPage(browser);
  });
  after(async () => browser?.close());

  test("camera and microphone reject with notFound and report deviceError events", async () => {
    const r = await tryDevices(page);
    assert.equal(r.cameraError.code, "notFound");
    assert.equal(r.microphoneError.code, "notFound");
    const errors = r.events.filter((e) => e.type === "deviceError").map((e) => [e.device, e.error]);
    assert.deepEqual(errors, [["camera", "notFound"], ["microphone", "notFound"]]);
    const devices = await page.evaluate(() => window.idv.Camera.listCameras());
    assert.deepEqual(devices, []);
  });
});

describe("with the fake camera and microphone", () => {
  let browser, page;
  before(async () => {
    browser = await launch();
    page = await openPage(browser);
  });
  after(async () => browser?.close());

  test("overconstrained requests reject with the constraint the browser named", async () => {
    const r = await page.evaluate(async () => {
      const { Camera, createEventStream } = window.idv;
      const stream = createEventStream({ name: "overconstrained", persist: false });
      const camera = new Camera();
      camera.attach(stream);
      const codes = [];
      for (const options of [{ deviceId: "nope" }, { width: 10000, height: 10000, exact: true, fallback: false }]) {
        try {
          await camera.open(options);
          codes.push("opened");
        } catch (e) {
          codes.push([e.code, e.constraint]);
        }
      }
      let typeError = null;
      try {
        camera.open({ facingMode: "sideways" });
      } catch (e) {
        typeError = e.message;
      }
      return { codes, events: stream.history().map((e) => [e.type, e.error, e.constraint]), typeError };
    });
    assert.deepEqual(r.codes, [["overconstrained", "deviceId"], ["overconstrained", "width"]]);
    assert.deepEqual(r.events, [["deviceError", "overconstrained", "deviceId"], ["deviceError", "overconstrained", "width"]]);
    assert.match(r.typeError, /facingMode/);
  });

  test("exact size falls back to 640x480 and remembers it", async () => {
    const r = await page.evaluate(async () => {
      const { Camera } = window.idv;
      Camera.forgetSizes();
      const camera = new Camera();
      const first = await camera.open({ width: 4000, height: 3000, exact: true });
      const second = await camera.open({ width: 4000, height: 3000, exact: true });
      camera.stop();
      return { first: first.attempts, second: second.attempts, settings: first.settings };
    });
    assert.deepEqual(r.first.map((a) => [a.size && `${a.size.width}x${a.size.height}`, a.ok]), [
      ["4000x3000", false], ["1920x1080", false], ["1280x720", false], ["640x480", true],
    ]);
    assert.deepEqual(r.second.map((a) => [a.size && `${a.size.width}x${a.size.height}`, a.ok]), [["640x480", true]]);
    assert.deepEqual([r.settings.width, r.settings.height, r.settings.frameRate], [640, 480, 30]);
  });

  test("frames of the recording reach a FrameSource callback; switching and stop leave no live track", async () => {
    const r = await page.evaluate(async (layout) => {
      const { Camera, FrameSource, createEventStream } = window.idv;
      const stream = createEventStream({ name: "frames", persist: false });
      const camera = new Camera();
      camera.attach(stream);
      const info = await camera.open({ width: 640, height: 480 });
      const video = document.getElementById("preview");
      video.srcObject = camera.mediaStream;
      camera.applyMirror(video);
      const mirror = video.style.transform;
      await video.play();
      const source = new FrameSource(video, { path: "videoFrame", pixels: "luma" });
      const frames = [];
      let stop;
      await new Promise((done) => {
        stop = source.start((frame) => {
          frames.push({ seq: frame.seq, ts: frame.timestampUs, format: frame.format, range: frame.range, size: frame.data.length, stride: frame.stride, ...window.readBand(frame, layout) });
          if (frames.length === 10) done();
        });
      });
      stop();
      await new Promise((r) => setTimeout(r, 200));
      const afterStop = frames.length;
      const grabbed = await source.grab({ pixels: false });
      const stats = source.stats();
      source.free();

      const oldTracks = camera.mediaStream.getTracks();
      await camera.switchTo("next");
      const oldEnded = oldTracks.every((t) => t.readyState === "ended");
      const newTracks = camera.mediaStream.getTracks();
      camera.stop();
      return {
        info, mirror, frames, afterStop, grabbed, stats, oldEnded,
        newLiveBeforeStop: newTracks.length, newEnded: newTracks.every((t) => t.readyState === "ended"),
        events: stream.history().map((e) => [e.type, e.reason ?? e.width ?? null]),
      };
    }, labels.layout);
    assert.equal(r.info.mirrored, true);
    assert.equal(r.mirror, "scaleX(-1)");
    assert.deepEqual(r.frames.map((f) => f.seq), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.equal(r.afterStop, 10, "no callback after stop");
    for (const f of r.frames) {
      assert.deepEqual([f.format, f.range, f.stride, f.size], ["luma", "limited", 640, 640 * 480]);
      assert.ok(f.stamp < labels.video.frames, `stamp ${f.stamp}`);
      f.patches.forEach((got, j) => {
        const want = Math.round(16 + (219 * labels.layout.calibrationLevels[j]) / 255);
        assert.ok(Math.abs(got - want) <= 1, `patch ${j}: ${got} vs ${want}`);
      });
    }
    for (let i = 1; i < r.frames.length; i++) {
      assert.ok(r.frames[i].ts > r.frames[i - 1].ts);
      const step = (r.frames[i].stamp - r.frames[i - 1].stamp + labels.video.frames) % labels.video.frames;
      assert.ok(step >= 1 && step <= 3, `stamps ${r.frames.map((f) => f.stamp)}`);
    }
    assert.equal(r.grabbed.data, null);
    assert.ok(r.grabbed.acquireMs > 0 && r.grabbed.acquireMs < 100, `${r.grabbed.acquireMs} ms`);
    assert.equal(r.stats.path, "videoFrame");
    assert.equal(r.stats.pacing, "videoFrameCallback");
    assert.equal(r.oldEnded, true);
    assert.equal(r.newEnded, true);
    assert.deepEqual(r.events, [
      ["cameraStarted", 640], ["cameraStopped", "requested"], ["cameraStarted", 640], ["cameraStopped", "requested"],
    ]);
  });

  test("the microphone level follows the tone and the silence", async () => {
    const levels = await page.evaluate(async () => {
      const meter = new window.idv.MicrophoneMeter();
      await meter.open();
      const out = [];
      for (let i = 0; i < 52; i++) {
        await new Promise((r) => setTimeout(r, 50));
        out.push(meter.level());
      }
      meter.close();
      let closed = null;
      try {
        meter.level();
      } catch (e) {
        closed = e.message;
      }
      return { out, closed };
    });
    const loud = levels.out.filter((l) => l.rmsDbfs > -20);
    const quiet = levels.out.filter((l) => l.rmsDbfs <= -50);
    assert.ok(loud.length >= 8 && quiet.length >= 8, JSON.stringify(levels.out.map((l) => l.rmsDbfs)));
    assert.ok(loud.some((l) => Math.abs(l.peakDbfs + 6.02) < 1));
    assert.ok(quiet.some((l) => l.rmsDbfs === -Infinity && l.peakDbfs === -Infinity));
    assert.ok(levels.out.some((l) => l.silent));
    assert.match(levels.closed, /not open/);
  });

  test("camera.preflight passes and reports each check into the stream", async () => {
    const r = await page.evaluate(async () => {
      const { Camera, createEventStream } = window.idv;
      const stream = createEventStream({ name: "preflight", persist: false });
      const camera = new Camera();
      camera.attach(stream);
      await camera.open({});
      const report = await camera.preflight({ microphoneMs: 2200 });
      return { report, live: camera.live, events: stream.history() };
    });
    assert.equal(r.report.passed, true, JSON.stringify(r.report.checks));
    assert.equal(r.live, false, "the camera was stopped for the preflight");
    assert.deepEqual([r.report.camera.width, r.report.camera.height], [640, 480]);
    const diagnostics = r.events.filter((e) => e.type === "diagnostic");
    assert.deepEqual(diagnostics.map((e) => e.check), r.report.checks.map((c) => c.check));
    assert.ok(diagnostics.every((e) => e.passed && e.vendor === "capture" && e.detail));
    assert.ok(diagnostics.some((e) => e.check === "preflightCameraFps"));
    assert.ok(diagnostics.some((e) => e.check === "preflightMicrophoneSignal"));
  });
});
