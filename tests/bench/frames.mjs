// Per-frame acquisition cost of the frame source's paths in headless Chromium with the fake
// camera, at 640x480, 1280x720 and 1920x1080 (median and p95 over >= 100 frames). Not a test:
// run it with scripts/bench-frames.sh, which builds the npm package first.
//
//   node tests/bench/frames.mjs [--frames 120] [--warmup 10]
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { ROOT } from "../e2e/lib/browser.mjs";
import { startStatic } from "../server/static.mjs";

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const FRAMES = arg("frames", 120);
const WARMUP = arg("warmup", 10);
const SIZES = [
  [640, 480],
  [1280, 720],
  [1920, 1080],
];
const OUT = join(ROOT, "target", "bench");

// A small 4:2:0 y4m of `count` frames: a diagonal ramp that moves each frame, a bright square
// sliding across, mild chroma. Frames differ, so the camera never serves a cached frame.
function writeY4m(path, width, height, count = 30) {
  const fd = openSync(`${path}.tmp`, "w");
  writeSync(fd, `YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`);
  const y = Buffer.alloc(width * height);
  const c = Buffer.alloc((width / 2) * (height / 2));
  for (let f = 0; f < count; f++) {
    for (let row = 0; row < height; row++) {
      for (let col = 0; col < width; col++) {
        y[row * width + col] = 16 + (((col + row + f * 8) >> 2) % 219);
      }
    }
    const side = height >> 2;
    const x0 = Math.floor(((width - side) * f) / count);
    for (let row = side; row < 2 * side; row++) y.fill(235, row * width + x0, row * width + x0 + side);
    writeSync(fd, "FRAME\n");
    writeSync(fd, y);
    c.fill(128 + (f % 16));
    writeSync(fd, c);
    c.fill(128 - (f % 16));
    writeSync(fd, c);
  }
  closeSync(fd);
  // Atomic: an interrupted run never leaves a truncated file behind.
  renameSync(`${path}.tmp`, path);
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  // Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs.
  const isolated = { "cross-origin-opener-policy": "same-origin", "cross-origin-embedder-policy": "require-corp" };
  const server = await startStatic({ root: ROOT, headers: () => isolated });
  const rows = [];
  try {
    for (const [width, height] of SIZES) {
      const file = join(OUT, `bench-${width}x${height}.y4m`);
      if (!existsSync(file)) writeY4m(file, width, height);
      const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
        headless: true,
        args: [
          "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
          "--autoplay-policy=no-user-gesture-required",
          "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
          `--use-file-for-fake-video-capture=${file}`,
        ],
      });
      try {
        const page = await browser.newPage();
        await page.goto(`${server.origin}/tests/bench/frames.html`);
        await page.waitForFunction(() => window.__loaded === true);
        if (!(await page.evaluate(() => window.crossOriginIsolated))) console.error("warning: not cross-origin isolated (100 µs timer)");
        const result = await page.evaluate((o) => window.bench(o), { width, height, frames: FRAMES, warmup: WARMUP });
        for (const r of result.results) rows.push({ size: `${width}x${height}`, delivered: result.delivered.join("x"), ...r });
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.close();
  }
  const version = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", headless: true })
    .then(async (b) => { const v = b.version(); await b.close(); return v; });
  const fmt = (v) => (v === null ? "n/a" : v.toFixed(2));
  console.log(`Frame acquisition in Wasm (FrameSource.grab), headless Chromium ${version}, fake camera, ${FRAMES} frames after ${WARMUP} warm-up`);
  console.log("");
  console.log("| size      | path                        | median ms | p95 ms | frames | delivered as |");
  console.log("|-----------|-----------------------------|-----------|--------|--------|--------------|");
  for (const r of rows) {
    const note = r.error ? ` (${r.error})` : "";
    console.log(`| ${r.size.padEnd(9)} | ${r.mode.padEnd(27)} | ${fmt(r.median).padStart(9)} | ${fmt(r.p95).padStart(6)} | ${String(r.n).padStart(6)} | ${(r.format ?? "-") + note} |`);
  }
  const short = rows.filter((r) => r.n < 100 && !r.error);
  if (short.length) throw new Error(`fewer than 100 frames measured for ${short.map((r) => `${r.size} ${r.mode}`).join(", ")}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
