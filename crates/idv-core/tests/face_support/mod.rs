//! Shared by the `face_*` tests: the model file, fixture frames, and image edits to build
//! synthetic captures.
#![allow(dead_code, unreachable_pub)]

pub mod y4m;

use std::path::Path;

use idv_core::roi::face::FaceDetector;
pub use y4m::{Rgba, read_frame};

/// The BlazeFace model from npm. Fails (never skips) when it is missing.
pub fn model_bytes() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../node_modules/@mediapipe/face_detection/face_detection_short_range.tflite");
    std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `npm ci` in the workspace root to install @mediapipe/face_detection",
            path.display()
        )
    })
}

pub fn detector() -> FaceDetector {
    FaceDetector::new(&model_bytes()).expect("the npm model loads")
}

/// Fixture frame `index`; fails with the command to generate the fixtures when missing.
pub fn frame(index: u64) -> Rgba {
    read_frame(index).unwrap_or_else(|e| panic!("{e}"))
}

/// Centre of the astronaut's face in fixture frame 0 (measured: box centre 291.4, 109.4).
pub const FACE_CENTER: (f32, f32) = (291.4, 109.4);

/// A 640×480 mid-grey capture with the astronaut's face from frame 0 placed once per
/// `(scale, degrees, centre)`: a square crop of side `crop` around [`FACE_CENTER`].
pub fn scene(frame0: &Rgba, crop: f32, placements: &[(f32, f32, (f32, f32))]) -> Rgba {
    let mut canvas = Rgba::filled(640, 480, [128, 128, 128]);
    for &(scale, degrees, centre) in placements {
        canvas.place(
            frame0,
            (FACE_CENTER.0, FACE_CENTER.1, crop),
            scale,
            degrees,
            centre,
        );
    }
    canvas
}

impl Rgba {
    pub fn filled(width: u32, height: u32, rgb: [u8; 3]) -> Self {
        let data = (0..width * height)
            .flat_map(|_| [rgb[0], rgb[1], rgb[2], 255])
            .collect();
        Self {
            width,
            height,
            data,
        }
    }

    pub fn px(&self, x: u32, y: u32) -> [u8; 4] {
        let i = ((y * self.width + x) * 4) as usize;
        [
            self.data[i],
            self.data[i + 1],
            self.data[i + 2],
            self.data[i + 3],
        ]
    }

    /// Bilinear sample of channel `c` at `(fx, fy)`, clamped to the image.
    pub fn sample(&self, fx: f32, fy: f32, c: usize) -> f32 {
        let fx = fx.clamp(0.0, (self.width - 1) as f32);
        let fy = fy.clamp(0.0, (self.height - 1) as f32);
        let (x0, y0) = (fx.floor() as u32, fy.floor() as u32);
        let (x1, y1) = ((x0 + 1).min(self.width - 1), (y0 + 1).min(self.height - 1));
        let (ax, ay) = (fx - x0 as f32, fy - y0 as f32);
        let p = |x, y| f32::from(self.px(x, y)[c]);
        let top = p(x0, y0) * (1.0 - ax) + p(x1, y0) * ax;
        let bottom = p(x0, y1) * (1.0 - ax) + p(x1, y1) * ax;
        top * (1.0 - ay) + bottom * ay
    }

    /// Draws `src`'s square crop of side `side` centred on `(sx, sy)`, scaled by `scale` and
    /// rotated by `degrees` (clockwise on screen), centred on `(cx, cy)` of `self`.
    pub fn place(
        &mut self,
        src: &Rgba,
        (sx, sy, side): (f32, f32, f32),
        scale: f32,
        degrees: f32,
        (cx, cy): (f32, f32),
    ) {
        let (sin, cos) = degrees.to_radians().sin_cos();
        for ty in 0..self.height {
            for tx in 0..self.width {
                // Inverse mapping: canvas pixel centre → source point.
                let (dx, dy) = (
                    (tx as f32 + 0.5 - cx) / scale,
                    (ty as f32 + 0.5 - cy) / scale,
                );
                let (rx, ry) = (dx * cos + dy * sin, -dx * sin + dy * cos);
                if rx.abs() > side / 2.0 || ry.abs() > side / 2.0 {
                    continue;
                }
                let (fx, fy) = (sx + rx - 0.5, sy + ry - 0.5);
                let i = ((ty * self.width + tx) * 4) as usize;
                for c in 0..3 {
                    self.data[i + c] = src.sample(fx, fy, c).round() as u8;
                }
            }
        }
    }
}

/// Byte positions of `OperatorCode.deprecated_builtin_code` of every operator code in a TFLite
/// file (a minimal flatbuffer walk for the tests that rewrite op codes); `None` when the field
/// holds the default 0 (ADD) and is therefore not stored.
pub fn opcode_positions(model: &[u8]) -> Vec<Option<usize>> {
    let u32_at =
        |p: usize| u32::from_le_bytes(model[p..p + 4].try_into().expect("4 bytes")) as usize;
    let i32_at =
        |p: usize| i32::from_le_bytes(model[p..p + 4].try_into().expect("4 bytes")) as isize;
    let u16_at =
        |p: usize| u16::from_le_bytes(model[p..p + 2].try_into().expect("2 bytes")) as usize;
    let field = |table: usize, i: usize| -> Option<usize> {
        let vtable = (table as isize - i32_at(table)) as usize;
        let off = if 4 + 2 * i < u16_at(vtable) {
            u16_at(vtable + 4 + 2 * i)
        } else {
            0
        };
        (off != 0).then_some(table + off)
    };
    let root = u32_at(0);
    let codes = field(root, 1).expect("operator_codes");
    let vector = codes + u32_at(codes);
    (0..u32_at(vector))
        .map(|i| {
            let elem = vector + 4 + 4 * i;
            let table = elem + u32_at(elem);
            field(table, 0)
        })
        .collect()
}
