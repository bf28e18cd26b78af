// Runs tests/bench/analyzer.html in headless Chromium (SIMD and scalar builds) and prints one
// table with the native reference numbers read from stdin-less arguments (see
// scripts/bench-analyzer.sh). Not a test: it prints numbers, it asserts nothing about speed.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { launch, ROOT } from "../e2e/lib/browser.mjs";
import { startStatic } from "../server/static.mjs";

const native = new Map();
for (const line of (process.argv[2] ? readFileSync(process.argv[2], "utf8") : "").split("\n")) {
  const m = line.match(/^native (\w+) (\d+x\d+) ([\d.]+)$/);
  if (m) native.set(`${m[1]} ${m[2]}`, Number(m[3]));
}
const server = await startStatic({ root: ROOT });
const browser = await launch({ fakeMedia: false });
const runs = {};
try {
  // BENCH_VARIANTS=simd (or scalar) measures one build only, for quick iterations.
  const variants = (process.env.BENCH_VARIANTS ?? "simd,scalar").split(",");
  for (const simd of [1, 0].filter((v) => variants.includes(v ? "simd" : "scalar"))) {
    const page = await browser.newPage();
    page.on("pageerror", (e) => console.error("page error:", e));
    await page.goto(`${server.origin}/tests/bench/analyzer.html?simd=${simd}`);
    await page.waitForFunction(() => window.__results, null, { timeout: 300_000 });
    runs[simd ? "simd" : "scalar"] = await page.evaluate(() => window.__results);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const f = (x) => (x === undefined ? "—" : x < 1 ? x.toFixed(3) : x.toFixed(2));
console.log("\nms per frame (median), headless Chromium 156, 2-core VM");
console.log("size       | face verdict simd/scalar | document verdict simd/scalar | face detection simd/scalar | metrics simd/scalar | OpenCV.js metrics | one-pass floor | native face / document");
const first = (runs.simd ?? runs.scalar).rows;
for (let i = 0; i < first.length; i++) {
  const s = runs.simd?.rows[i] ?? {}, c = runs.scalar?.rows[i] ?? {};
  console.log(
    `${first[i].size.padEnd(10)} | ${f(s.faceVerdict)} / ${f(c.faceVerdict)}`.padEnd(38) +
      ` | ${f(s.documentVerdict)} / ${f(c.documentVerdict)}`.padEnd(31) +
      ` | ${f(s.faceDetection)} / ${f(c.faceDetection)}`.padEnd(29) +
      ` | ${f(s.qualityMetrics)} / ${f(c.qualityMetrics)}`.padEnd(22) +
      ` | ${f(s.opencvMetrics)}`.padEnd(20) +
      ` | ${f(s.floor)}`.padEnd(17) +
      ` | ${f(native.get(`face ${first[i].size}`))} / ${f(native.get(`document ${first[i].size}`))}` +
      `   (faces found ${first[i].faces}, document found ${first[i].documentFound})`,
  );
}
for (const s of first) {
  console.log(
    `${s.size}: the metrics are ${(s.opencvMetrics / s.qualityMetrics).toFixed(1)}x faster than the same in OpenCV.js ` +
      `and ${(s.qualityMetrics / s.floor).toFixed(1)}x the one-pass floor; the full document verdict is ` +
      `${(s.documentVerdict / s.floor).toFixed(1)}x the floor`,
  );
}
console.log("\nwasm sizes (raw / gzip -9), without the face model:");
for (const [name, path] of [["scalar", "pkg/idv_capture_bg.wasm"], ["simd", "pkg/simd/idv_capture_bg.wasm"]]) {
  const bytes = readFileSync(join(ROOT, path));
  console.log(`  ${name.padEnd(7)} ${bytes.length} / ${gzipSync(bytes, { level: 9 }).length} bytes`);
}
const model = readFileSync(join(ROOT, "pkg/models/face_detection_short_range.tflite"));
console.log(`  model   ${model.length} / ${gzipSync(model, { level: 9 }).length} bytes`);
