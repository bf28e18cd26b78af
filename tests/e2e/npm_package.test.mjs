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
