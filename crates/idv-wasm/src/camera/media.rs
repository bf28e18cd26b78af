//! `MicrophoneMeter` and `preflight()` for JS.

use std::cell::RefCell;
use std::rc::Rc;

use idv_core::events::MediaDevice;
use idv_web::EventStream;
use idv_web::microphone::{MicrophoneMeter, MicrophoneOptions};
use idv_web::preflight::{self, PreflightOptions};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::{camera_error, facing};
use crate::convert::{Fields, to_js};
use crate::stream::JsEventStream;

fn number(f: &Fields<'_>, key: &str, context: &str) -> Result<Option<f64>, JsError> {
    f.raw(key)
        .map(|v| {
            v.as_f64()
                .filter(|n| n.is_finite())
                .ok_or_else(|| JsError::new(&format!("{context}: `{key}` must be a number")))
        })
        .transpose()
}

fn microphone_options(value: &JsValue) -> Result<MicrophoneOptions, JsError> {
    const CONTEXT: &str = "MicrophoneMeter.open";
    let f = Fields::new(value, CONTEXT)?;
    let mut o = MicrophoneOptions {
        device_id: f.string("deviceId")?,
        ..MicrophoneOptions::default()
    };
    if let Some(w) = f.count("window")? {
        o.window = w;
    }
    if let Some(t) = number(&f, "silenceThresholdDbfs", CONTEXT)? {
        o.silence_threshold_dbfs = t;
    }
    if let Some(ms) = number(&f, "silenceMs", CONTEXT)? {
        o.silence_ms = ms.max(0.0);
    }
    o.raw = f.bool("raw")?.unwrap_or(o.raw);
    Ok(o)
}

/// A microphone level meter (Web Audio `AnalyserNode`). Like `Camera`: construct, optionally
/// `attach(stream)` for `deviceError` events, then `open()` (or `openStream(mediaStream)`).
/// `close()` (or `free()`, or garbage collection) closes its audio graph and stops the
/// microphone it opened.
#[wasm_bindgen(js_name = "MicrophoneMeter")]
#[derive(Debug)]
pub struct JsMicrophoneMeter {
    options: MicrophoneOptions,
    events: RefCell<Option<EventStream>>,
    meter: Rc<RefCell<Option<MicrophoneMeter>>>,
}

