// Compiled by `npm run typecheck` (never shipped): the public surface is used exactly as a
// consumer would, so a broken or missing declaration fails the type check.
import {
  init,
  version,
  lumaMean,
  normalizeMessage,
  parseReturnUrl,
  createEventStream,
  allowAttribute,
  iframeHtml,
  openInNewTab,
  type IdvEvent,
  type CapabilityReport,
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
  const allow: string = allowAttribute("jumio", "biometric");
  const html: string = iframeHtml({ vendor: "jumio", url: "https://acme.netverify.com/web/v4/app" });
  const frame2 = stream.embed(document.body, { vendor: "liveid", url: "https://liveid.namirialtsp.com/x", loadTimeoutMs: null });
  const allowed: string | undefined = frame2.policy?.allow;
  const adopted = stream.adopt(frame, { vendor: "jumio", mode: "idCapture", loadTimeoutMs: 5000 });
  adopted.remove();
  const report: CapabilityReport = await stream.probeCapabilities({ needsMicrophone: true });
  const returned: IdvEvent | null = stream.acceptReturnUrl(undefined, "authenteq");
  console.log(allow, html, allowed, report.recommendation.mode, returned?.seq);
  openInNewTab("https://acme.netverify.com/web/v4/app");
  stop();
  unsubscribe();
}
void main;
