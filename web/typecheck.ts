// Compiled by `npm run typecheck` (never shipped): the public surface is used exactly as a
// consumer would, so a broken or missing declaration fails the type check.
import {
  init,
  version,
  lumaMean,
  normalizeMessage,
  parseReturnUrl,
  createEventStream,
  type IdvEvent,
  type EventBody,
  type Rejected,
} from "./index.js";

async function main(): Promise<void> {
  await init();
  const v: string = version();
  const mean: number = lumaMean(new Uint8Array(4), 1, 1, undefined);

  const result: EventBody | Rejected = normalizeMessage({
    vendor: "jumio",
    origin: "https://acme.netverify.com",
    data: "{}",
    allowedOrigins: ["https://*.example.com"],
  });
  if (result.type === "rejected") {
    const reason: "origin" | "tooLarge" | "tooDeep" = result.reason;
    console.log(reason);
  } else if (result.type === "progress") {
    console.log(result.step, result.terminal);
  }

  const ret: EventBody | null = parseReturnUrl("https://shop.example/return?code=abc", "authenteq");
  console.log(ret?.code);

  const stream = createEventStream({ name: "checkout", persist: true, historyLimit: 500 });
  const unsubscribe: () => void = stream.subscribe((event: IdvEvent) => {
    const seq: number = event.seq;
    if (event.type === "failed") console.log(seq, event.code, event.message);
  }, { replay: true });
  const frame = document.createElement("iframe");
  const stop: () => void = stream.listen("liveid", frame, { allowedOrigins: [] });
  const history: IdvEvent[] = stream.history();
  console.log(v, mean, history.length, stream.nextSeq, stream.diagnostics().accepted, stream.nativeHost());
  stop();
  unsubscribe();
}
void main;
