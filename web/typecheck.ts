// Compiled by `npm run typecheck` (never shipped): the public surface is used exactly as a
// consumer would, so a broken or missing declaration fails the type check.
import { init, version, lumaMean } from "./index.js";

async function main(): Promise<void> {
  await init();
  const v: string = version();
  const mean: number = lumaMean(new Uint8Array(4), 1, 1, undefined);
  console.log(v, mean);
}
void main;
