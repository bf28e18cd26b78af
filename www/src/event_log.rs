//! The event log panel: every event of the stream (history first), announced politely to screen
//! readers.

use idv_core::events::Event;
use idv_web::{EventStream, Subscription};
use leptos::prelude::*;

use crate::i18n::Texts;

/// One line of the log: `#seq vendor type (step/code) — message`.
fn describe(e: &Event) -> String {
    let body = &e.body;
    let mut line = format!("#{} {} {}", e.seq, body.vendor, body.type_name());
    if let Some(step) = body.kind.step() {
        line.push_str(&format!(" ({step:?})"));
    }
    if let idv_core::events::EventKind::Diagnostic(d) = &body.kind {
        line.push_str(&format!(" [{}{}]", d.check, if d.passed { "" } else { " ✗" }));
    }
    if let Some(code) = &body.code {
        line.push_str(&format!(" code {code}"));
    }
    if body.terminal {
        line.push_str(" · terminal");
    }
    if let Some(message) = &body.message {
        line.push_str(&format!(" — {message}"));
    }
    line
}

#[component]
pub(crate) fn EventLog(t: Texts, stream: StoredValue<EventStream, LocalStorage>) -> impl IntoView {
    let entries: RwSignal<Vec<(u64, String)>> = RwSignal::new(Vec::new());
    let subscription: StoredValue<Option<Subscription>, LocalStorage> = StoredValue::new_local(None);
    let sub = stream.with_value(|s| s.subscribe_from(0, move |e| entries.update(|v| v.push((e.seq, describe(e))))));
    subscription.set_value(Some(sub));
    on_cleanup(move || subscription.set_value(None));
    view! {
        <section class="panel" aria-labelledby="log-heading">
            <h2 id="log-heading">{t.log_heading}</h2>
            <ol id="event-log" role="log" aria-live="polite" aria-relevant="additions">
                <For each=move || entries.get() key=|(seq, _)| *seq let:entry>
                    <li>{entry.1}</li>
                </For>
            </ol>
            <Show when=move || entries.with(Vec::is_empty)>
                <p class="muted">{t.log_empty}</p>
            </Show>
        </section>
    }
}
