// Launches Debian's headless Chromium through playwright-core, with the fake camera and
// microphone fed by the generated recordings (scripts/fixtures.sh writes them).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { chromium } from "playwright-core";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const FIXTURES = join(ROOT, "target", "fixtures");

const BASE_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--autoplay-policy=no-user-gesture-required",
];

/**
 * @param {{ fakeMedia?: boolean, autoGrant?: boolean, args?: string[] }} options
 *   fakeMedia: feed the y4m/wav recordings as camera/microphone (default true);
 *   autoGrant: answer permission prompts with "allow" (default true; false leaves them unanswered,
 *   which headless Chromium treats as a denial).
 */
export async function launch({ fakeMedia = true, autoGrant = true, args = [] } = {}) {
  const media = [];
  if (fakeMedia) {
    const video = join(FIXTURES, "capture.y4m");
    const audio = join(FIXTURES, "tone.wav");
    for (const f of [video, audio]) {
      if (!existsSync(f)) throw new Error(`missing fixture ${f}: run bash scripts/fixtures.sh`);
    }
    media.push(
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-video-capture=${video}`,
      `--use-file-for-fake-audio-capture=${audio}`,
    );
    if (autoGrant) media.push("--use-fake-ui-for-media-stream");
  }
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [...BASE_ARGS, ...media, ...args],
  });
}
