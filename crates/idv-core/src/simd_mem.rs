//! 16-byte loads into `v128` and stores out of it for the SIMD128 kernels — the only `unsafe`
//! in idv-core.
//!
//! The safe route, `u8x16(a[0], …, a[15])`, is merged into one `v128.load` only sometimes: in
//! the 2×2 pass LLVM (at the size-first `opt-level = "s"`) emitted sixteen `v128.load8_lane`
//! per vector instead (seen with `wasm-dis`), which made the pass slower than scalar code.
//! `v128_load` takes a raw pointer, so it is `unsafe`; it is sound here because the pointer
//! comes from a `&[u8; 16]` (valid, initialised and readable for 16 bytes; `&mut` for stores)
//! and wasm's `v128.load`/`v128.store` have no alignment requirement (the intrinsics emit
//! `align=1`).

#![allow(unsafe_code)]

use core::arch::wasm32::{v128, v128_load, v128_store};

/// The 16 bytes of `a` as one vector.
#[inline(always)]
pub(crate) fn load16(a: &[u8; 16]) -> v128 {
    // SAFETY: `a` is a live reference to 16 bytes; `v128_load` reads exactly 16 bytes and
    // accepts any alignment.
    unsafe { v128_load(a.as_ptr().cast::<v128>()) }
}

/// Writes `v` to the 16 bytes of `out`. (`out.copy_from_slice(…)` of two halves stayed a call
/// to a generic `memcpy` routine per store in the release build: 10 % of the analysis time.)
#[inline(always)]
pub(crate) fn store16(out: &mut [u8; 16], v: v128) {
    // SAFETY: `out` is a live, exclusive reference to 16 bytes; `v128_store` writes exactly 16
    // bytes and accepts any alignment.
    unsafe { v128_store(out.as_mut_ptr().cast::<v128>(), v) }
}
