//! Resolution fallback: with exact sizes, step down 1920×1080 → 1280×720 → 640×480 → the
//! browser's default until the camera accepts one, and remember the one that worked (for the
//! page's life, and optionally in `sessionStorage`) so the next open goes straight to it.

use std::cell::RefCell;

use serde::Serialize;

use super::{CameraError, CameraOptions, CameraStream, SizeMode};

/// A frame size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Size {
    pub const fn new(width: u32, height: u32) -> Self {
        Self { width, height }
    }

    fn area(self) -> u64 {
        u64::from(self.width) * u64::from(self.height)
    }
}

/// One `getUserMedia` call of a resolution fallback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SizeAttempt {
    /// The size asked for; `None` is the last resort, no size constraint at all.
    pub size: Option<Size>,
    /// Whether the browser accepted it.
    pub ok: bool,
    /// The error code when it did not (`overconstrained`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'static str>,
}

/// Sizes tried below the asked one, largest first (landscape; browsers rotate for portrait).
const STEPS: [Size; 3] = [
    Size::new(1920, 1080),
    Size::new(1280, 720),
    Size::new(640, 480),
];

const STORAGE_PREFIX: &str = "idv-capture:camera-size:";

thread_local! {
    /// What worked, per camera and asked size, for the life of the page.
    static MEMORY: RefCell<Vec<(String, Option<Size>)>> = const { RefCell::new(Vec::new()) };
}

fn memory_key(options: &CameraOptions, asked: Size) -> String {
    let camera = match (&options.device_id, options.facing) {
        (Some(id), _) => id.clone(),
        (None, Some(facing)) => facing.as_str().to_owned(),
        (None, None) => "any".to_owned(),
    };
    format!("{camera}|{}x{}", asked.width, asked.height)
}

fn encode(size: Option<Size>) -> String {
    size.map_or_else(
        || "default".to_owned(),
        |s| format!("{}x{}", s.width, s.height),
    )
}

fn decode(text: &str) -> Option<Option<Size>> {
    if text == "default" {
        return Some(None);
    }
    let (w, h) = text.split_once('x')?;
    Some(Some(Size::new(w.parse().ok()?, h.parse().ok()?)))
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn remembered(key: &str, persist: bool) -> Option<Option<Size>> {
    let hit = MEMORY.with(|m| m.borrow().iter().find(|(k, _)| k == key).map(|(_, s)| *s));
    if hit.is_some() || !persist {
        return hit;
    }
    let stored = session_storage()?
        .get_item(&format!("{STORAGE_PREFIX}{key}"))
        .ok()??;
    decode(&stored)
}

fn remember(key: String, size: Option<Size>, persist: bool) {
    if persist && let Some(storage) = session_storage() {
        // Storage full or disabled: the in-memory copy still works.
        let _ = storage.set_item(&format!("{STORAGE_PREFIX}{key}"), &encode(size));
    }
    MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        match m.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = size,
            None => m.push((key, size)),
        }
    });
}

/// Forgets every remembered size, in memory and in `sessionStorage`.
pub fn forget_remembered_sizes() {
    MEMORY.with(|m| m.borrow_mut().clear());
    let Some(storage) = session_storage() else {
        return;
    };
    let len = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(STORAGE_PREFIX))
        .collect();
    for key in keys {
        let _ = storage.remove_item(&key);
    }
}

/// The sizes to try, in order: the asked one, the standard steps below it, the browser default.
/// A remembered size skips everything before it.
fn ladder(asked: Size, fallback: bool, remembered: Option<Option<Size>>) -> Vec<Option<Size>> {
    let mut ladder = vec![Some(asked)];
    if fallback {
        ladder.extend(
            STEPS
                .iter()
                .filter(|s| s.area() < asked.area())
                .map(|s| Some(*s)),
        );
        ladder.push(None);
    }
    if let Some(hit) = remembered {
        match ladder.iter().position(|s| *s == hit) {
            Some(at) => {
                ladder.drain(..at);
            }
            None => ladder.insert(0, hit),
        }
    }
    ladder
}

