/** A message that did not become an event, and why. */
export type Rejected = {
  type: "rejected";
  reason: "origin" | "tooLarge" | "tooDeep";
  message: string;
};

/** Input of `normalizeMessage`. */
export type NormalizeInput = {
  vendor: Vendor;
  /** `MessageEvent.origin`. */
  origin: string;
  /** `MessageEvent.data`, as received. */
  data: unknown;
  /** Origins allowed besides the vendor's documented hosts (`https://*.example.com` style). */
  allowedOrigins?: string[];
  /** Keep `authorizationToken` / LiveID+ `message.token` in `raw` (default false: redacted). */
  keepSecrets?: boolean;
};

/** Options of `createEventStream`; every field is optional. */
export type StreamOptions = {
  /** Names the stream (sessionStorage key `idv-capture:stream:<name>`). Default "default". */
  name?: string;
  /** Events kept in memory for `history()` and replay. Default 10000. */
  historyLimit?: number;
  /** Keep the history in sessionStorage across reloads in the tab. Default true. */
  persist?: boolean;
  /** Most recent events written to sessionStorage. Default 1000. */
  persistLimit?: number;
  /** Size cap of the stored JSON, in UTF-16 code units. Default 1 MiB. */
  persistMaxBytes?: number;
  /** Keep vendor secrets in `raw` (never persisted). Default false. */
  keepSecrets?: boolean;
  /** Forward events to a native WebView host. Default true. */
  nativeBridge?: boolean;
  /** Android interface / WebKit message handler name. Default "idvCapture". */
  bridgeName?: string;
};

/** Options of `EventStream.listen`. */
export type ListenOptions = {
  /** Origins allowed for this frame besides the vendor's documented hosts. */
  allowedOrigins?: string[];
};

/** Options of `EventStream.subscribe`. */
export type SubscribeOptions = {
  /** First replay the history (from `fromSeq`, default the oldest kept), then live events. */
  replay?: boolean;
  fromSeq?: number;
};

/** What a stream saw but did not turn into events. */
export type StreamDiagnostics = {
  accepted: number;
  rejectedSource: number;
  rejectedOrigin: number;
  rejectedUnrepresentable: number;
  historyDropped: number;
  persistFailures: number;
  subscriberErrors: number;
  bridged: number;
};

/** The native host receiving the events, if any. */
export type NativeHost = "webkit" | "reactNative" | "android";

/** Embedding modes: Jumio `idCapture` | `biometric` | `full` (default); LiveID+ `embedded`. */
export type EmbedMode = "idCapture" | "biometric" | "full" | "embedded";

/** The policy of a vendor iframe, as applied. */
export type FramePolicy = {
  vendor: Vendor;
  mode: EmbedMode;
  src: string;
  title: string;
  allow: string;
  features: string[];
  allowFullscreen: boolean;
  referrerPolicy: string;
  loading: string;
  sandbox?: string;
  origin: string;
};

/** What a vendor iframe needs. */
export type FrameOptionsInput = {
  vendor: Vendor;
  /** The vendor's client URL (Jumio `web.href`, the LiveID+ link). */
  url: string;
  mode?: EmbedMode;
  /** Origins allowed besides the vendor's documented hosts (also for the URL itself). */
  allowedOrigins?: string[];
  /** Accessible name of the iframe (default: "Jumio identity verification", …). */
  title?: string;
  /** Default `strict-origin-when-cross-origin`. */
  referrerPolicy?: string;
  /** Opt-in sandbox tokens; must include allow-scripts and allow-same-origin. Default: none. */
  sandbox?: string[];
};

/** Options of `EventStream.embed`. */
export type EmbedOptions = FrameOptionsInput & {
  /** Report the frame when it sends nothing within this time; null disables. Default 20 s (Jumio), 60 s (others). */
  loadTimeoutMs?: number | null;
};

/** Options of `EventStream.adopt` (the URL is the iframe's own `src`). */
export type AdoptOptions = Omit<EmbedOptions, "url">;

