// The ESM entry of the idv-capture npm package.
//
// `init()` loads the wasm once (memoised, idempotent) and every export throws a clear error when
// it is used before `init()` resolved, instead of wasm-bindgen's opaque "cannot read properties of
// undefined".
// Two builds ship: scalar (pkg/) and SIMD128 (pkg/simd/). `init()` picks SIMD where the engine
// validates a SIMD module (Chrome 91+, Firefox 89+, Safari 16.4+), scalar elsewhere.

let loading = null;
let wasm = null;
let loadedSimd = false;

/** A minimal module using `i8x16.splat` and `i8x16.popcnt`: valid only with Wasm SIMD. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

/** Whether this engine runs the SIMD build. */
export function simdSupported() {
  try {
    return WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/**
 * Loads and instantiates the wasm module. Safe to call many times; every call returns the same
 * promise. Options: `simd` (default: detected) forces a build; `module` is a URL, Response or
 * compiled `WebAssembly.Module` of that build's `.wasm` (default: the file next to its JS).
 * A URL/Response/Module given directly (`init(url)`) is taken as `{ module }`.
 */
export function init(options) {
  if (!loading) {
    const opts =
      options === undefined || (typeof options === "object" && !(options instanceof URL) &&
        !(options instanceof Response) && !(options instanceof WebAssembly.Module) && !(options instanceof Request))
        ? options ?? {}
        : { module: options };
    const simd = opts.simd ?? simdSupported();
    loading = (simd ? import("../pkg/simd/idv_capture.js") : import("../pkg/idv_capture.js"))
      .then(async (mod) => {
        await mod.default(opts.module === undefined ? undefined : { module_or_path: opts.module });
        wasm = mod;
        loadedSimd = simd;
      })
      .catch((err) => {
        loading = null; // allow a retry after a failed fetch
        throw err;
      });
  }
  return loading;
}

/** Which build `init()` loaded: "simd", "scalar", or null before init. */
export function build() {
  return wasm ? (loadedSimd ? "simd" : "scalar") : null;
}

function loaded(name) {
  if (!wasm) {
    throw new Error(`idv-capture: call and await init() before ${name}`);
  }
  return wasm;
}

function guard(name) {
  return (...args) => loaded(`${name}()`)[name](...args);
}

/** A class of the loaded build: `new`, statics and `instanceof` forward to it. */
function guardClass(name) {
  return new Proxy(function () {}, {
    construct(_target, args) {
      return new (loaded(`new ${name}()`)[name])(...args);
    },
    get(_target, prop) {
      if (prop === Symbol.hasInstance) return (value) => wasm !== null && value instanceof wasm[name];
      return Reflect.get(loaded(`${name}.${String(prop)}`)[name], prop);
    },
  });
}

export const version = guard("version");
export const lumaMean = guard("lumaMean");
export const normalizeMessage = guard("normalizeMessage");
export const parseReturnUrl = guard("parseReturnUrl");
export const createEventStream = guard("createEventStream");
export const allowAttribute = guard("allowAttribute");
export const iframeHtml = guard("iframeHtml");
export const openInNewTab = guard("openInNewTab");
export const redirectTo = guard("redirectTo");
export const EventStream = guardClass("EventStream");
export const VendorFrame = guardClass("VendorFrame");
export const preflight = guard("preflight");
export const Camera = guardClass("Camera");
export const MicrophoneMeter = guardClass("MicrophoneMeter");
export const FrameSource = guardClass("FrameSource");
export const FrameAnalyzer = guardClass("FrameAnalyzer");
export const FaceDetector = guardClass("FaceDetector");
export const QualityAnalyzer = guardClass("QualityAnalyzer");

/** The face model's bytes (shipped in the package; `url` overrides where it comes from). */
export async function loadFaceModel(url) {
  loaded("loadFaceModel()");
  const response = await fetch(url ?? new URL("../pkg/models/face_detection_short_range.tflite", import.meta.url));
  if (!response.ok) throw new Error(`idv-capture: face model: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * A ready `FrameAnalyzer`: for faces, the model is fetched and loaded. `options.modelUrl`
 * overrides the model's location (a CDN, a self-hosted copy).
 */
export async function createFrameAnalyzer(options = {}) {
  const { modelUrl, ...rest } = options;
  const analyzer = new (loaded("createFrameAnalyzer()").FrameAnalyzer)(rest);
  if (analyzer.subject === "face") analyzer.loadFaceModel(await loadFaceModel(modelUrl));
  return analyzer;
}
