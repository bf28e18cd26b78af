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
  CameraStarted,
  CameraStopped,
  DeviceError,
  Feedback,
  Captured,
  Diagnostic,
  JsonValue,
} from "../pkg/idv_capture.js";

/** Loads the wasm module once; every call returns the same promise. */
export function init(input?: string | URL | Request | Response | WebAssembly.Module): Promise<void>;
