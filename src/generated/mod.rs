// Placeholder until codegen/ writes the real table.
use crate::operation::Operation;
pub const API_VERSION: &str = "2026-05-12";
pub const SERVERS: &[&str] = &["https://api.clerk.com/v1"];
pub static GROUPS: &[&[Operation]] = &[];
