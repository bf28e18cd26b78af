//! The event log panel: every event of the stream, announced politely to screen readers.

use leptos::prelude::*;

use crate::i18n::Texts;

#[component]
pub(crate) fn EventLog(t: Texts) -> impl IntoView {
    let entries: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    view! {
        <section class="panel" aria-labelledby="log-heading">
            <h2 id="log-heading">{t.log_heading}</h2>
            <ol id="event-log" role="log" aria-live="polite" aria-relevant="additions">
                <For each=move || entries.get() key=|e| e.clone() let:entry>
                    <li>{entry}</li>
                </For>
            </ol>
            <Show when=move || entries.with(Vec::is_empty)>
                <p class="muted">{t.log_empty}</p>
            </Show>
        </section>
    }
}
