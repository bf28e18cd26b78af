//! Vendor panel: choose a provider and a scenario, embed its client (the protocol simulator by
//! default) with exactly the permissions it needs, and let its events flow into the stream.

use idv_core::embed::{EmbedMode, FrameOptions, FramePolicy};
use idv_core::events::{OriginRules, Vendor};
use idv_web::EventStream;
use idv_web::embed::{FrameWatch, VendorFrame};
use leptos::html::Div;
use leptos::prelude::*;

use crate::i18n::Texts;

/// Scenarios: (vendor it applies to, simulator scenario). Names come from [`Texts::scenarios`].
pub(crate) const SCENARIOS: [(Vendor, &str); 8] = [
    (Vendor::Jumio, "manual"),
    (Vendor::Jumio, "success"),
    (Vendor::Jumio, "error-9820"),
    (Vendor::Jumio, "error-9835"),
    (Vendor::LiveId, "answered-completed"),
    (Vendor::LiveId, "not-answered-retry"),
    (Vendor::LiveId, "cancelled"),
    (Vendor::LiveId, "ko"),
];

/// Where the simulators are served: `?vendorOrigin=` or, by default, port 8081 of this host.
fn simulator_origin() -> String {
    let location = web_sys::window().map(|w| w.location());
    let from_query = location.as_ref().and_then(|l| l.search().ok()).and_then(|q| {
        q.trim_start_matches('?').split('&').find_map(|kv| kv.strip_prefix("vendorOrigin=").map(str::to_owned))
    });
    from_query
        .and_then(|v| js_sys::decode_uri_component(&v).ok().and_then(|s| s.as_string()))
        .unwrap_or_else(|| {
            let host = location.and_then(|l| l.hostname().ok()).unwrap_or_else(|| "127.0.0.1".into());
            format!("http://{host}:8081")
        })
}

fn policy_for(vendor: Vendor, scenario: &str) -> Result<FramePolicy, String> {
    let origin = simulator_origin();
    let parent = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    let path = if vendor == Vendor::Jumio { "jumio" } else { "liveid" };
    let parent = js_sys::encode_uri_component(&parent).as_string().unwrap_or_default();
    let url = format!("{origin}/{path}/index.html?scenario={scenario}&parent={parent}&camera=1");
    let mut rules = OriginRules::with_defaults();
    rules.allow_str(vendor, &origin).map_err(|e| e.to_string())?;
    let mode = if vendor == Vendor::Jumio { EmbedMode::Full } else { EmbedMode::Embedded };
    FramePolicy::new(vendor, &url, &rules, &FrameOptions::new().with_mode(mode)).map_err(|e| e.to_string())
}

#[component]
pub(crate) fn VendorPanel(t: Texts, stream: StoredValue<EventStream, LocalStorage>) -> impl IntoView {
    let choice = RwSignal::new(0_usize);
    let status = RwSignal::new(None::<Result<&'static str, String>>);
    let frame: StoredValue<Option<VendorFrame>, LocalStorage> = StoredValue::new_local(None);
    let container = NodeRef::<Div>::new();

    let start = move |_| {
        let (vendor, scenario) = SCENARIOS[choice.get_untracked()];
        frame.set_value(None);
        let Some(parent) = container.get_untracked() else { return };
        let created = policy_for(vendor, scenario).and_then(|policy| {
            let watch = FrameWatch::default_for(vendor);
            stream.with_value(|s| VendorFrame::create(&parent, policy, s, watch)).map_err(|e| e.to_string())
        });
        match created {
            Ok(handle) => {
                frame.set_value(Some(handle));
                status.set(Some(Ok(vendor.as_str())));
            }
            Err(reason) => status.set(Some(Err(reason))),
        }
    };
    let end = move |_| {
        frame.set_value(None);
        status.set(None);
    };
    on_cleanup(move || frame.set_value(None));
    let running = move || matches!(status.get(), Some(Ok(_)));
    let status_text = move || match status.get() {
        None => t.vendor_idle.to_owned(),
        Some(Ok(vendor)) => format!("{} ({vendor}).", t.vendor_running),
        Some(Err(reason)) => format!("{}: {reason}", t.vendor_failed),
    };

    view! {
        <section class="panel vendor" aria-labelledby="vendor-heading">
            <h2 id="vendor-heading">{t.vendor_heading}</h2>
            <p class="muted">{t.simulator_note}</p>
            <div class="controls">
                <label for="scenario">{t.scenario_label}</label>
                <select id="scenario" on:change=move |ev| choice.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {SCENARIOS
                        .iter()
                        .enumerate()
                        .map(|(i, (vendor, _))| {
                            let label = format!("{} — {}", if *vendor == Vendor::Jumio { "Jumio" } else { "LiveID+" }, t.scenarios[i]);
                            view! { <option value=i.to_string()>{label}</option> }
                        })
                        .collect_view()}
                </select>
                <button id="start-vendor" on:click=start>{t.start_vendor}</button>
                <button id="end-vendor" on:click=end disabled=move || !running()>{t.end_vendor}</button>
            </div>
            <p id="vendor-status" role="status" aria-live="polite">{status_text}</p>
            <div id="vendor-frame" class="vendor-frame" node_ref=container></div>
        </section>
    }
}
