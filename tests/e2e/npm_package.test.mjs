// The npm package, imported by a page through its ESM entry, as users do.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { launch, ROOT } from "./lib/browser.mjs";
import { startStatic } from "../server/static.mjs";

let server, browser, page;

before(async () => {
  // Serves the repository root: web/ (the entry) and pkg/ (the built wasm), plus the test page.
  server = await startStatic({ root: ROOT });
  browser = await launch({ fakeMedia: false });
  page = await browser.newPage();
  await page.goto(`${server.origin}/tests/pages/npm.html`);
  await page.waitForFunction(() => window.__loaded === true);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("package.json points at files the build produced", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  for (const file of pkg.files) {
    assert.doesNotThrow(() => readFileSync(join(ROOT, file)), `missing ${file}`);
  }
  assert.equal(pkg.exports["."].import, "./web/index.js");
  assert.equal(pkg.exports["."].types, "./web/index.d.ts");
});

test("exports throw a clear error before init()", async () => {
  const message = await page.evaluate(() => {
    try {
      window.idv.version();
      return "no error";
    } catch (e) {
      return e.message;
    }
  });
  assert.match(message, /call and await init\(\) before version\(\)/);
});

test("init() is idempotent and loads the wasm once", async () => {
  const result = await page.evaluate(async () => {
    const a = window.idv.init();
    const b = window.idv.init();
    await Promise.all([a, b]);
    return { same: a === b, version: window.idv.version() };
  });
  assert.equal(result.same, true);
  const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^version = "(.+)"/m)[1];
  assert.equal(result.version, cargo);
});

test("lumaMean computes BT.601 luma and rejects a wrong buffer length", async () => {
  const result = await page.evaluate(async () => {
    await window.idv.init();
    // 2x1: a red and a white pixel: (76 + 255) / 2.
    const rgba = new Uint8Array([255, 0, 0, 255, 255, 255, 255, 255]);
    const mean = window.idv.lumaMean(rgba, 2, 1, undefined);
    const right = window.idv.lumaMean(rgba, 2, 1, new Uint32Array([1, 0, 1, 1]));
    let error = null;
    try {
      window.idv.lumaMean(rgba, 3, 1, undefined);
    } catch (e) {
      error = String(e.message ?? e);
    }
    return { mean, right, error };
  });
  assert.equal(result.mean, 165.5);
  assert.equal(result.right, 255);
  assert.match(result.error, /needs 12/);
});

test("normalizeMessage: accepted, rejected by origin, and typed argument errors", async () => {
  const result = await page.evaluate(async () => {
    await window.idv.init();
    const data = JSON.stringify({
      accountId: "a", authorizationToken: "secret-token", workflowExecutionId: "w-1",
      eventType: 510, dateTime: "2024-05-14T09:15:41.092Z", payload: { value: "error", metainfo: { code: 9200 } },
    });
    const ok = window.idv.normalizeMessage({ vendor: "jumio", origin: "https://acme.netverify.com", data });
    const extra = window.idv.normalizeMessage({
      vendor: "jumio", origin: "https://idv.example.com", data, allowedOrigins: ["https://idv.example.com"],
    });
    const evil = window.idv.normalizeMessage({ vendor: "jumio", origin: "https://netverify.com.evil.com", data });
    const kept = window.idv.normalizeMessage({ vendor: "jumio", origin: "https://acme.netverify.com", data, keepSecrets: true });
    const errors = [];
    for (const bad of [
      { vendor: "acme", origin: "https://a.com", data },
      { vendor: "jumio", data },
      { vendor: "jumio", origin: "https://a.com", data, allowedOrigins: ["https://*"] },
      { vendor: "jumio", origin: "https://a.com", data, allowedOrigins: "https://a.com" },
      42,
    ]) {
      try {
        window.idv.normalizeMessage(bad);
        errors.push("no error");
      } catch (e) {
        errors.push(e.message);
      }
    }
    return { ok, extra, evil, kept, errors };
  });
  assert.equal(result.ok.type, "failed");
  assert.equal(result.ok.code, "9200");
  assert.equal(result.ok.terminal, true);
  assert.equal(result.ok.sessionId, "w-1");
  assert.equal(result.ok.raw.authorizationToken, "[redacted]");
  assert.equal(result.ok.seq, undefined, "no seq outside a stream");
  assert.equal(result.extra.type, "failed");
  assert.deepEqual(
    { type: result.evil.type, reason: result.evil.reason },
    { type: "rejected", reason: "origin" },
  );
  assert.equal(result.kept.raw.authorizationToken, "secret-token");
  assert.match(result.errors[0], /unknown vendor "acme"/);
  assert.match(result.errors[1], /`origin`/);
  assert.match(result.errors[2], /allowedOrigins "https:\/\/\*"/);
  assert.match(result.errors[3], /`allowedOrigins` must be an array of strings/);
  assert.match(result.errors[4], /expected an options object/);
});

