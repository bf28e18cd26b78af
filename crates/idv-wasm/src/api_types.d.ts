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
