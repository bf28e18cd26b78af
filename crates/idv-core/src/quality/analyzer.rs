use crate::frame::{
    DownscaleStats, FrameError, LumaPlane, LumaRange, Rect, Resampler, RgbaFrame, YPlane,
};

use super::exposure::{RegionSums, contrast_of, exposure_of};
use super::glare::{GlareDetector, judge_glare};
use super::sharpness::{SharpnessTracker, judge_sharpness, sharpness_stats};
use super::stability::{StabilityTracker, judge_stability};
use super::{QualityOptions, QualityReport, Subject};
use crate::OptionError;

/// Judges frames one after another: one full-frame pass to a downscaled luma plane, then every
/// metric on the region of interest.
///
/// It owns all its buffers and trackers and refills them in place, so after the first frame of a
/// given size (and region size) analysing another allocates nothing. Switching between
/// [`Subject::Face`] and [`Subject::Document`] resets the sharpness and stability history (the
/// analysis scale differs).
#[derive(Debug, Clone)]
pub struct QualityAnalyzer {
    options: QualityOptions,
    plane: LumaPlane,
    /// The frame the plane was filled from: its size and the pass's statistics.
    loaded: Option<Loaded>,
    work: Work,
}

#[derive(Debug, Clone, Copy)]
struct Loaded {
    width: u32,
    height: u32,
    stats: DownscaleStats,
}

/// Everything except the downscaled plane, so the plane can be borrowed while this is mutated.
#[derive(Debug, Clone)]
struct Work {
    analysis: LumaPlane,
    small: LumaPlane,
    resampler: Resampler,
    small_resampler: Resampler,
    glare: GlareDetector,
    sharpness: SharpnessTracker,
    stability: StabilityTracker,
    subject: Option<Subject>,
}

impl QualityAnalyzer {
    /// An analyzer with validated `options`.
    pub fn new(options: QualityOptions) -> Result<Self, OptionError> {
        options.validate()?;
        let work = Work {
            analysis: LumaPlane::new(),
            small: LumaPlane::new(),
            resampler: Resampler::new(),
            small_resampler: Resampler::new(),
            glare: GlareDetector::new(),
            sharpness: SharpnessTracker::new(options.history),
            stability: StabilityTracker::new(),
            subject: None,
        };
        Ok(Self { options, plane: LumaPlane::new(), loaded: None, work })
    }

    pub fn options(&self) -> &QualityOptions {
        &self.options
    }

    /// The downscaled luma plane of the last loaded frame (reusable by later stages, e.g.
    /// [`crate::roi::document::DocumentDetector::detect_downscaled`]).
    pub fn plane(&self) -> &LumaPlane {
        &self.plane
    }

    /// The box-downscale factor of [`Self::plane`] ([`QualityOptions::downscale`]).
    pub fn plane_factor(&self) -> u32 {
        self.options.downscale
    }

    /// Analyses `roi` (in frame pixels) of an RGBA frame: [`Self::load_rgba`], then
    /// [`Self::analyze_region`].
    pub fn analyze_rgba(
        &mut self,
        frame: &RgbaFrame<'_>,
        roi: Rect,
        kind: Subject,
    ) -> Result<QualityReport, FrameError> {
        frame.check_region(roi)?;
        self.load_rgba(frame)?;
        self.analyze_region(roi, kind)
    }

    /// Analyses `roi` (in frame pixels) of a Y plane (I420/NV12 from `VideoFrame.copyTo`);
    /// `range` says whether it must be expanded from limited (16–235) range.
    pub fn analyze_luma(
        &mut self,
        y: &YPlane<'_>,
        range: LumaRange,
        roi: Rect,
        kind: Subject,
    ) -> Result<QualityReport, FrameError> {
        if !roi.fits_in(y.width(), y.height()) {
            return Err(FrameError::Region { rect: roi, width: y.width(), height: y.height() });
        }
        self.load_luma(y, range)?;
        self.analyze_region(roi, kind)
    }

    /// The one full-frame pass: fills [`Self::plane`] from an RGBA frame. Regions of it are then
    /// judged with [`Self::analyze_region`], once the region is known (e.g. after a document
    /// search on the same plane), without reading the frame again.
    pub fn load_rgba(&mut self, frame: &RgbaFrame<'_>) -> Result<(), FrameError> {
        self.loaded = None;
        let stats = self.plane.fill_from_rgba(frame, self.options.downscale)?;
        self.loaded = Some(Loaded { width: frame.width(), height: frame.height(), stats });
        Ok(())
    }

    /// [`Self::load_rgba`] for a Y plane.
    pub fn load_luma(&mut self, y: &YPlane<'_>, range: LumaRange) -> Result<(), FrameError> {
        self.loaded = None;
        let stats = self.plane.fill_from_y(y, range, self.options.downscale)?;
        self.loaded = Some(Loaded { width: y.width(), height: y.height(), stats });
        Ok(())
    }

