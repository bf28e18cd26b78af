//! Every user-facing string of the demo, per language. Add a language by adding a `Texts` value
//! and a match arm in [`Texts::for_language`]; components never hold literal text.

/// The demo's strings in one language.
#[derive(Debug, Clone, Copy)]
pub struct Texts {
    pub lang: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub camera_heading: &'static str,
    pub start_camera: &'static str,
    pub stop_camera: &'static str,
    pub camera_off: &'static str,
    pub camera_starting: &'static str,
    pub camera_live: &'static str,
    pub camera_failed: &'static str,
    pub preview_label: &'static str,
    pub log_heading: &'static str,
    pub log_empty: &'static str,
}

pub const EN: Texts = Texts {
    lang: "en",
    title: "idv-capture demo",
    intro: "Identity verification capture: camera, frame quality and vendor events in one place.",
    camera_heading: "Camera",
    start_camera: "Start camera",
    stop_camera: "Stop camera",
    camera_off: "Camera is off.",
    camera_starting: "Starting camera…",
    camera_live: "Camera is on",
    camera_failed: "Camera could not start",
    preview_label: "Live camera preview",
    log_heading: "Event log",
    log_empty: "No events yet.",
};

pub const DE: Texts = Texts {
    lang: "de",
    title: "idv-capture Demo",
    intro: "Erfassung für die Identitätsprüfung: Kamera, Bildqualität und Anbieter-Ereignisse an einem Ort.",
    camera_heading: "Kamera",
    start_camera: "Kamera starten",
    stop_camera: "Kamera stoppen",
    camera_off: "Die Kamera ist aus.",
    camera_starting: "Kamera wird gestartet …",
    camera_live: "Die Kamera ist an",
    camera_failed: "Die Kamera konnte nicht starten",
    preview_label: "Live-Kameravorschau",
    log_heading: "Ereignisprotokoll",
    log_empty: "Noch keine Ereignisse.",
};

impl Texts {
    /// The strings for a BCP 47 tag such as `de-AT`; English when the language is not available.
    pub fn for_language(tag: &str) -> Texts {
        match tag.split('-').next().unwrap_or("").to_ascii_lowercase().as_str() {
            "de" => DE,
            _ => EN,
        }
    }

    /// The strings for the browser's preferred language (`?lang=` in the URL overrides it).
    pub fn from_browser() -> Texts {
        let window = web_sys::window();
        let from_query = window
            .as_ref()
            .and_then(|w| w.location().search().ok())
            .and_then(|q| {
                q.trim_start_matches('?')
                    .split('&')
                    .find_map(|kv| kv.strip_prefix("lang=").map(str::to_owned))
            });
        let tag = from_query
            .or_else(|| window.and_then(|w| w.navigator().language()))
            .unwrap_or_default();
        Self::for_language(&tag)
    }
}