/** The capability probe's result. */
export type CapabilityReport = {
  capabilities: {
    secureContext: boolean;
    mediaDevices: boolean;
    hasCamera: boolean | null;
    hasMicrophone: boolean | null;
    cameraPermission: "granted" | "denied" | "prompt" | "unknown";
    microphonePermission: "granted" | "denied" | "prompt" | "unknown";
    cameraAllowedByPolicy: boolean | null;
    microphoneAllowedByPolicy: boolean | null;
    inIframe: boolean;
    wasmSimd: boolean;
    videoFrame: boolean;
    offscreenCanvas: boolean;
    requestVideoFrameCallback: boolean;
    webview: "none" | "androidWebView" | "iosWebView" | { inAppBrowser: string };
  };
  recommendation: { mode: "iframe" | "newTab" | "fileUpload"; reasons: string[] };
};

/** Options of `Camera.open`; every field is optional. */
export type CameraOpenOptions = {
  /** Which way the camera faces (a preference). Default "user"; null asks for none. */
  facingMode?: "user" | "environment" | null;
  /** Asked frame size. Default 1280×720. */
  width?: number;
  height?: number;
  /** Ask the size exactly (`{ exact }`) instead of as `ideal`. Default false. */
  exact?: boolean;
  /** With `exact`: step down 1920×1080 → 1280×720 → 640×480 → browser default when the size is
   * refused, and remember what worked. Default true. */
  fallback?: boolean;
  /** Also remember the size that worked in sessionStorage. Default false. */
  persistSize?: boolean;
  /** Frames per second (ideal). */
  frameRate?: number;
  /** A device from `Camera.listCameras()`. */
  deviceId?: string;
  /** Also open the microphone in the same stream. Default false. */
  audio?: boolean;
};

/** What a video track really delivers (`getSettings()`). */
export type TrackSettings = {
  width: number | null;
  height: number | null;
  frameRate: number | null;
  facingMode: string | null;
  deviceId: string | null;
  groupId: string | null;
  resizeMode: string | null;
  label: string;
};

/** One `getUserMedia` call of the resolution fallback (`size: null` = no size constraint). */
export type SizeAttempt = {
  size: { width: number; height: number } | null;
  ok: boolean;
  error?: CameraErrorCode;
};

/** What the open camera delivers. */
export type CameraInfo = {
  settings: TrackSettings;
  /** Mirror the preview (front camera); analysed frames are never mirrored. */
  mirrored: boolean;
  /** The camera has a torch. */
  torch: boolean;
  attempts: SizeAttempt[];
};

/** `Camera.switchTo` target. */
export type SwitchTarget = "next" | { deviceId: string } | { facingMode: "user" | "environment" };

/** A device from `enumerateDevices()` (ids and labels are empty before permission). */
export type MediaDeviceSummary = {
  kind: "videoInput" | "audioInput" | "audioOutput";
  deviceId: string;
  groupId: string;
  label: string;
};

/** `code` of a `CameraError`: the `deviceError` kind, or an operation error. */
export type CameraErrorCode =
  | "notAllowed" | "notFound" | "notReadable" | "overconstrained" | "security" | "aborted"
  | "notSupported" | "other" | "cancelled" | "notOpen" | "torchUnsupported";

/** What camera and microphone promises reject with. */
export type CameraError = Error & {
  name: "CameraError";
  code: CameraErrorCode;
  device: "camera" | "microphone";
  /** For `overconstrained`: the constraint the browser named. */
  constraint?: string;
};

/** Options of `new MicrophoneMeter`. */
export type MicrophoneOptions = {
  deviceId?: string;
  /** Samples per reading (power of two, 32–32768). Default 2048. */
  window?: number;
  /** Below this RMS the input is silent. Default -50 dBFS. */
  silenceThresholdDbfs?: number;
  /** How long below the threshold before `silent`. Default 500 ms. */
  silenceMs?: number;
  /** Ask for unprocessed audio (no echo cancellation, noise suppression, gain control). Default true. */
  raw?: boolean;
};

/** One reading of `MicrophoneMeter.level()` (`-Infinity` dBFS for digital silence). */
export type MicrophoneLevel = {
  rmsDbfs: number;
  peakDbfs: number;
  silent: boolean;
  silentForMs: number;
};

/** Options of `preflight` / `Camera.preflight`. */
export type PreflightOptions = {
  camera?: boolean;
  microphone?: boolean;
  /** Asked camera size. Default 640×480. */
  width?: number;
  height?: number;
  facingMode?: "user" | "environment";
  /** Lowest acceptable frame rate. Default 15. */
  minFps?: number;
  /** Camera measurement time. Default 1000 ms. */
  cameraMs?: number;
  /** The microphone's peak must exceed this. Default -60 dBFS. */
  minSignalDbfs?: number;
  /** Microphone measurement time. Default 1000 ms. */
  microphoneMs?: number;
};