test("parseReturnUrl: Jumio success, Authenteq with and without code, unrelated URL", async () => {
  const result = await page.evaluate(async () => {
    await window.idv.init();
    return {
      jumio: window.idv.parseReturnUrl(
        "https://www.yourcompany.com/success?accountId=a&workflowExecutionId=w-2&acquisitionStatus=SUCCESS",
      ),
      jumioError: window.idv.parseReturnUrl(
        "https://www.yourcompany.com/error?workflowExecutionId=w-3&acquisitionStatus=ERROR&errorCode=9210",
      ),
      withCode: window.idv.parseReturnUrl("https://app.example.com/idv/return?id=1&code=Zx8Q", "authenteq"),
      withoutCode: window.idv.parseReturnUrl("https://app.example.com/idv/return?id=1", "authenteq"),
      unrelated: window.idv.parseReturnUrl("https://shop.example.com/cart?item=3"),
    };
  });
  assert.deepEqual([result.jumio.type, result.jumio.terminal, result.jumio.sessionId], ["completed", true, "w-2"]);
  assert.deepEqual([result.jumioError.type, result.jumioError.code], ["failed", "9210"]);
  assert.deepEqual([result.withCode.vendor, result.withCode.type, result.withCode.code], ["authenteq", "completed", "Zx8Q"]);
  assert.deepEqual([result.withoutCode.type, result.withoutCode.terminal], ["failed", true]);
  assert.equal(result.unrelated, null);
});

test("init() picks the SIMD build here, and the scalar build can be forced", async () => {
  const chosen = await page.evaluate(async () => {
    await window.idv.init();
    return { build: window.idv.build(), simd: window.idv.simdSupported() };
  });
  assert.deepEqual(chosen, { build: "simd", simd: true });
  const scalarPage = await browser.newPage();
  await scalarPage.goto(`${server.origin}/tests/pages/npm.html`);
  await scalarPage.waitForFunction(() => window.__loaded === true);
  const scalar = await scalarPage.evaluate(async () => {
    await window.idv.init({ simd: false });
    const stream = window.idv.createEventStream({ persist: false });
    return { build: window.idv.build(), isStream: stream instanceof window.idv.EventStream, seq: stream.nextSeq };
  });
  assert.deepEqual(scalar, { build: "scalar", isStream: true, seq: 1 });
  await scalarPage.close();
});

test("classes used before init() throw the same clear error", async () => {
  const fresh = await browser.newPage();
  await fresh.goto(`${server.origin}/tests/pages/npm.html`);
  await fresh.waitForFunction(() => window.__loaded === true);
  const message = await fresh.evaluate(() => {
    try {
      new window.idv.Camera();
      return "no error";
    } catch (e) {
      return e.message;
    }
  });
  assert.match(message, /call and await init\(\) before new Camera\(\)/);
  await fresh.close();
});

test("FrameAnalyzer and FaceDetector as imported: real detections, zero-copy input, typed errors", async () => {
  const result = await page.evaluate(async () => {
    const idv = window.idv;
    await idv.init();
    const photo = await createImageBitmap(await (await fetch("/.cache/fixtures/astronaut.png")).blob());
    const c = new OffscreenCanvas(640, 480);
    const g = c.getContext("2d");
    g.fillStyle = "#808080";
    g.fillRect(0, 0, 640, 480);
    g.drawImage(photo, 104, 24, 432, 432);
    const image = g.getImageData(0, 0, 640, 480);

    const face = await idv.createFrameAnalyzer({ subject: "face" });
    face.inputView(640, 480).set(image.data);
    const viaView = face.analyzeInput(640, 480, 0);
    const viaCopy = face.analyze(image.data, 640, 480, 33);
    const detector = new idv.FaceDetector(await idv.loadFaceModel());
    detector.inputView(640, 480).set(image.data);
    const faces = detector.detectInput(640, 480, undefined);

    const errors = [];
    const attempt = (fn) => {
      try {
        fn();
        errors.push("no error");
      } catch (e) {
        errors.push(e.message);
      }
    };
    attempt(() => face.inputView(0, 480));
    attempt(() => face.analyze(new Uint8Array(10), 640, 480));
    attempt(() => new idv.FrameAnalyzer({ subject: "face" }).analyze(image.data, 640, 480));
    attempt(() => new idv.FrameAnalyzer({ subject: "passport" }));
    attempt(() => new idv.FrameAnalyzer({ autocaptureMinimumFrameCount: 0 }));
    attempt(() => new idv.FaceDetector(new Uint8Array([1, 2, 3])));
    const model = await idv.loadFaceModel();
    attempt(() => new idv.FaceDetector(model, { minScore: 2 }));
    attempt(() => new idv.FrameAnalyzer({ faceMinScore: "high" }));
    attempt(() => new idv.FrameAnalyzer({ faceMinScore: 0 }));
    // A detector that only accepts near-certain faces still finds this one; an impossible one not.
    const strict = new idv.FaceDetector(model, { minScore: 0.65 });
    strict.inputView(640, 480).set(image.data);
    const strictFaces = strict.detectInput(640, 480, undefined).length;
    return { viaView, viaCopy, faces, errors, strictFaces, guide: face.guide(480, 640) };
  });
  assert.equal(result.viaView.faces.length, 1, JSON.stringify(result.viaView.faces));
  assert.equal(result.viaCopy.faces.length, 1);
  assert.deepEqual(result.viaView.faces[0].bbox, result.viaCopy.faces[0].bbox, "both inputs give the same detection");
  assert.equal(result.faces.length, 1);
  assert.match(result.viaView.feedback, /^FACE_|^HOLD_STILL|^IMAGE_BLURRY/);
  assert.deepEqual(result.guide, { x: 62, y: 64, width: 356, height: 512 }, "AwareID's 356x512 guide at 480x640");
  assert.match(result.errors[0], /0x480 is not a valid frame size/);
  assert.match(result.errors[1], /needs 1228800/);
  assert.match(result.errors[2], /face model is not loaded/);
  assert.match(result.errors[3], /unknown subject "passport"/);
  assert.match(result.errors[4], /autocaptureMinimumFrameCount/);
  assert.match(result.errors[5], /FaceDetector/);
  assert.match(result.errors[6], /FaceDetector: .*minScore/);
  assert.match(result.errors[7], /`faceMinScore` must be a finite number/);
  assert.match(result.errors[8], /minScore/);
  assert.equal(result.strictFaces, 1);
});

