//! The shape of the operation table.
//!
//! `src/generated/` (written by `codegen/` from the OpenAPI spec) fills these types in;
//! everything here is plain data, so the table costs no code at start-up and no I/O ever
//! happens in generated code. The transport reads it to build, validate and decode requests.

/// HTTP method of an operation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// GET, PUT and DELETE may be repeated without changing the outcome (RFC 9110 §9.2.2).
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }
}

/// The JSON type a value must have. Query arrays are `StringArray`/`IntegerArray`; body
/// fields use the rest. `Any` is a schema without one type (oneOf, anyOf, untyped).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ty {
    String,
    Integer,
    Number,
    Boolean,
    Object,
    Array,
    StringArray,
    IntegerArray,
    Binary,
    Any,
}

impl Ty {
    /// How an error message names the type.
    pub fn describe(self) -> &'static str {
        match self {
            Ty::String => "a string",
            Ty::Integer => "an integer",
            Ty::Number => "a number",
            Ty::Boolean => "a boolean",
            Ty::Object => "an object",
            Ty::Array => "an array",
            Ty::StringArray => "a string or an array of strings",
            Ty::IntegerArray => "an integer or an array of integers",
            Ty::Binary => "a Blob, File, Uint8Array, ArrayBuffer, ReadableStream or { content, fileName, contentType }",
            Ty::Any => "any value",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Location {
    Path,
    Query,
}

/// A path or query parameter.
#[derive(Debug)]
pub struct Param {
    /// The key in the caller's params object (snake_case).
    pub name: &'static str,
    /// The name on the wire (differs only for the spec's few camelCase names).
    pub wire: &'static str,
    pub location: Location,
    pub ty: Ty,
    pub required: bool,
    /// Arrays: repeated keys (`a=1&a=2`) when true, comma-joined (`a=1,2`) when false.
    pub explode: bool,
    /// Allowed values of a string enum; empty when any value goes.
    pub allowed: &'static [&'static str],
}

/// A top-level field of a JSON or multipart request body.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub ty: Ty,
    pub required: bool,
    pub nullable: bool,
    pub allowed: &'static [&'static str],
}

#[derive(Debug)]
pub enum Body {
    None,
    /// A JSON object built from the params' body fields. `open`: the schema allows
    /// properties it does not list (they are sent as given instead of rejected). `optional`:
    /// the spec does not require a body, so a call that gives no field sends none (as the
    /// incumbent does) rather than `{}`.
    Json {
        fields: &'static [Field],
        open: bool,
        optional: bool,
    },
    /// A JSON array, passed by the caller under the key [`ARRAY_BODY_KEY`].
    JsonArray {
        min_items: u32,
        max_items: u32,
        item_fields: &'static [Field],
    },
    /// multipart/form-data; `Binary` fields are files.
    Multipart {
        fields: &'static [Field],
    },
}

/// The params key that carries the body of the bulk operations whose body is a JSON array.
pub const ARRAY_BODY_KEY: &str = "body";

/// What a successful response carries.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Response {
    /// JSON, returned parsed.
    Json,
    /// No content (202/204): the call resolves to `undefined`.
    Empty,
    /// Text of another type (HTML), returned as a string.
    Text,
}

#[derive(Debug)]
pub struct Operation {
    /// The spec's operationId, for messages and logs.
    pub id: &'static str,
    /// Namespace on the client (`users`).
    pub group: &'static str,
    /// Method name within the namespace (`get`).
    pub name: &'static str,
    pub method: Method,
    /// Path template relative to the server URL, e.g. `/users/{user_id}`.
    pub path: &'static str,
    pub params: &'static [Param],
    pub body: Body,
    pub response: Response,
    pub deprecated: bool,
    /// Takes `limit` and `offset`: can be walked page by page.
    pub paginated: bool,
}
