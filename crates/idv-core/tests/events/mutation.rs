//! Property-style: byte mutations of every sample never panic and always give one event.

use super::common::all_samples;
use idv_core::events::{
    DecodeOptions, EventBody, MessageData, Vendor, decode_message, parse_form_body,
    parse_return_url,
};
use serde_json::Value;

/// Deterministic xorshift, so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const INTERESTING: &[u8] = b"{}[]\",:\\0123456789 -.eE+ntfrulasN\x00\xff\xc3\xa9";

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut bytes = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(5) {
            0 if at < bytes.len() => bytes[at] = INTERESTING[rng.below(INTERESTING.len())],
            1 => bytes.insert(at, INTERESTING[rng.below(INTERESTING.len())]),
            2 if at < bytes.len() => {
                bytes.remove(at);
            }
            3 => bytes.truncate(at),
            _ => {
                let from = rng.below(bytes.len());
                let len = rng.below(16).min(bytes.len() - from.min(bytes.len()));
                let chunk = bytes[from..from + len].to_vec();
                bytes.splice(at..at, chunk);
            }
        }
    }
    bytes
}

#[test]
fn mutated_samples_never_panic_and_always_give_one_event() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let opts = DecodeOptions::default();
    let mut seeds: Vec<String> = Vec::new();
    for (_, contents) in all_samples() {
        // Both the file and, for JSON-string samples, the string the vendor posted.
        if let Ok(Value::String(s)) = serde_json::from_str::<Value>(&contents) {
            seeds.push(s);
        }
        seeds.push(contents);
    }
    let mut events = 0;
    for seed in &seeds {
        for _ in 0..300 {
            let bytes = mutate(&mut rng, seed.as_bytes());
            let text = String::from_utf8_lossy(&bytes).into_owned();
            for vendor in [Vendor::Jumio, Vendor::LiveId, Vendor::Authenteq] {
                let body = decode_message(vendor, MessageData::Text(text.clone()), &opts).unwrap();
                assert_eq!(body.vendor, vendor);
                let json = serde_json::to_string(&body).unwrap();
                assert_eq!(serde_json::from_str::<EventBody>(&json).unwrap(), body);
                // Parsed mutations also go in as values.
                if let Ok(value) = serde_json::from_str::<Value>(&text) {
                    decode_message(vendor, MessageData::Json(value), &opts).unwrap();
                }
                events += 1;
            }
            let _ = parse_return_url(&text).unwrap();
            let _ = parse_form_body(&text).unwrap();
        }
    }
    assert!(events >= 30_000, "{events}");
}
