//! Frames from the live video into Wasm memory: VideoFrame.copyTo where available, canvas
//! getImageData as the fallback, paced by the video, with back-pressure.