    /// Judges `roi` (in frame pixels) of the last loaded frame and updates the sharpness and
    /// stability history. [`FrameError::NoFrame`] before any frame was loaded.
    pub fn analyze_region(
        &mut self,
        roi: Rect,
        kind: Subject,
    ) -> Result<QualityReport, FrameError> {
        let loaded = self.loaded.ok_or(FrameError::NoFrame)?;
        if !roi.fits_in(loaded.width, loaded.height) {
            return Err(FrameError::Region {
                rect: roi,
                width: loaded.width,
                height: loaded.height,
            });
        }
        let region = to_plane(roi, self.options.downscale);
        let mut report = self.work.run(&self.options, &self.plane, region, kind)?;
        report.frame_saturated_fraction = loaded.stats.saturated_fraction() as f32;
        Ok(report)
    }

    /// Forgets the sharpness and stability history.
    pub fn reset(&mut self) {
        self.work.sharpness.reset();
        self.work.stability.reset();
        self.work.subject = None;
    }

    /// Bytes reserved by all internal buffers: constant from frame to frame once warmed up for a
    /// frame size and region size.
    pub fn buffer_capacity(&self) -> usize {
        let w = &self.work;
        self.plane.capacity()
            + w.analysis.capacity()
            + w.small.capacity()
            + w.resampler.capacity()
            + w.small_resampler.capacity()
            + w.glare.capacity()
            + w.sharpness.capacity()
            + w.stability.capacity()
    }
}

/// Maps a region in frame pixels to the plane downscaled by `factor`: the smallest plane region
/// covering it (start floored, end rounded up), so it is never empty and always inside the plane.
fn to_plane(roi: Rect, factor: u32) -> Rect {
    let f = u64::from(factor.max(1));
    let (x0, y0) = (u64::from(roi.x) / f, u64::from(roi.y) / f);
    let x1 = (u64::from(roi.x) + u64::from(roi.width)).div_ceil(f);
    let y1 = (u64::from(roi.y) + u64::from(roi.height)).div_ceil(f);
    // All values are at most the frame side (u32), so the casts are lossless.
    Rect::new(x0 as u32, y0 as u32, (x1 - x0) as u32, (y1 - y0) as u32)
}

impl Work {
    fn run(
        &mut self,
        options: &QualityOptions,
        plane: &LumaPlane,
        region: Rect,
        kind: Subject,
    ) -> Result<QualityReport, FrameError> {
        let opts = options.for_subject(kind);
        let region = plane.check_region(region)?;
        // Everything that can fail happens before any tracker is updated.
        let width = opts.sharpness.analysis_width;
        self.resampler.resample(plane, region, width, &mut self.analysis)?;
        let size = opts.stability.size;
        self.small_resampler.resample_to(plane, region, size, size, &mut self.small)?;
        let hist = RegionSums::of_region(
            plane,
            region,
            opts.exposure.dark_level,
            opts.exposure.bright_level,
        )?;
        let glare = self.glare.measure(plane, region, opts.glare.level, opts.glare.margin)?;
        let stats = sharpness_stats(&self.analysis, self.analysis.bounds())?;

        if self.subject != Some(kind) {
            self.sharpness.reset();
            self.stability.reset();
            self.subject = Some(kind);
        }
        let best = self.sharpness.push(stats.laplacian_variance as f32);
        let sharp = judge_sharpness(&stats, best, &opts.sharpness);
        let exposure = exposure_of(&hist, &opts.exposure);
        let glare = judge_glare(&glare, &opts.glare);
        let stability = judge_stability(self.stability.update(&self.small), &opts.stability);

        Ok(QualityReport {
            subject: kind,
            analysis_scale: width as f32 / region.width as f32,
            frame_saturated_fraction: 0.0,
            sharpness: sharp.laplacian,
            relative_sharpness: sharp.relative,
            gradient_balance: sharp.balance,
            brightness: exposure.brightness,
            dark_fraction: exposure.dark_fraction,
            bright_fraction: exposure.bright_fraction,
            contrast: contrast_of(&hist, &opts.contrast),
            glare: glare.fraction,
            glare_blob: glare.blob,
            stability,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plane_region_covers_the_frame_region() {
        assert_eq!(to_plane(Rect::new(0, 0, 1, 1), 2), Rect::new(0, 0, 1, 1));
        assert_eq!(to_plane(Rect::new(3, 5, 4, 4), 2), Rect::new(1, 2, 3, 3));
        assert_eq!(to_plane(Rect::new(2, 2, 4, 4), 2), Rect::new(1, 1, 2, 2));
        assert_eq!(to_plane(Rect::new(4, 0, 3, 7), 1), Rect::new(4, 0, 3, 7));
    }
}
