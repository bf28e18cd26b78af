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
