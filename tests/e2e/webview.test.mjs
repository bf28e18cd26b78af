// A real WebKit WebView as the native host: WebKitGTK (Debian's gir1.2-webkit2-4.1) under Xvfb
// registers the script message handler `idvCapture`, like an iOS app does on its
// WKUserContentController, loads the host page with the Jumio simulator, and receives the events.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./lib/browser.mjs";
import { startOrigins } from "./lib/servers.mjs";

let origins;

before(async () => {
  origins = await startOrigins();
});
after(async () => {
  await origins?.close();
});

function runWebKit(url, expected) {
  const script = join(ROOT, "tests", "webview", "webkit_host.py");
  return new Promise((resolve) => {
    const child = spawn("xvfb-run", ["-a", "/usr/bin/python3", script, url, "idvCapture", String(expected), "60"], {
      env: { ...process.env, WEBKIT_DISABLE_COMPOSITING_MODE: "1", GDK_BACKEND: "x11" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

test("a WebKitGTK WebView host receives every event as a JSON string", async () => {
  const url = origins.streamPage({ vendor: "jumio", scenario: "success", hostilePage: false, selfpost: false, stream: "webkit" });
  const { code, stdout, stderr } = await runWebKit(url, 2);
  assert.equal(code, 0, `webkit host exited ${code}\n${stderr}`);
  const messages = stdout.trim().split("\n").map((line) => JSON.parse(line).message);
  assert.equal(messages.length, 2);
  const events = messages.map((m) => JSON.parse(m));
  assert.deepEqual(events.map((e) => [e.seq, e.vendor, e.type, e.terminal]), [
    [1, "jumio", "loaded", false],
    [2, "jumio", "completed", true],
  ]);
  assert.ok(!messages.join("").includes("sim-token"), "secrets are redacted before they reach the host");
});
