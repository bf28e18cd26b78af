// Event types of idv-capture, generated from the Rust types in idv-core (crates/idv-core/src/events) by ts-rs.
// Do not edit: run `UPDATE_SNAPSHOTS=1 cargo test -p idv-core --test events` to regenerate.

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

/**
 * Who an event is about: a vendor flow, or `capture` for the module's own camera, microphone and
 * quality events.
 */
export type Vendor = "jumio" | "liveid" | "authenteq" | "vult" | "awareid" | "capture";

/**
 * What happened, for a `progress` event.
 */
export type ProgressStep = "deviceCheckPassed" | "operatorAnswered" | "operatorNotAnswered";

/**
 * `MediaTrackSettings.facingMode`.
 */
export type FacingMode = "user" | "environment" | "left" | "right";

/**
 * Why a camera stopped.
 */
export type StopReason = "requested" | "trackEnded" | "pageHidden" | "error";

/**
 * A capture device.
 */
export type MediaDevice = "camera" | "microphone";

/**
 * `getUserMedia` failures, by `DOMException` name.
 */
export type DeviceErrorKind = "notAllowed" | "notFound" | "notReadable" | "overconstrained" | "security" | "aborted" | "notSupported" | "other";

/**
 * What a capture is of.
 */
export type CaptureSubject = "face" | "documentFront" | "documentBack";

/**
 * Severity of a diagnostic.
 */
export type Severity = "info" | "warning" | "error";

/**
 * Payload of `cameraStarted`: the camera delivered its first frame.
 */
export type CameraStarted = { 
/**
 * Width of the delivered frames, in pixels.
 */
width: number, 
/**
 * Height of the delivered frames, in pixels.
 */
height: number, 
/**
 * Which way the camera faces, when the browser says.
 */
facingMode?: FacingMode, 
/**
 * Frames per second the track reports, when known.
 */
frameRate?: number, 
/**
 * The device label (empty before permission is granted, so often absent).
 */
label?: string, };

/**
 * Payload of `cameraStopped`.
 */
export type CameraStopped = { 
/**
 * Why it stopped.
 */
reason: StopReason, };

/**
 * Payload of `deviceError`: a camera or microphone could not be used.
 */
export type DeviceError = { 
/**
 * Which device.
 */
device: MediaDevice, 
/**
 * What went wrong, from the browser's `DOMException` name.
 */
error: DeviceErrorKind, 
/**
 * For `overconstrained`: the constraint that could not be satisfied.
 */
constraint?: string, };

/**
 * Payload of `feedback`: the guidance to show for the current frame.
 */
export type Feedback = { 
/**
 * What is being captured.
 */
subject: CaptureSubject, 
/**
 * The feedback code (AwareID vocabulary for faces: `FACE_TOO_FAR`, `FACE_COMPLIANT`, …;
 * matching codes for documents, blur and glare).
 */
feedback: string, 
/**
 * True when the frame meets every capture requirement.
 */
compliant: boolean, };

/**
 * Payload of `captured`: a frame was captured and encoded.
 */
export type Captured = { 
/**
 * What the image shows.
 */
subject: CaptureSubject, 
/**
 * Image width, in pixels.
 */
width: number, 
/**
 * Image height, in pixels.
 */
height: number, 
/**
 * The encoded image's MIME type (`image/jpeg`, `image/png`).
 */
mimeType: string, 
/**
 * Encoded size in bytes.
 */
bytes: number, };

/**
 * Payload of `diagnostic`: an embedding-doctor finding or a capability-probe result.
 */
export type Diagnostic = { 
/**
 * A stable identifier of the check (`"iframeAllowCamera"`, `"secureContext"`, …).
 */
check: string, 
/**
 * How serious a failed check is.
 */
severity: Severity, 
/**
 * Whether the check passed.
 */
passed: boolean, 
/**
 * Details for a person reading the log.
 */
detail?: string, 
/**
 * How to fix a failed check, for the integrator (developer-facing English).
 */
hint?: string, };

