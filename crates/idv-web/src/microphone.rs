//! The microphone: level meter (RMS and peak in dBFS) and silence detection.
//!
//! [`MicrophoneMeter`] runs the stream through a Web Audio `AnalyserNode` and reads its time
//! domain into one reusable buffer per [`sample`](MicrophoneMeter::sample): no allocation per
//! reading. On drop it disconnects its nodes, closes its `AudioContext`, and stops the tracks it
//! opened itself.

use idv_core::events::MediaDevice;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AnalyserNode, AudioContext, AudioContextState, MediaStream, MediaStreamAudioSourceNode,
};

use crate::camera::{CameraError, CameraStream, get_user_media};
use crate::{EventStream, dom};

/// How the meter listens and what counts as silence.
#[derive(Debug, Clone, PartialEq)]
pub struct MicrophoneOptions {
    /// A specific microphone (`deviceId` from enumeration).
    pub device_id: Option<String>,
    /// Samples per reading (the analyser's `fftSize`, a power of two 32–32768). Default 2048
    /// (~43 ms at 48 kHz).
    pub window: u32,
    /// Below this RMS level the input counts as silent. Default -50 dBFS.
    pub silence_threshold_dbfs: f64,
    /// How long it must stay below the threshold to be reported silent. Default 500 ms.
    pub silence_ms: f64,
    /// Ask the browser for unprocessed audio (no echo cancellation, noise suppression or gain
    /// control), so the levels are the microphone's. Default true.
    pub raw: bool,
}

impl Default for MicrophoneOptions {
    fn default() -> Self {
        Self {
            device_id: None,
            window: 2048,
            silence_threshold_dbfs: -50.0,
            silence_ms: 500.0,
            raw: true,
        }
    }
}

/// One reading of the input level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Level {
    /// Root mean square of the window, in dBFS (`-inf` for digital silence).
    pub rms_dbfs: f64,
    /// Largest absolute sample of the window, in dBFS (`-inf` for digital silence).
    pub peak_dbfs: f64,
    /// Below the threshold for at least the configured time.
    pub silent: bool,
    /// How long the input has been below the threshold (0 when it is not).
    pub silent_for_ms: f64,
}

/// Amplitude (1.0 = full scale) to dBFS.
pub fn to_dbfs(amplitude: f64) -> f64 {
    if amplitude > 0.0 {
        20.0 * amplitude.log10()
    } else {
        f64::NEG_INFINITY
    }
}

/// RMS and peak of `samples`, in dBFS.
pub fn levels(samples: &[f32]) -> (f64, f64) {
    if samples.is_empty() {
        return (f64::NEG_INFINITY, f64::NEG_INFINITY);
    }
    let (sum, peak) = samples.iter().fold((0.0f64, 0.0f64), |(sum, peak), &s| {
        let s = f64::from(s);
        (sum + s * s, peak.max(s.abs()))
    });
    (to_dbfs((sum / samples.len() as f64).sqrt()), to_dbfs(peak))
}

/// "Below `threshold` for at least `min_ms`", from readings at arbitrary times.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SilenceDetector {
    threshold_dbfs: f64,
    min_ms: f64,
    below_since: Option<f64>,
}

impl SilenceDetector {
    pub fn new(threshold_dbfs: f64, min_ms: f64) -> Self {
        Self {
            threshold_dbfs,
            min_ms,
            below_since: None,
        }
    }

    /// Takes a reading at `now_ms`; returns `(silent, silent_for_ms)`.
    pub fn update(&mut self, rms_dbfs: f64, now_ms: f64) -> (bool, f64) {
        if rms_dbfs < self.threshold_dbfs {
            let since = *self.below_since.get_or_insert(now_ms);
            let for_ms = (now_ms - since).max(0.0);
            (for_ms >= self.min_ms, for_ms)
        } else {
            self.below_since = None;
            (false, 0.0)
        }
    }
}

/// A level meter on a microphone stream. Owns its `AudioContext` and nodes (and the tracks, when
/// it opened the microphone itself); all released on drop.
#[derive(Debug)]
#[must_use = "dropping the meter closes its audio graph at once"]
pub struct MicrophoneMeter {
    ctx: AudioContext,
    source: MediaStreamAudioSourceNode,
    analyser: AnalyserNode,
    buf: Vec<f32>,
    silence: SilenceDetector,
    /// The microphone this meter opened (`open`); `None` when it meters a caller's stream.
    owned: Option<CameraStream>,
}

fn audio_error(e: &wasm_bindgen::JsValue) -> CameraError {
    CameraError::from_js(e)
}

impl MicrophoneMeter {
    /// Opens the microphone and meters it. Failures are typed and, with `events`, reported as a
    /// `deviceError` with `device: microphone`.
    pub async fn open(
        options: &MicrophoneOptions,
        events: Option<&EventStream>,
    ) -> Result<Self, CameraError> {
        let result = Self::open_inner(options).await;
        if let (Err(error), Some(events)) = (&result, events)
            && let Some(event) = error.event(MediaDevice::Microphone)
        {
            events.push(event);
        }
        result
    }

    async fn open_inner(options: &MicrophoneOptions) -> Result<Self, CameraError> {
        let constraints = audio_constraints(options).map_err(|e| audio_error(&e))?;
        let stream = CameraStream::from_media_stream(get_user_media(&constraints).await?);
        let mut meter = Self::attach(stream.media_stream(), options).await?;
        meter.owned = Some(stream);
        Ok(meter)
    }

