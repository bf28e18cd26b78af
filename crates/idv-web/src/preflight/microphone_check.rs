//! The microphone check: it opens and its signal rises above digital silence.

use idv_core::events::Severity;

use super::options::PreflightOptions;
use super::recorder::Recorder;
use super::report::MicrophoneMeasurement;
use crate::microphone::{MicrophoneMeter, MicrophoneOptions, now_ms};
use crate::time;

pub(super) async fn measure_microphone(
    options: &PreflightOptions,
    rec: &mut Recorder<'_>,
) -> Option<MicrophoneMeasurement> {
    let mut meter = match MicrophoneMeter::open(&MicrophoneOptions::default(), None).await {
        Ok(m) => m,
        Err(e) => {
            let detail = e.explanation(idv_core::events::MediaDevice::Microphone);
            rec.record(
                "preflightMicrophoneOpen",
                false,
                Severity::Error,
                detail,
                Some("See the deviceError code: permission or device."),
            );
            return None;
        }
    };
    rec.record(
        "preflightMicrophoneOpen",
        true,
        Severity::Error,
        "the microphone opened".into(),
        None,
    );
    let start = now_ms();
    let (mut peak, mut rms, mut samples) = (f64::NEG_INFINITY, f64::NEG_INFINITY, 0u32);
    while now_ms() - start < f64::from(options.microphone_ms) {
        time::sleep_ms(40).await;
        let level = meter.sample();
        peak = peak.max(level.peak_dbfs);
        rms = rms.max(level.rms_dbfs);
        samples += 1;
    }
    let running = meter.is_running();
    drop(meter);
    let passed = peak > options.min_signal_dbfs;
    let detail = format!(
        "loudest peak {peak:.1} dBFS, loudest RMS {rms:.1} dBFS over {} ms (above {} dBFS wanted){}",
        options.microphone_ms,
        options.min_signal_dbfs,
        if running {
            ""
        } else {
            "; the audio graph stayed suspended (no user gesture yet)"
        }
    );
    rec.record(
        "preflightMicrophoneSignal",
        passed,
        Severity::Error,
        detail,
        Some("The microphone delivers silence: it may be muted in the system or by a hardware switch, or another device is selected."),
    );
    Some(MicrophoneMeasurement {
        peak_dbfs: peak,
        rms_dbfs: rms,
        samples,
    })
}
