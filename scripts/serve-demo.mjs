// Serves the built demo (dist/) at http://127.0.0.1:8080 and the vendor simulators on their own
// origin, http://127.0.0.1:8081, until interrupted.
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startStatic } from "../tests/server/static.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT ?? 8080);
const demo = await startStatic({ root: join(root, "dist"), port, spa: true });
const simulators = await startStatic({ root: join(root, "tests", "simulators"), port: port + 1 });
console.log(`idv-capture demo: ${demo.origin}/`);
console.log(`vendor simulators: ${simulators.origin}/ (the demo embeds them from this second origin)`);
const stop = async () => {
  await Promise.all([demo.close(), simulators.close()]);
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
