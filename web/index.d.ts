// Types of the idv-capture npm package: the generated declarations, plus `init`.
export { version, lumaMean } from "../pkg/idv_capture.js";

/** Loads the wasm module once; every call returns the same promise. */
export function init(input?: string | URL | Request | Response | WebAssembly.Module): Promise<void>;
