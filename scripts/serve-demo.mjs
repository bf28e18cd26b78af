// Serves the built demo (dist/) at http://127.0.0.1:8080 until interrupted.
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { startStatic } from "../tests/server/static.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT ?? 8080);
const demo = await startStatic({ root: join(root, "dist"), port, spa: true });
console.log(`idv-capture demo: ${demo.origin}/`);
const stop = async () => {
  await demo.close();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
