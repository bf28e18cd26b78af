//! Media preflight: camera delivers moving frames at the asked size and rate, microphone has
//! signal, permissions, secure context.
