// The ESM entry of the idv-capture npm package.
//
// `init()` loads the wasm once (memoised, idempotent) and every export throws a clear error when
// it is used before `init()` resolved, instead of wasm-bindgen's opaque "cannot read properties of
// undefined".
import wasmInit, * as wasm from "../pkg/idv_capture.js";

let loading = null;
let ready = false;

/**
 * Loads and instantiates the wasm module. Safe to call many times; every call returns the same
 * promise. `input` is optional: a URL, Response, or compiled `WebAssembly.Module`; by default the
 * `.wasm` next to this package's JS is fetched.
 */
export function init(input) {
  if (!loading) {
    const arg = input === undefined ? undefined : { module_or_path: input };
    loading = wasmInit(arg).then(
      () => {
        ready = true;
      },
      (err) => {
        loading = null; // allow a retry after a failed fetch
        throw err;
      },
    );
  }
  return loading;
}

function guard(name, fn) {
  return (...args) => {
    if (!ready) {
      throw new Error(`idv-capture: call and await init() before ${name}()`);
    }
    return fn(...args);
  };
}

export const version = guard("version", wasm.version);
export const lumaMean = guard("lumaMean", wasm.lumaMean);
export const normalizeMessage = guard("normalizeMessage", wasm.normalizeMessage);
export const parseReturnUrl = guard("parseReturnUrl", wasm.parseReturnUrl);
export const createEventStream = guard("createEventStream", wasm.createEventStream);
export const allowAttribute = guard("allowAttribute", wasm.allowAttribute);
export const iframeHtml = guard("iframeHtml", wasm.iframeHtml);
export const openInNewTab = guard("openInNewTab", wasm.openInNewTab);
export const redirectTo = guard("redirectTo", wasm.redirectTo);
export { EventStream, VendorFrame } from "../pkg/idv_capture.js";
export const preflight = guard("preflight", wasm.preflight);
export { Camera, MicrophoneMeter, FrameSource } from "../pkg/idv_capture.js";
