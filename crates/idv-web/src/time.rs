//! Timers as futures.

use wasm_bindgen::JsValue;

/// Resolves after `ms` milliseconds (on the window's timer; immediately when there is none).
pub(crate) async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let set = web_sys::window().map(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32)
        });
        if !matches!(set, Some(Ok(_))) {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A `setTimeout` that is cancelled when dropped.
#[derive(Debug)]
#[must_use = "dropping the timeout cancels it"]
pub struct Timeout {
    id: Option<i32>,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Timeout {
    /// Calls `f` once after `ms` milliseconds unless dropped first. `None` without a window.
    pub fn new(ms: u32, f: impl FnOnce() + 'static) -> Option<Self> {
        let mut f = Some(f);
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            if let Some(f) = f.take() {
                f();
            }
        });
        let id = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                wasm_bindgen::JsCast::unchecked_ref(callback.as_ref()),
                i32::try_from(ms).unwrap_or(i32::MAX),
            )
            .ok()?;
        Some(Self { id: Some(id), _callback: callback })
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let (Some(id), Some(window)) = (self.id.take(), web_sys::window()) {
            window.clear_timeout_with_handle(id);
        }
    }
}
