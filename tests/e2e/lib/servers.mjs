// The three origins of the vendor tests: the host page (serving the repo root, so /web/ and
// /pkg/ are the npm package as built), the vendor simulators, and a hostile third party.
import { join } from "node:path";
import { ROOT } from "./browser.mjs";
import { startStatic } from "../../server/static.mjs";

export async function startOrigins({ vendorHeaders } = {}) {
  const host = await startStatic({ root: ROOT });
  const vendor = await startStatic({ root: join(ROOT, "tests", "simulators"), headers: vendorHeaders });
  const hostile = await startStatic({ root: join(ROOT, "tests", "simulators") });
  return {
    host,
    vendor,
    hostile,
    /** The stream host page with a simulator scenario. */
    streamPage({ vendor: name, scenario, extra = "", hostilePage = true, selfpost = true, stream = "e2e" }) {
      const parent = encodeURIComponent(host.origin);
      const frame = `${vendor.origin}/${name}/index.html?scenario=${scenario}&parent=${parent}${extra}`;
      const params = new URLSearchParams({ vendor: name, frame, name: stream });
      if (hostilePage) params.set("hostile", `${hostile.origin}/hostile/index.html`);
      if (selfpost) params.set("selfpost", "1");
      return `${host.origin}/tests/pages/stream.html?${params}`;
    },
    async close() {
      await Promise.all([host.close(), vendor.close(), hostile.close()]);
    },
  };
}