/** One preflight check (also sent as a `diagnostic` event by `Camera.preflight`). */
export type PreflightCheck = {
  check: string;
  passed: boolean;
  severity: "info" | "warning" | "error";
  detail: string;
  hint?: string;
};

/** The preflight's report. */
export type PreflightReport = {
  /** No check of severity "error" failed. */
  passed: boolean;
  secureContext: boolean;
  cameraPermission: "granted" | "denied" | "prompt" | "unknown";
  microphonePermission: "granted" | "denied" | "prompt" | "unknown";
  camera: { width: number; height: number; fps: number; frames: number; changedFrames: number } | null;
  /** dBFS; null for digital silence. */
  microphone: { peakDbfs: number | null; rmsDbfs: number | null; samples: number } | null;
  checks: PreflightCheck[];
};

/** Options of `new FrameSource`. */
export type FrameSourceOptions = {
  /** "auto" (VideoFrame where it works, else canvas), "videoFrame" or "canvas". */
  path?: "auto" | "videoFrame" | "canvas";
  /** "luma": the Y plane where frames are YUV (else RGBA); "rgba": always RGBA. */
  pixels?: "luma" | "rgba";
  pacing?: "auto" | "videoFrameCallback" | "animationFrame";
};

/** A frame from `FrameSource`. In `start()` callbacks `data` views Wasm memory: read it before
 * returning (or `.slice()` it). */
export type SourceFrame = {
  seq: number;
  timestampUs: number;
  width: number;
  height: number;
  path: "videoFrame" | "canvas";
  format: "luma" | "rgba";
  /** For luma: "limited" (16–235) or "full". */
  range?: "limited" | "full";
  /** Bytes per row in `data`. */
  stride: number;
  data: Uint8Array;
};

/** `FrameSource.grab()`'s frame, with the acquisition time in Wasm. */
export type GrabbedFrame = Omit<SourceFrame, "data"> & { data: Uint8Array | null; acquireMs: number };

/** Counters of a `FrameSource`. */
export type FrameSourceStats = {
  delivered: number;
  /** Frames presented while the consumer was busy (exact with videoFrameCallback pacing). */
  dropped: number;
  repeated: number;
  fallbacks: number;
  path: "videoFrame" | "canvas";
  pacing: "auto" | "videoFrameCallback" | "animationFrame";
};

/** Options of `new FrameAnalyzer(...)`; every field is optional. */
export type AnalyzerOptionsInput = {
  subject?: "face" | "document";
  documentProfile?: "id1" | "passport";
  facing?: "front" | "back";
  /** Consecutive compliant frames before autocapture fires (AwareID's name). Default 5. */
  autocaptureMinimumFrameCount?: number;
  /** A shown feedback code stays at least this long. Default 1000. */
  feedbackMinDisplayMs?: number;
  /** Minimum face detection score. Default 0.5; 0.65 for small faces (docs/thresholds.md). */
  faceMinScore?: number;
};

/** One metric: its value, its thresholds and the verdict. */
export type Metric = { value: number; min?: number; max?: number; verdict: { status: "pass" } | { status: "fail"; reason: string } };

/** The verdict for one frame. */
export type AnalysisReport = {
  frame: number;
  width: number;
  height: number;
  guide: { x: number; y: number; width: number; height: number };
  region: { x: number; y: number; width: number; height: number };
  quality: { [metric: string]: Metric | number | string };
  faces?: Array<{
    bbox: { x: number; y: number; width: number; height: number };
    score: number;
    keypoints: Array<{ x: number; y: number }>;
    eyeDistance: number;
    rollDegrees: number;
  }>;
  document?: { found: boolean; corners?: Array<{ x: number; y: number }>; fillRatio: number; tiltDeg: number; feedback: string };
  /** This frame's code (`FACE_TOO_FAR`, `DOCUMENT_TILTED`, `HOLD_STILL`, …). */
  feedback: string;
  /** The code to show (stabilized). */
  display: string;
  compliant: boolean;
  autocapture: { type: "keep" } | { type: "discard" } | { type: "capture"; frameId: number };
};
