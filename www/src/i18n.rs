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
    pub vendor_heading: &'static str,
    pub vendor_label: &'static str,
    pub scenario_label: &'static str,
    pub start_vendor: &'static str,
    pub end_vendor: &'static str,
    pub vendor_idle: &'static str,
    pub vendor_running: &'static str,
    pub vendor_failed: &'static str,
    pub simulator_note: &'static str,
    /// Display names of the simulator scenarios, in [`crate::vendor_panel::SCENARIOS`] order.
    pub scenarios: [&'static str; 8],
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
    vendor_heading: "Verification provider",
    vendor_label: "Provider",
    scenario_label: "Scenario",
    start_vendor: "Start verification",
    end_vendor: "End verification",
    vendor_idle: "No verification running.",
    vendor_running: "Verification running",
    vendor_failed: "The verification could not start",
    simulator_note: "The providers here are protocol simulators served from their own origin: they send each provider's documented events.",
    scenarios: [
        "Manual: choose events in the provider's page",
        "Success",
        "Error: camera unavailable",
        "Error: no acceptable submission",
        "Operator answered, call completed",
        "No operator answered, retried",
        "Cancelled by the user",
        "Device check failed",
    ],
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
    vendor_heading: "Prüfanbieter",
    vendor_label: "Anbieter",
    scenario_label: "Szenario",
    start_vendor: "Prüfung starten",
    end_vendor: "Prüfung beenden",
    vendor_idle: "Keine Prüfung aktiv.",
    vendor_running: "Prüfung läuft",
    vendor_failed: "Die Prüfung konnte nicht starten",
    simulator_note: "Die Anbieter hier sind Protokoll-Simulatoren auf eigenem Origin: Sie senden die dokumentierten Ereignisse des jeweiligen Anbieters.",
    scenarios: [
        "Manuell: Ereignisse auf der Anbieterseite wählen",
        "Erfolg",
        "Fehler: Kamera nicht verfügbar",
        "Fehler: keine gültige Aufnahme",
        "Operator angenommen, Gespräch beendet",
        "Kein Operator, erneuter Versuch",
        "Vom Nutzer abgebrochen",
        "Gerätetest fehlgeschlagen",
    ],
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