    /// Meters `stream`'s audio (for instance a [`CameraStream`] opened with `audio: true`). The
    /// tracks stay the caller's. Resumes the `AudioContext` if the browser created it suspended
    /// (autoplay policy: call this from a user gesture on such browsers).
    pub async fn attach(
        stream: &MediaStream,
        options: &MicrophoneOptions,
    ) -> Result<Self, CameraError> {
        if stream.get_audio_tracks().length() == 0 {
            return Err(CameraError::NoDevice);
        }
        let ctx = AudioContext::new().map_err(|e| audio_error(&e))?;
        let source = match ctx.create_media_stream_source(stream) {
            Ok(s) => s,
            Err(e) => {
                let _ = ctx.close();
                return Err(audio_error(&e));
            }
        };
        let analyser = match ctx.create_analyser() {
            Ok(a) => a,
            Err(e) => {
                let _ = ctx.close();
                return Err(audio_error(&e));
            }
        };
        let window = options.window.clamp(32, 32768).next_power_of_two();
        analyser.set_fft_size(window);
        let meter = Self {
            ctx,
            source,
            analyser,
            buf: vec![0.0; window as usize],
            silence: SilenceDetector::new(options.silence_threshold_dbfs, options.silence_ms),
            owned: None,
        };
        meter
            .source
            .connect_with_audio_node(&meter.analyser)
            .map_err(|e| audio_error(&e))?;
        if meter.ctx.state() == AudioContextState::Suspended
            && let Ok(promise) = meter.ctx.resume()
        {
            // Refused without a user gesture on some browsers; the meter then reads silence
            // until `resume()` succeeds.
            let _ = JsFuture::from(promise).await;
        }
        Ok(meter)
    }

    /// Reads the current window: RMS, peak and the silence state. Allocates nothing.
    pub fn sample(&mut self) -> Level {
        self.analyser.get_float_time_domain_data(&mut self.buf);
        let (rms_dbfs, peak_dbfs) = levels(&self.buf);
        let now = now_ms();
        let (silent, silent_for_ms) = self.silence.update(rms_dbfs, now);
        Level {
            rms_dbfs,
            peak_dbfs,
            silent,
            silent_for_ms,
        }
    }

    /// True while the audio graph runs (false when the browser keeps it suspended).
    pub fn is_running(&self) -> bool {
        self.ctx.state() == AudioContextState::Running
    }

    /// The sample rate of the audio graph, in Hz.
    pub fn sample_rate(&self) -> f32 {
        self.ctx.sample_rate()
    }

    /// The stream this meter opened itself, if any.
    pub fn stream(&self) -> Option<&CameraStream> {
        self.owned.as_ref()
    }

    /// Closes the meter now. Equivalent to dropping it.
    pub fn close(self) {}
}

impl Drop for MicrophoneMeter {
    fn drop(&mut self) {
        let _ = self.source.disconnect();
        let _ = self.analyser.disconnect();
        let _ = self.ctx.close();
        // `owned` drops after this: its tracks stop.
    }
}

pub(crate) fn now_ms() -> f64 {
    dom::window()
        .ok()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

fn audio_constraints(options: &MicrophoneOptions) -> Result<js_sys::Object, wasm_bindgen::JsValue> {
    let audio = js_sys::Object::new();
    let set = |o: &js_sys::Object, k: &str, v: &wasm_bindgen::JsValue| {
        js_sys::Reflect::set(o, &k.into(), v).map(drop)
    };
    if options.raw {
        for key in ["echoCancellation", "noiseSuppression", "autoGainControl"] {
            set(&audio, key, &false.into())?;
        }
    }
    if let Some(id) = &options.device_id {
        let exact = js_sys::Object::new();
        set(&exact, "exact", &id.into())?;
        set(&audio, "deviceId", &exact)?;
    }
    let constraints = js_sys::Object::new();
    set(&constraints, "audio", &audio)?;
    set(&constraints, "video", &false.into())?;
    Ok(constraints)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_of_a_half_scale_sine_and_of_silence() {
        let sine: Vec<f32> = (0..4800)
            .map(|i| 0.5 * (i as f32 * 2.0 * std::f32::consts::PI * 440.0 / 48000.0).sin())
            .collect();
        let (rms, peak) = levels(&sine);
        assert!((peak - -6.02).abs() < 0.05, "peak {peak}");
        assert!((rms - -9.03).abs() < 0.05, "rms {rms}");
        let (rms, peak) = levels(&[0.0; 64]);
        assert_eq!((rms, peak), (f64::NEG_INFINITY, f64::NEG_INFINITY));
    }

    #[test]
    fn silence_needs_the_minimum_duration_and_resets_on_sound() {
        let mut d = SilenceDetector::new(-50.0, 500.0);
        assert_eq!(d.update(-80.0, 1000.0), (false, 0.0));
        assert_eq!(d.update(f64::NEG_INFINITY, 1400.0), (false, 400.0));
        assert_eq!(d.update(-60.0, 1500.0), (true, 500.0));
        assert_eq!(d.update(-10.0, 1600.0), (false, 0.0));
        assert_eq!(d.update(-70.0, 1700.0), (false, 0.0));
    }
}
