// Types of the idv-capture npm package: the generated declarations, plus `init`.
export {
  version,
  lumaMean,
  normalizeMessage,
  parseReturnUrl,
  createEventStream,
  EventStream,
  allowAttribute,
  iframeHtml,
  openInNewTab,
  redirectTo,
  VendorFrame,
  Camera,
  MicrophoneMeter,
  FrameSource,
  preflight,
} from "../pkg/idv_capture.js";
export type {
  IdvEvent,
  EventBody,
  EventKind,
  Vendor,
  ProgressStep,
  Rejected,
  NormalizeInput,
  StreamOptions,
  ListenOptions,
  SubscribeOptions,
  StreamDiagnostics,
  NativeHost,
  EmbedMode,
  FramePolicy,
  FrameOptionsInput,
  EmbedOptions,
  AdoptOptions,
  CapabilityReport,
  AnalyzerOptionsInput,
  AnalysisReport,
  Metric,
  CameraStarted,
  CameraStopped,
  DeviceError,
  Feedback,
  Captured,
  Diagnostic,
  JsonValue,
  CameraOpenOptions,
  CameraInfo,
  TrackSettings,
  SizeAttempt,
  SwitchTarget,
  MediaDeviceSummary,
  CameraErrorCode,
  CameraError,
  MicrophoneOptions,
  MicrophoneLevel,
  PreflightOptions,
  PreflightCheck,
  PreflightReport,
  FrameSourceOptions,
  SourceFrame,
  GrabbedFrame,
  FrameSourceStats,
} from "../pkg/idv_capture.js";

type WasmSource = string | URL | Request | Response | WebAssembly.Module;

/**
 * Loads the wasm module once; every call returns the same promise. The SIMD128 build is used
 * where the engine supports it (`simd` forces a choice); `module` overrides where its `.wasm`
 * comes from.
 */
export function init(options?: WasmSource | { simd?: boolean; module?: WasmSource }): Promise<void>;

/** Whether this engine can run the SIMD128 build. */
export function simdSupported(): boolean;

/** Which build `init()` loaded, or null before. */
export function build(): "simd" | "scalar" | null;

/** The face model's bytes, shipped in the package (`url` overrides its location). */
export function loadFaceModel(url?: string | URL): Promise<Uint8Array>;

/** A ready FrameAnalyzer; for faces the model is fetched and loaded. */
export function createFrameAnalyzer(
  options?: import("../pkg/idv_capture.js").AnalyzerOptionsInput & { modelUrl?: string | URL },
): Promise<import("../pkg/idv_capture.js").FrameAnalyzer>;
