//! Camera panel: start / stop the camera and show the live preview.

use idv_web::{CameraOptions, CameraStream, VideoPreview};
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::Texts;

#[derive(Debug, Clone, PartialEq)]
enum Status {
    Off,
    Starting,
    Live { width: u32, height: u32 },
    Failed(String),
}

/// The open camera and its preview; dropping it stops the tracks and removes the element.
struct Live {
    _preview: VideoPreview,
    _camera: CameraStream,
}

#[component]
pub(crate) fn CameraPanel(t: Texts) -> impl IntoView {
    let status = RwSignal::new(Status::Off);
    let live: StoredValue<Option<Live>, LocalStorage> = StoredValue::new_local(None);
    let preview_ref = NodeRef::<Div>::new();

    let start = move |_| {
        if matches!(status.get_untracked(), Status::Starting | Status::Live { .. }) {
            return;
        }
        status.set(Status::Starting);
        spawn_local(async move {
            let result = async {
                let camera = CameraStream::open(&CameraOptions::default()).await.map_err(|e| e.to_string())?;
                let parent = preview_ref.get_untracked().map(web_sys::Element::from);
                let preview = VideoPreview::attach(camera.media_stream(), parent.as_ref())
                    .await
                    .map_err(|e| e.to_string())?;
                let (width, height) = preview.ready(5_000).await.map_err(|e| e.to_string())?;
                Ok::<_, String>((Live { _preview: preview, _camera: camera }, width, height))
            }
            .await;
            match result {
                Ok((handle, width, height)) => {
                    live.set_value(Some(handle));
                    status.set(Status::Live { width, height });
                }
                Err(reason) => status.set(Status::Failed(reason)),
            }
        });
    };
    let stop = move |_| {
        live.set_value(None);
        status.set(Status::Off);
    };
    on_cleanup(move || live.set_value(None));

    let status_text = move || match status.get() {
        Status::Off => t.camera_off.to_owned(),
        Status::Starting => t.camera_starting.to_owned(),
        Status::Live { width, height } => format!("{} ({width}×{height}).", t.camera_live),
        Status::Failed(reason) => format!("{}: {reason}", t.camera_failed),
    };
    let is_live = move || matches!(status.get(), Status::Live { .. });

    view! {
        <section class="panel" aria-labelledby="camera-heading">
            <h2 id="camera-heading">{t.camera_heading}</h2>
            <div class="controls">
                <button id="start-camera" on:click=start disabled=is_live>{t.start_camera}</button>
                <button id="stop-camera" on:click=stop disabled=move || !is_live()>{t.stop_camera}</button>
            </div>
            <p id="camera-status" role="status" aria-live="polite">{status_text}</p>
            <div id="preview" class="preview" node_ref=preview_ref role="img" aria-label=t.preview_label></div>
        </section>
    }
}