test("the SIMD and scalar builds judge frames identically (the SIMD kernels are exact)", async () => {
  // Odd sizes exercise the kernels' scalar tails; a tilted card on a noisy desk, print, and a
  // blown-out highlight exercise every metric. Reports are compared field by field.
  const run = async (simd) => {
    const p = await browser.newPage();
    await p.goto(`${server.origin}/tests/pages/npm.html`);
    await p.waitForFunction(() => window.__loaded === true);
    const reports = await p.evaluate(async (simd) => {
      const idv = window.idv;
      await idv.init({ simd });
      const frame = (w, h, t) => {
        const c = new OffscreenCanvas(w, h);
        const g = c.getContext("2d");
        const desk = g.createImageData(w, h);
        let s = 12345;
        for (let i = 0; i < desk.data.length; i += 4) {
          s = (s * 1103515245 + 12345) >>> 0;
          const v = 70 + ((s >>> 24) & 31);
          desk.data.set([v + 20, v + 8, v, 255], i);
        }
        g.putImageData(desk, 0, 0);
        g.translate(w / 2 + t * 3, h / 2);
        g.rotate(0.03 * t);
        const cw = w * 0.6, ch = cw / 1.586;
        g.fillStyle = "#d8e0ea";
        g.fillRect(-cw / 2, -ch / 2, cw, ch);
        g.fillStyle = "#20242c";
        for (let r = 0; r < 7; r++) for (let k = 0; k < 9; k++) g.fillRect(-cw * 0.1 + k * cw * 0.06, -ch * 0.3 + r * ch * 0.09, cw * 0.045, ch * 0.04);
        g.fillStyle = "#ffffff";
        g.beginPath();
        g.ellipse(-cw * 0.25, 0, cw * 0.06, ch * 0.05, 0, 0, 2 * Math.PI);
        g.fill();
        return g.getImageData(0, 0, w, h).data;
      };
      const out = [];
      for (const [w, h] of [[641, 479], [1280, 720], [1919, 1081]]) {
        const doc = await idv.createFrameAnalyzer({ subject: "document" });
        const quality = new idv.QualityAnalyzer();
        for (let t = 0; t < 3; t++) {
          const data = frame(w, h, t);
          doc.inputView(w, h).set(data);
          out.push(doc.analyzeInput(w, h, t * 33));
          quality.inputView(w, h).set(data);
          out.push(quality.analyzeInput(w, h, [7, 5, w - 20, h - 13], "document"));
          out.push(quality.analyzeInput(w, h, [w >> 2, h >> 3, w >> 1, (h * 3) >> 2], "face"));
          out.push(doc.inputLumaMean(w, h));
        }
        doc.free();
        quality.free();
      }
      return { build: idv.build(), out };
    }, simd);
    await p.close();
    return reports;
  };
  const simd = await run(true);
  const scalar = await run(false);
  assert.deepEqual([simd.build, scalar.build], ["simd", "scalar"]);
  assert.ok(simd.out.some((r) => r.document?.found), "a card was found, so the search ran on real edges");
  assert.ok(simd.out.some((r) => r.glare?.value > 0), "the highlight reached the glare metric");
  assert.equal(simd.out.length, scalar.out.length);
  for (let i = 0; i < simd.out.length; i++) assert.deepEqual(simd.out[i], scalar.out[i], `report ${i}`);
});
