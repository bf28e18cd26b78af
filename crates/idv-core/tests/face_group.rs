//! BlazeFace short-range on a real group photo: rustface's `test.png` (the 1927 Solvay
//! conference, 29 faces of 43–61 px, with rustface's detections drawn as red boxes), which
//! `scripts/setup.sh` takes from the rustface crate on crates.io and `scripts/fixtures.sh` turns
//! into `target/fixtures/group.ppm` (red outlines painted over) and `group_faces.json` (the red
//! boxes as labelled regions).
//!
//! The short-range model is built for selfie-sized faces, so the photo is searched in 160 px
//! tiles (stride 80): a face is then about a third of the tile, as in a selfie. Every
//! detection must lie on a labelled face (no false positive), and most faces must be found.
//!
//! At the default `minScore` 0.5 (MediaPipe's, kept for live selfies: a face blurred by σ 4 px
//! scores 0.64 and must still be found, see face_detect.rs) the tiles also give 13 detections
//! on the printed captions and a floor tile, scoring 0.50–0.64; group photos and other small
//! faces use 0.65. The numbers are in docs/thresholds.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod face_support;

use std::path::{Path, PathBuf};

use face_support::detector;
use idv_core::frame::{Rect, RgbaFrame};
use idv_core::roi::face::DetectorOptions;

const TILE: u32 = 160;
/// `minScore` for small faces (see the module docs).
const GROUP_MIN_SCORE: f32 = 0.65;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fixtures").join(name)
}

fn read(name: &str) -> Vec<u8> {
    let path = fixture(name);
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!("{}: {e}; run `bash scripts/setup.sh && bash scripts/fixtures.sh`", path.display())
    })
}

/// `group.ppm` (binary P6, maxval 255) as RGBA.
fn photo() -> (u32, u32, Vec<u8>) {
    let ppm = read("group.ppm");
    let mut fields = ppm.splitn(4, |&b| b == b'\n');
    assert_eq!(fields.next(), Some(&b"P6"[..]), "group.ppm is a binary PPM");
    let size = std::str::from_utf8(fields.next().expect("size line")).expect("ASCII size");
    let (w, h) = size.split_once(' ').expect("`W H`");
    let (w, h): (u32, u32) = (w.parse().expect("width"), h.parse().expect("height"));
    assert_eq!(fields.next(), Some(&b"255"[..]));
    let rgb = fields.next().expect("pixels");
    assert_eq!(rgb.len(), (w * h * 3) as usize);
    (w, h, rgb.chunks_exact(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect())
}

/// The labelled regions `[x0, y0, x1, y1]` (end exclusive).
fn regions() -> Vec<[f32; 4]> {
    let json: serde_json::Value =
        serde_json::from_slice(&read("group_faces.json")).expect("group_faces.json parses");
    json["regions"]
        .as_array()
        .expect("regions")
        .iter()
        .map(|r| {
            let v: Vec<f32> = r
                .as_array()
                .expect("4 numbers")
                .iter()
                .map(|n| n.as_f64().expect("number") as f32)
                .collect();
            [v[0], v[1], v[2], v[3]]
        })
        .collect()
}

#[derive(Debug, Clone, Copy)]
struct Found {
    cx: f32,
    cy: f32,
    half: f32,
    score: f32,
}

/// Distinct detections over all tiles (overlapping tiles see a face more than once).
fn tiled(min_score: f32) -> Vec<Found> {
    let (w, h, rgba) = photo();
    let frame = RgbaFrame::new(&rgba, w, h).expect("valid frame");
    let mut detector = detector();
    detector
        .set_options(DetectorOptions { min_score, ..DetectorOptions::default() })
        .expect("valid options");
    let mut found: Vec<Found> = Vec::new();
    for y in (0..=h - TILE).step_by(TILE as usize / 2) {
        for x in (0..=w - TILE).step_by(TILE as usize / 2) {
            let faces =
                detector.detect(&frame, Some(Rect::new(x, y, TILE, TILE))).expect("detects");
            for f in faces {
                let d = Found {
                    cx: f.bbox.x + f.bbox.width / 2.0,
                    cy: f.bbox.y + f.bbox.height / 2.0,
                    half: f.bbox.width / 2.0,
                    score: f.score,
                };
                let same = |k: &Found| (k.cx - d.cx).abs() < k.half && (k.cy - d.cy).abs() < k.half;
                match found.iter_mut().find(|k| same(k)) {
                    Some(k) if k.score < d.score => *k = d,
                    Some(_) => {}
                    None => found.push(d),
                }
            }
        }
    }
    found
}

/// Detections whose centre lies on no labelled face.
fn off_the_faces(found: &[Found]) -> Vec<Found> {
    let labelled = regions();
    assert_eq!(labelled.len(), 28, "29 red boxes, two of them overlapping");
    let on_a_face = |d: &Found| {
        labelled.iter().any(|r| d.cx >= r[0] && d.cx < r[2] && d.cy >= r[1] && d.cy < r[3])
    };
    found.iter().filter(|d| !on_a_face(d)).copied().collect()
}

#[test]
fn the_group_photo_gives_faces_and_no_false_positives() {
    let found = tiled(GROUP_MIN_SCORE);
    let false_positives = off_the_faces(&found);
    assert!(false_positives.is_empty(), "detections off every labelled face: {false_positives:?}");
    // Measured: 25 of the 29 (the four missed score 0.55–0.61).
    assert!(found.len() >= 24, "{} of 29 faces found: {found:?}", found.len());
}

#[test]
fn the_selfie_threshold_finds_every_group_face_but_also_text() {
    let found = tiled(DetectorOptions::default().min_score);
    let false_positives = off_the_faces(&found);
    let faces = found.len() - false_positives.len();
    // Measured: 29 of 29 faces, 13 detections on captions and the floor, all scoring < 0.65.
    assert!(faces >= 28, "{faces} of 29 faces");
    assert!(!false_positives.is_empty(), "the reason the group threshold exists");
    assert!(false_positives.iter().all(|d| d.score < GROUP_MIN_SCORE), "{false_positives:?}");
}
