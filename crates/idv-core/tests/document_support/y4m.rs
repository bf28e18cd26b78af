//! The labelled fixture video `target/fixtures/capture.y4m` (written by `bash
//! scripts/fixtures.sh`): 640×480 4:2:0, BT.601 limited range, a `YUV4MPEG2 …\n` header, then
//! `FRAME\n` + Y (640×480) + U + V (320×240 each) per frame. Rows 448..480 are a stamp band
//! (frame index and grey patches): analyses use the 640×448 content only.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use idv_core::frame::{LumaRange, Rect, YPlane};
use serde_json::Value;

/// Rows of content above the stamp band.
pub(crate) const CONTENT_HEIGHT: u32 = 448;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fixtures")
}

/// The decoded fixture: every frame's bytes and the labels.
#[derive(Debug)]
pub(crate) struct Fixture {
    pub(crate) width: u32,
    pub(crate) height: u32,
    data: Vec<u8>,
    header_len: usize,
    frame_len: usize,
    pub(crate) frames: usize,
    pub(crate) labels: Value,
}

fn missing(path: &Path) -> String {
    format!(
        "{} is missing: run `bash scripts/fixtures.sh` in the workspace root (/work/main) to \
         generate the fixture video and labels",
        path.display()
    )
}

/// Layout of a parsed y4m file.
struct Layout {
    width: u32,
    height: u32,
    header_len: usize,
    frame_len: usize,
    frames: usize,
}

/// Parses a y4m file: header fields W and H, then frames of `FRAME\n` + Y + U + V.
fn parse(data: &[u8]) -> Result<Layout, String> {
    let nl = data
        .iter()
        .position(|&b| b == b'\n')
        .ok_or("no header line")?;
    let header = std::str::from_utf8(&data[..nl]).map_err(|e| e.to_string())?;
    if !header.starts_with("YUV4MPEG2 ") {
        return Err(format!("bad y4m header {header:?}"));
    }
    let field = |p: char| -> Option<u32> {
        header
            .split_whitespace()
            .find_map(|t| t.strip_prefix(p)?.parse().ok())
    };
    let (w, h) = (field('W').ok_or("no W")?, field('H').ok_or("no H")?);
    let (wu, hu) = (w as usize, h as usize);
    let frame_len = 6 + wu * hu + 2 * wu.div_ceil(2) * hu.div_ceil(2);
    let header_len = nl + 1;
    let frames = (data.len() - header_len) / frame_len;
    for i in 0..frames {
        let s = header_len + i * frame_len;
        if &data[s..s + 6] != b"FRAME\n" {
            return Err(format!("frame {i}: no FRAME tag"));
        }
    }
    Ok(Layout {
        width: w,
        height: h,
        header_len,
        frame_len,
        frames,
    })
}

/// The fixture, read once per test binary. Panics (fails the test) with the command to run
/// when the files are missing.
pub(crate) fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = fixtures_dir();
        let (y4m, labels) = (dir.join("capture.y4m"), dir.join("labels.json"));
        let data = std::fs::read(&y4m).unwrap_or_else(|_| panic!("{}", missing(&y4m)));
        let text =
            std::fs::read_to_string(&labels).unwrap_or_else(|_| panic!("{}", missing(&labels)));
        let labels: Value = serde_json::from_str(&text).expect("labels.json is JSON");
        let l = parse(&data).unwrap_or_else(|e| panic!("{}: {e}", y4m.display()));
        assert_eq!((l.width, l.height), (640, 480), "fixture size");
        let (width, height, header_len, frame_len, frames) =
            (l.width, l.height, l.header_len, l.frame_len, l.frames);
        Fixture {
            width,
            height,
            data,
            header_len,
            frame_len,
            frames,
            labels,
        }
    })
}

impl Fixture {
    /// The Y plane of frame `i` (full 640×480, limited range).
    pub(crate) fn y_bytes(&self, i: usize) -> &[u8] {
        let s = self.header_len + i * self.frame_len + 6;
        &self.data[s..s + (self.width * self.height) as usize]
    }

    /// The content rows (0..448) of frame `i` as a Y plane (the stamp band excluded).
    pub(crate) fn content(&self, i: usize) -> YPlane<'_> {
        YPlane::new(self.y_bytes(i), self.width, CONTENT_HEIGHT, self.width).expect("valid Y plane")
    }

    /// Range of the fixture's Y values.
    pub(crate) const RANGE: LumaRange = LumaRange::Limited;

    /// `labels.frames[i]`.
    pub(crate) fn label(&self, i: usize) -> &Value {
        &self.labels["frames"][i]
    }

    /// `expect.<key>` of frame `i`: "pass", "fail", "either", "tooDark", "tooBright".
    pub(crate) fn expect(&self, i: usize, key: &str) -> &str {
        self.label(i)["expect"][key].as_str().expect("expect field")
    }

    /// Frames of segment `name`.
    pub(crate) fn segment(&self, name: &str) -> std::ops::Range<usize> {
        let s = self.labels["segments"]
            .as_array()
            .expect("segments")
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("segment {name}"));
        let first = s["first"].as_u64().expect("first") as usize;
        first..first + s["count"].as_u64().expect("count") as usize
    }

    /// Labelled card corners (TL, TR, BR, BL) of frame `i`, if any.
    pub(crate) fn corners(&self, i: usize) -> Option<[(f32, f32); 4]> {
        let c = self.label(i)["card"]["corners"].as_array()?;
        let p = |j: usize| {
            (
                c[j][0].as_f64().expect("x") as f32,
                c[j][1].as_f64().expect("y") as f32,
            )
        };
        Some([p(0), p(1), p(2), p(3)])
    }
}

/// The astronaut image occupies x 96..544 of the content rows 0..448.
pub(crate) const FACE_AREA: Rect = Rect::new(96, 0, 448, 448);