/// An `OverconstrainedError` a smaller size may cure.
fn size_refused(err: &CameraError) -> bool {
    matches!(err, CameraError::UnsupportedConstraint { constraint }
        if matches!(constraint.as_str(), "width" | "height" | "aspectRatio" | "frameRate" | ""))
}

/// Opens the camera, stepping down through sizes on `OverconstrainedError` when the options ask
/// for an exact size with fallback. Returns the stream and every attempt made.
pub(crate) async fn open_with_fallback(
    options: &CameraOptions,
) -> Result<(CameraStream, Vec<SizeAttempt>), CameraError> {
    let (SizeMode::Exact, Some(w), Some(h)) = (options.size_mode, options.width, options.height)
    else {
        let size = match (options.width, options.height) {
            (Some(w), Some(h)) => Some(Size::new(w, h)),
            _ => None,
        };
        return match CameraStream::open(options).await {
            Ok(stream) => Ok((
                stream,
                vec![SizeAttempt {
                    size,
                    ok: true,
                    error: None,
                }],
            )),
            Err(e) => Err(e),
        };
    };
    let asked = Size::new(w, h);
    let key = memory_key(options, asked);
    let memo = if options.fallback {
        remembered(&key, options.persist_size)
    } else {
        None
    };
    let mut attempts = Vec::new();
    let mut last = CameraError::NoDevice;
    for (i, size) in ladder(asked, options.fallback, memo)
        .into_iter()
        .enumerate()
    {
        let dims = size.map(|s| (Some(s.width), Some(s.height)));
        match CameraStream::open_sized(options, dims).await {
            Ok(stream) => {
                attempts.push(SizeAttempt {
                    size,
                    ok: true,
                    error: None,
                });
                if options.fallback && (i > 0 || memo.is_some()) {
                    remember(key, size, options.persist_size);
                }
                return Ok((stream, attempts));
            }
            Err(e) => {
                attempts.push(SizeAttempt {
                    size,
                    ok: false,
                    error: Some(e.code()),
                });
                let retry = options.fallback && size_refused(&e);
                last = e;
                if !retry {
                    break;
                }
            }
        }
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ladder_steps_down_below_the_asked_size_and_ends_at_the_default() {
        let l = ladder(Size::new(4000, 3000), true, None);
        assert_eq!(
            l,
            vec![
                Some(Size::new(4000, 3000)),
                Some(Size::new(1920, 1080)),
                Some(Size::new(1280, 720)),
                Some(Size::new(640, 480)),
                None
            ]
        );
        let l = ladder(Size::new(1280, 720), true, None);
        assert_eq!(
            l,
            vec![Some(Size::new(1280, 720)), Some(Size::new(640, 480)), None]
        );
        assert_eq!(
            ladder(Size::new(1280, 720), false, None),
            vec![Some(Size::new(1280, 720))]
        );
    }

    #[test]
    fn a_remembered_size_skips_the_steps_before_it() {
        let l = ladder(Size::new(4000, 3000), true, Some(Some(Size::new(640, 480))));
        assert_eq!(l, vec![Some(Size::new(640, 480)), None]);
        let l = ladder(Size::new(4000, 3000), true, Some(None));
        assert_eq!(l, vec![None]);
    }

    #[test]
    fn only_size_constraints_are_retried() {
        assert!(size_refused(&CameraError::UnsupportedConstraint {
            constraint: "width".into()
        }));
        assert!(!size_refused(&CameraError::UnsupportedConstraint {
            constraint: "deviceId".into()
        }));
        assert!(!size_refused(&CameraError::InUse));
    }

    #[test]
    fn sizes_round_trip_through_storage_text() {
        assert_eq!(
            decode(&encode(Some(Size::new(640, 480)))),
            Some(Some(Size::new(640, 480)))
        );
        assert_eq!(decode(&encode(None)), Some(None));
        assert_eq!(decode("x"), None);
    }
}
