// Compiled by `npm run typecheck` (never shipped): the public surface is used exactly as a
// consumer would, so a broken or missing declaration fails the type check.
import {
  init,
  build,
  simdSupported,
  version,
  lumaMean,
  normalizeMessage,
  parseReturnUrl,
  createEventStream,
  allowAttribute,
  iframeHtml,
  openInNewTab,
  Camera,
  MicrophoneMeter,
  FrameSource,
  preflight,
  type CameraInfo,
  type CameraError,
  type MicrophoneLevel,
  type PreflightReport,
  type SourceFrame,
  type MediaDeviceSummary,
  type IdvEvent,
  type CapabilityReport,
  type AnalysisReport,
  createFrameAnalyzer,
  type EventBody,
  type Rejected,
} from "./index.js";

async function main(): Promise<void> {
  await init({ simd: simdSupported() });
  const which: "simd" | "scalar" | null = build();
  console.log(which);
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

  const camera = new Camera();
  camera.attach(stream);
  try {
    const info: CameraInfo = await camera.open({ facingMode: "environment", width: 1920, height: 1080, exact: true });
    const fps: number | null = info.settings.frameRate;
    console.log(fps, info.mirrored, info.attempts[0]?.size?.width, camera.torchSupported, camera.live);
    const video = document.createElement("video");
    video.srcObject = camera.mediaStream;
    camera.applyMirror(video);
    await camera.switchTo("next");
    await camera.switchTo({ facingMode: "user" });
    if (camera.torchSupported) await camera.setTorch(true);
    const cameras: MediaDeviceSummary[] = await Camera.listCameras();
    console.log(cameras.map((c) => c.label), camera.info?.settings.width);
    const source = new FrameSource(video, { path: "auto", pixels: "luma" });
    const stopFrames: () => void = source.start((frame: SourceFrame) => {
      const first: number | undefined = frame.format === "luma" ? frame.data[0] : frame.data[3];
      console.log(frame.seq, frame.timestampUs, first);
    }, (error: Error) => console.error(error));
    const grabbed = await source.grab({ pixels: false });
    console.log(grabbed.acquireMs, source.stats().dropped);
    stopFrames();
    source.stop();
    camera.stop();
    const checked: PreflightReport = await camera.preflight({ cameraMs: 500 });
    console.log(checked.passed, checked.checks.map((c) => c.check));
  } catch (e) {
    const error = e as CameraError;
    if (error.name === "CameraError" && error.code === "notAllowed") console.log(error.device, error.constraint);
  }
  const meter = new MicrophoneMeter({ silenceThresholdDbfs: -50, silenceMs: 500 });
  meter.attach(stream);
  await meter.open();
  const level: MicrophoneLevel = meter.level();
  console.log(level.rmsDbfs, level.peakDbfs, level.silent, meter.running);
  meter.close();
  const standalone: PreflightReport = await preflight({ microphone: false });
  console.log(standalone.camera?.fps);
  const analyzer = await createFrameAnalyzer({ subject: "document", documentProfile: "id1", autocaptureMinimumFrameCount: 5 });
  const view: Uint8Array = analyzer.inputView(640, 480);
  const verdict: AnalysisReport = analyzer.analyzeInput(640, 480, performance.now());
  console.log(view.length, verdict.display, verdict.compliant, analyzer.captured()?.rgba.length);
  stop();
  unsubscribe();
}
void main;
