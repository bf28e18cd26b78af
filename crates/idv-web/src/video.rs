//! A `<video>` element showing a camera stream: attached on creation, detached on drop.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlVideoElement, MediaStream};

use crate::dom::{self, MissingGlobal};

/// Why the preview could not show frames.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VideoError {
    #[error(transparent)]
    Missing(#[from] MissingGlobal),
    /// `play()` was refused (autoplay policy) or the element could not be attached.
    #[error("video playback failed: {0}")]
    Playback(String),
    /// No decoded frame arrived within the time allowed.
    #[error("no video frame within {0} ms")]
    Timeout(u32),
}

/// A muted, inline, autoplaying `<video>` bound to a stream. On drop it pauses, releases the
/// stream and removes itself from the page.
#[derive(Debug)]
pub struct VideoPreview {
    element: HtmlVideoElement,
}

impl VideoPreview {
    /// Creates the element, binds `stream` and starts playback. With `parent`, the element is
    /// appended there (visible preview); without, it stays off-document (analysis only).
    pub async fn attach(stream: &MediaStream, parent: Option<&Element>) -> Result<Self, VideoError> {
        let element: HtmlVideoElement = dom::create("video")?;
        element.set_muted(true);
        element.set_autoplay(true);
        // iOS Safari / WKWebView only plays inline video with this attribute.
        element
            .set_attribute("playsinline", "")
            .map_err(|e| VideoError::Playback(dom::error_message(&e)))?;
        element.set_src_object(Some(stream));
        if let Some(parent) = parent {
            parent
                .append_child(&element)
                .map_err(|e| VideoError::Playback(dom::error_message(&e)))?;
        }
        let preview = Self { element };
        if let Ok(promise) = preview.element.play() {
            wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .map_err(|e| VideoError::Playback(dom::error_message(&e)))?;
        }
        Ok(preview)
    }

    /// Waits until the element has a decoded frame with known dimensions.
    pub async fn ready(&self, timeout_ms: u32) -> Result<(u32, u32), VideoError> {
        let start = js_sys::Date::now();
        loop {
            // HAVE_CURRENT_DATA = 2
            if self.element.ready_state() >= 2 && self.element.video_width() > 0 {
                return Ok((self.element.video_width(), self.element.video_height()));
            }
            if js_sys::Date::now() - start > f64::from(timeout_ms) {
                return Err(VideoError::Timeout(timeout_ms));
            }
            crate::time::sleep_ms(10).await;
        }
    }

    pub fn element(&self) -> &HtmlVideoElement {
        &self.element
    }
}

impl Drop for VideoPreview {
    fn drop(&mut self) {
        let _ = self.element.pause();
        self.element.set_src_object(None);
        self.element.unchecked_ref::<Element>().remove();
    }
}
