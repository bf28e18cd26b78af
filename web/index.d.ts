// Types of the idv-capture npm package: the generated declarations, plus `init`.
export {
  version,
  lumaMean,
  normalizeMessage,
  parseReturnUrl,
  createEventStream,
  EventStream,
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