#[wasm_bindgen(js_class = "MicrophoneMeter")]
impl JsMicrophoneMeter {
    /// A closed meter with these options.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "MicrophoneOptions | undefined")] options: JsValue,
    ) -> Result<JsMicrophoneMeter, JsError> {
        Ok(JsMicrophoneMeter {
            options: microphone_options(&options)?,
            events: RefCell::new(None),
            meter: Rc::new(RefCell::new(None)),
        })
    }

    /// Reports a failure to open as a `deviceError` event (`device: "microphone"`) into
    /// `stream`.
    pub fn attach(&self, stream: &JsEventStream) {
        *self.events.borrow_mut() = Some(stream.inner.clone());
    }

    /// Stops reporting events.
    pub fn detach(&self) {
        self.events.borrow_mut().take();
    }

    /// Opens the microphone and meters it (closing what was open). Rejects with a
    /// `CameraError` (`device: "microphone"`).
    #[wasm_bindgen(unchecked_return_type = "Promise<void>")]
    pub fn open(&self) -> js_sys::Promise {
        self.close();
        let (options, events, slot) = (
            self.options.clone(),
            self.events.borrow().clone(),
            Rc::clone(&self.meter),
        );
        future_to_promise(async move {
            let meter = MicrophoneMeter::open(&options, events.as_ref())
                .await
                .map_err(|e| camera_error(&e, MediaDevice::Microphone))?;
            *slot.borrow_mut() = Some(meter);
            Ok(JsValue::UNDEFINED)
        })
    }

    /// Meters the audio of `stream` (for instance `camera.mediaStream` opened with
    /// `audio: true`); its tracks stay the caller's.
    #[wasm_bindgen(js_name = "openStream", unchecked_return_type = "Promise<void>")]
    pub fn open_stream(&self, stream: web_sys::MediaStream) -> js_sys::Promise {
        self.close();
        let (options, slot) = (self.options.clone(), Rc::clone(&self.meter));
        future_to_promise(async move {
            let meter = MicrophoneMeter::attach(&stream, &options)
                .await
                .map_err(|e| camera_error(&e, MediaDevice::Microphone))?;
            *slot.borrow_mut() = Some(meter);
            Ok(JsValue::UNDEFINED)
        })
    }

    /// The current level: `{ rmsDbfs, peakDbfs, silent, silentForMs }` (`-Infinity` dBFS for
    /// digital silence). Throws when the meter is not open.
    #[wasm_bindgen(unchecked_return_type = "MicrophoneLevel")]
    pub fn level(&self) -> Result<JsValue, JsError> {
        let mut slot = self.meter.borrow_mut();
        let meter = slot
            .as_mut()
            .ok_or_else(|| JsError::new("MicrophoneMeter: not open"))?;
        let level = meter.sample();
        let out = js_sys::Object::new();
        let set = |k: &str, v: JsValue| js_sys::Reflect::set(&out, &k.into(), &v).map(drop);
        set("rmsDbfs", level.rms_dbfs.into())
            .and_then(|()| set("peakDbfs", level.peak_dbfs.into()))
            .and_then(|()| set("silent", level.silent.into()))
            .and_then(|()| set("silentForMs", level.silent_for_ms.into()))
            .map_err(|_| JsError::new("MicrophoneMeter: could not build the level"))?;
        Ok(out.into())
    }

    /// True while open and the audio graph runs (false while the browser keeps it suspended
    /// for want of a user gesture).
    #[wasm_bindgen(getter)]
    pub fn running(&self) -> bool {
        self.meter
            .borrow()
            .as_ref()
            .is_some_and(MicrophoneMeter::is_running)
    }

    /// Closes the audio graph and stops the microphone it opened.
    pub fn close(&self) {
        let meter = self.meter.borrow_mut().take();
        drop(meter);
    }
}

fn preflight_options(value: &JsValue) -> Result<PreflightOptions, JsError> {
    const CONTEXT: &str = "preflight";
    let f = Fields::new(value, CONTEXT)?;
    let mut o = PreflightOptions::default();
    o.camera = f.bool("camera")?.unwrap_or(o.camera);
    o.microphone = f.bool("microphone")?.unwrap_or(o.microphone);
    if let Some(w) = f.count("width")? {
        o.width = w;
    }
    if let Some(h) = f.count("height")? {
        o.height = h;
    }
    if f.raw("facingMode").is_some() {
        o.facing = facing(f.string("facingMode")?, CONTEXT)?;
    }
    if let Some(fps) = number(&f, "minFps", CONTEXT)? {
        o.min_fps = fps;
    }
    if let Some(ms) = f.count("cameraMs")? {
        o.camera_ms = ms;
    }
    if let Some(db) = number(&f, "minSignalDbfs", CONTEXT)? {
        o.min_signal_dbfs = db;
    }
    if let Some(ms) = f.count("microphoneMs")? {
        o.microphone_ms = ms;
    }
    Ok(o)
}

/// Tests the camera (opens, moving frames, size, frame rate) and the microphone (signal), the
/// permissions and the secure context; each check is a line of the report. Never rejects for a
/// failed check. `camera.preflight()` does the same and reports every check as a `diagnostic`
/// event into the camera's stream.
#[wasm_bindgen(unchecked_return_type = "Promise<PreflightReport>")]
pub fn preflight(
    #[wasm_bindgen(unchecked_param_type = "PreflightOptions | undefined")] options: JsValue,
) -> Result<js_sys::Promise, JsError> {
    run_preflight(&options, None)
}

pub(crate) fn run_preflight(
    options: &JsValue,
    events: Option<EventStream>,
) -> Result<js_sys::Promise, JsError> {
    let options = preflight_options(options)?;
    Ok(future_to_promise(async move {
        let report = preflight::run(&options, events.as_ref()).await;
        to_js(&report).map_err(JsValue::from)
    }))
}
