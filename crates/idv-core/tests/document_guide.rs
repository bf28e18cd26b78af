//! The document guide: its regions for both profiles and orientations, and the sizes and
//! fractions it refuses.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use idv_core::frame::Rect;
use idv_core::roi::document::{
    DocumentError, DocumentProfile, GuideOptions, document_guide, document_guide_with,
};

#[test]
fn guide_regions_for_both_profiles_and_orientations() {
    let id1 = DocumentProfile::Id1;
    let pp = DocumentProfile::PassportPage;
    assert_eq!(
        document_guide(640, 480, id1),
        Ok(Rect::new(64, 78, 512, 323))
    );
    assert_eq!(
        document_guide(1280, 720, id1),
        Ok(Rect::new(183, 72, 913, 576))
    );
    assert_eq!(
        document_guide(480, 640, id1),
        Ok(Rect::new(24, 184, 432, 272))
    );
    assert_eq!(
        document_guide(640, 480, pp),
        Ok(Rect::new(64, 60, 512, 360))
    );
    for (w, h) in [
        (640, 480),
        (1920, 1080),
        (720, 1280),
        (1, 1),
        (8192, 3),
        (3, 8192),
    ] {
        for p in [id1, pp] {
            let g = document_guide(w, h, p).unwrap();
            assert!(g.fits_in(w, h), "{g:?} in {w}x{h}");
            // Centred to the pixel.
            assert!((2 * g.x + g.width).abs_diff(w) <= 1 && (2 * g.y + g.height).abs_diff(h) <= 1);
            if g.width > 100 && g.height > 100 {
                let aspect = f64::from(g.width) / f64::from(g.height);
                assert!(
                    (aspect / p.aspect() - 1.0).abs() < 0.01,
                    "{aspect} vs {}",
                    p.aspect()
                );
            }
        }
    }
    assert!((id1.aspect() - 1.5858).abs() < 1e-4 && (pp.aspect() - 1.4205).abs() < 1e-4);
}

#[test]
fn guide_refuses_empty_absurd_sizes_and_bad_fractions() {
    for (w, h) in [(0, 480), (640, 0), (0, 0), (8193, 480), (640, u32::MAX)] {
        assert!(matches!(
            document_guide(w, h, DocumentProfile::Id1),
            Err(DocumentError::CaptureSize { .. })
        ));
    }
    for bad in [f32::NAN, f32::INFINITY, -0.5, 0.0, 1.5] {
        for o in [
            GuideOptions {
                landscape_width: bad,
                ..GuideOptions::default()
            },
            GuideOptions {
                portrait_width: bad,
                ..GuideOptions::default()
            },
            GuideOptions {
                max_height: bad,
                ..GuideOptions::default()
            },
        ] {
            let r = document_guide_with(640, 480, DocumentProfile::Id1, &o);
            assert!(matches!(r, Err(DocumentError::Option(_))), "{o:?}: {r:?}");
        }
    }
}
