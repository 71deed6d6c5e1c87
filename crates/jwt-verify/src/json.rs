//! The one instance of serde_json's parser: every JSON document, here and in clerk-edge, is read
//! as a `Value` through [`value`]. Generic code is compiled in the crate that instantiates it,
//! so one entry point means one copy of the parser in the wasm, built at this crate's opt-level.

use serde_json::Value;

pub fn value(bytes: &[u8]) -> Result<Value, serde_json::Error> {
    serde_json::from_slice(bytes)
}