/**
 * The `type` of an event and the fields that belong to that type only.
 *
 * Serialized with an internal `type` tag, so in TypeScript it is a discriminated union.
 */
export type EventKind = { "type": "loaded" } | { "type": "progress", 
/**
 * What happened.
 */
step: ProgressStep, } | { "type": "completed" } | { "type": "failed" } | { "type": "cancelled" } | { "type": "unknown" } | { "type": "cameraStarted" } & CameraStarted | { "type": "cameraStopped" } & CameraStopped | { "type": "deviceError" } & DeviceError | { "type": "feedback" } & Feedback | { "type": "captured" } & Captured | { "type": "diagnostic" } & Diagnostic;

/**
 * An event without its stream position: what decoders and the capture layer produce.
 */
export type EventBody = { 
/**
 * Whose flow (or `capture`).
 */
vendor: Vendor, 
/**
 * True when this vendor flow has ended and nothing more is expected from it.
 */
terminal: boolean, 
/**
 * The vendor's id for the flow, when the message carries one.
 */
sessionId?: string, 
/**
 * The vendor's code as a string (`"9820"`, a LiveID+ `closeStatus`/`abortCode`, the
 * `WEBRTCTEST_KO` `type`, or the single-use Authenteq `code` of a completed return).
 */
code?: string, 
/**
 * A short English explanation, when known.
 */
message?: string, 
/**
 * The payload as received (parsed when it was a JSON object/array in a string), secrets
 * redacted unless the integrator opted in. Absent for the module's own events; a received
 * JSON `null` is kept as `null`.
 */
raw?: JsonValue, } & ({ "type": "loaded" } | { "type": "progress", 
/**
 * What happened.
 */
step: ProgressStep, } | { "type": "completed" } | { "type": "failed" } | { "type": "cancelled" } | { "type": "unknown" } | { "type": "cameraStarted" } & CameraStarted | { "type": "cameraStopped" } & CameraStopped | { "type": "deviceError" } & DeviceError | { "type": "feedback" } & Feedback | { "type": "captured" } & Captured | { "type": "diagnostic" } & Diagnostic);

/**
 * An event as the stream delivers it: `seq` and `at` plus the body's fields, flattened.
 *
 * Named `IdvEvent` in TypeScript so that importing it does not shadow the DOM's `Event`.
 */
export type IdvEvent = { 
/**
 * 1, 2, 3 … per stream, no gaps, in the order the module accepted the events.
 */
seq: number, 
/**
 * ISO-8601 time the module accepted the event.
 */
at: string, 
/**
 * Whose flow (or `capture`).
 */
vendor: Vendor, 
/**
 * True when this vendor flow has ended and nothing more is expected from it.
 */
terminal: boolean, 
/**
 * The vendor's id for the flow, when the message carries one.
 */
sessionId?: string, 
/**
 * The vendor's code as a string (`"9820"`, a LiveID+ `closeStatus`/`abortCode`, the
 * `WEBRTCTEST_KO` `type`, or the single-use Authenteq `code` of a completed return).
 */
code?: string, 
/**
 * A short English explanation, when known.
 */
message?: string, 
/**
 * The payload as received (parsed when it was a JSON object/array in a string), secrets
 * redacted unless the integrator opted in. Absent for the module's own events; a received
 * JSON `null` is kept as `null`.
 */
raw?: JsonValue, } & ({ "type": "loaded" } | { "type": "progress", 
/**
 * What happened.
 */
step: ProgressStep, } | { "type": "completed" } | { "type": "failed" } | { "type": "cancelled" } | { "type": "unknown" } | { "type": "cameraStarted" } & CameraStarted | { "type": "cameraStopped" } & CameraStopped | { "type": "deviceError" } & DeviceError | { "type": "feedback" } & Feedback | { "type": "captured" } & Captured | { "type": "diagnostic" } & Diagnostic);
