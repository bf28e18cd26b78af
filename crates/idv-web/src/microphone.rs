//! The microphone: level meter (RMS and peak in dBFS) and silence detection.
