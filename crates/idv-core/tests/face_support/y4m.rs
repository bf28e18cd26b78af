//! Reads single frames of the fixture video `target/fixtures/capture.y4m` (written by
//! `bash scripts/fixtures.sh`): 640×480 4:2:0, BT.601 limited range, a header line, then
//! `FRAME\n` + Y + U + V per frame. Shared by the `face_*` tests and `examples/face_bench.rs`.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// `<workspace>/target/fixtures/capture.y4m`.
pub fn y4m_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/fixtures/capture.y4m")
}

/// A decoded frame: RGBA8, row-major.
#[derive(Debug, Clone)]
pub struct Rgba {
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
}

/// Frame `index` of the fixture video as RGBA, or a message saying how to create the file.
pub fn read_frame(index: u64) -> Result<Rgba, String> {
    let path = y4m_path();
    let missing = || {
        format!(
            "{} is missing: run `bash scripts/fixtures.sh` in the workspace root",
            path.display()
        )
    };
    let file = File::open(&path).map_err(|_| missing())?;
    let mut r = BufReader::new(file);
    let mut header = String::new();
    r.read_line(&mut header).map_err(|e| e.to_string())?;
    let field = |p: char| -> Option<u32> {
        header
            .split_whitespace()
            .find_map(|t| t.strip_prefix(p)?.parse().ok())
    };
    let (Some(w), Some(h), true) = (field('W'), field('H'), header.starts_with("YUV4MPEG2 "))
    else {
        return Err(format!("bad y4m header {header:?}"));
    };
    let (wu, hu) = (w as usize, h as usize);
    let frame_len = (wu * hu + 2 * (wu / 2) * (hu / 2)) as u64;
    let start = header.len() as u64 + index * (6 + frame_len);
    r.seek(SeekFrom::Start(start)).map_err(|e| e.to_string())?;
    let mut tag = [0u8; 6];
    r.read_exact(&mut tag)
        .map_err(|e| format!("frame {index}: {e}"))?;
    if &tag != b"FRAME\n" {
        return Err(format!("frame {index}: no FRAME tag"));
    }
    let mut yuv = vec![0u8; frame_len as usize];
    r.read_exact(&mut yuv)
        .map_err(|e| format!("frame {index}: {e}"))?;
    let (y, uv) = yuv.split_at(wu * hu);
    let (u, v) = uv.split_at((wu / 2) * (hu / 2));
    let mut data = Vec::with_capacity(wu * hu * 4);
    for row in 0..hu {
        for col in 0..wu {
            let c = (row / 2) * (wu / 2) + col / 2;
            data.extend(ycbcr_to_rgb(y[row * wu + col], u[c], v[c]));
            data.push(255);
        }
    }
    Ok(Rgba {
        width: w,
        height: h,
        data,
    })
}

/// BT.601 limited range Y'CbCr → RGB (the inverse of the generator's matrix), rounded and clamped.
pub fn ycbcr_to_rgb(y: u8, cb: u8, cr: u8) -> [u8; 3] {
    let y = (f32::from(y) - 16.0) * (255.0 / 219.0);
    let cb = f32::from(cb) - 128.0;
    let cr = f32::from(cr) - 128.0;
    let r = y + 1.596_027 * cr;
    let g = y - 0.391_762 * cb - 0.812_968 * cr;
    let b = y + 2.017_232 * cb;
    [r, g, b].map(|v| v.round().clamp(0.0, 255.0) as u8)
}
