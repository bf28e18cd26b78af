// A host page on one origin embeds a page from a second ("vendor") origin; the vendor page posts
// a message; the host must receive it with the vendor's origin and its frame as the source.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { launch, ROOT } from "./lib/browser.mjs";
import { startStatic } from "../server/static.mjs";

const pages = join(ROOT, "tests", "pages");
let host, vendor, browser;

before(async () => {
  host = await startStatic({ root: pages });
  vendor = await startStatic({ root: pages });
  browser = await launch({ fakeMedia: false });
});
after(async () => {
  await browser?.close();
  await host?.close();
  await vendor?.close();
});

test("host and vendor are different origins", () => {
  assert.notEqual(host.origin, vendor.origin);
});

test("a message from the cross-origin vendor frame reaches the host with its origin", async () => {
  const page = await browser.newPage();
  const frameUrl = `${vendor.origin}/vendor-ping.html?parent=${encodeURIComponent(host.origin)}`;
  await page.goto(`${host.origin}/host.html?frame=${encodeURIComponent(frameUrl)}`);
  await page.waitForFunction(() => window.__received.length > 0);
  const received = await page.evaluate(() => window.__received);
  assert.equal(received.length, 1);
  assert.equal(received[0].origin, vendor.origin);
  assert.equal(received[0].fromFrame, true);
  assert.deepEqual(JSON.parse(received[0].data), { hello: "from-vendor", at: vendor.origin });
  await page.close();
});

test("a message addressed to another origin is not delivered to the host", async () => {
  const page = await browser.newPage();
  const frameUrl = `${vendor.origin}/vendor-ping.html?parent=${encodeURIComponent("http://127.0.0.1:1")}`;
  await page.goto(`${host.origin}/host.html?frame=${encodeURIComponent(frameUrl)}`);
  await page.waitForLoadState("load");
  // The frame has posted by the time its load event fired; give the event loop a moment more.
  await page.waitForTimeout(200);
  assert.deepEqual(await page.evaluate(() => window.__received), []);
  await page.close();
});
