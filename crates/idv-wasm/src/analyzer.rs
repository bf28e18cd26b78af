//! `FrameAnalyzer`: per-frame quality, regions and feedback for JS.
