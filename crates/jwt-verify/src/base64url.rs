//! Unpadded base64url decoding (base64ct, jwt-compact's base64 crate), instantiated once here so
//! that every token segment, here and in clerk-edge's request flow, decodes at this crate's
//! opt-level (generic code is compiled in the crate that instantiates it).

use base64ct::{Base64UrlUnpadded, Encoding};

pub fn decode(text: &str) -> Result<Vec<u8>, base64ct::Error> {
    Base64UrlUnpadded::decode_vec(text)
}
