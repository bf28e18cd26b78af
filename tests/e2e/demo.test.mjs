// The demo, as `make demo` serves it: start the camera and see the live fake-camera video.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { launch, ROOT } from "./lib/browser.mjs";
import { startStatic } from "../server/static.mjs";

let server, simulators, browser;
const shots = join(ROOT, "target", "screenshots");

before(async () => {
  const dist = join(ROOT, "dist");
  if (!existsSync(join(dist, "index.html"))) throw new Error("dist/ missing: run bash scripts/build-demo.sh");
  server = await startStatic({ root: dist, spa: true });
  simulators = await startStatic({ root: join(ROOT, "tests", "simulators") });
  browser = await launch();
  mkdirSync(shots, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
  await simulators?.close();
});

test("the demo shows the live camera preview and stops it", async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server.origin}/?lang=en`);
  const start = page.getByRole("button", { name: "Start camera" });
  await start.waitFor();
  // Keyboard, as a user without a mouse would.
  await start.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("status").filter({ hasText: "Camera is on (640×480)." }).waitFor({ timeout: 10_000 });

  const video = page.locator("#preview video");
  const state = await video.evaluate(async (v) => {
    const t0 = v.currentTime;
    await new Promise((r) => setTimeout(r, 400));
    return { width: v.videoWidth, height: v.videoHeight, advanced: v.currentTime > t0, paused: v.paused };
  });
  assert.deepEqual(state, { width: 640, height: 480, advanced: true, paused: false });
  await page.screenshot({ path: join(shots, "demo-camera.png") });

  // The frame on screen is the recording: its bright calibration patch reads as near-white.
  const patch = await video.evaluate((v) => {
    const c = document.createElement("canvas");
    c.width = v.videoWidth;
    c.height = v.videoHeight;
    const ctx = c.getContext("2d");
    ctx.drawImage(v, 0, 0);
    const d = ctx.getImageData(384 + 7 * 32 + 8, 448 + 8, 16, 16).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += d[i + 1];
    return sum / (d.length / 4);
  });
  assert.ok(Math.abs(patch - 240) <= 4, `calibration patch reads ${patch}`);

  await page.getByRole("button", { name: "Stop camera" }).click();
  await page.getByRole("status").filter({ hasText: "Camera is off." }).waitFor();
  assert.equal(await page.locator("#preview video").count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test("the demo's text follows the language", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.origin}/?lang=de`);
  await page.getByRole("button", { name: "Kamera starten" }).waitFor();
  assert.equal(await page.locator("html").getAttribute("lang"), "de");
  await page.close();
});

test("the demo embeds a vendor simulator and logs its events from the stream", async () => {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1400 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server.origin}/?lang=en&vendorOrigin=${encodeURIComponent(simulators.origin)}`);
  await page.getByLabel("Scenario").selectOption({ label: "Jumio — Success" });
  await page.getByRole("button", { name: "Start verification" }).click();
  const log = page.getByRole("log");
  await log.getByText("jumio completed").waitFor({ timeout: 10_000 });
  const lines = await log.locator("li").allInnerTexts();
  const vendorLines = lines.filter((l) => / jumio (loaded|completed)/.test(l));
  assert.deepEqual(vendorLines.map((l) => l.replace(/^#\d+ /, "").split(" ").slice(0, 2).join(" ")), [
    "jumio loaded",
    "jumio completed",
  ]);
  assert.ok(lines.some((l) => l.includes("[embedPageChecks]")), lines.join("\n"));
  const allow = await page.locator("#vendor-frame iframe").getAttribute("allow");
  assert.equal(allow, "camera;autoplay;fullscreen;clipboard-read;clipboard-write;accelerometer;gyroscope;magnetometer");
  await page.screenshot({ path: join(shots, "demo-vendor.png"), fullPage: true });
  await page.getByRole("button", { name: "End verification" }).click();
  assert.equal(await page.locator("#vendor-frame iframe").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
