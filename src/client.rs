//! The exported client core. `pkg/core.js` wraps it in the `Clerk` class with one namespace
//! per resource group; every operation goes through [`ClerkCore::call`].

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::config::{self, Config};
use crate::errors::{self, props, Kind};
use crate::operation::Operation;
use crate::table::operation;
use crate::transport;

/// State shared by the calls of one client.
pub struct Client {
    pub config: Config,
    /// The headers every request sends, made once (see `transport::base_headers`).
    pub base_headers: Result<js_sys::Object, String>,
    /// Indexes of deprecated operations already reported through the debug logger.
    deprecated_logged: RefCell<Vec<&'static str>>,
}

impl Client {
    /// A client for `config`: its fixed headers are built here, once.
    pub fn new(config: Config) -> Client {
        Client {
            base_headers: transport::base_headers(config.secret.as_deref()),
            config,
            deprecated_logged: RefCell::new(Vec::new()),
        }
    }

    /// Logs a deprecated operation's first use, once per client.
    pub fn note_deprecated(&self, op: &'static Operation) {
        if !op.deprecated || self.config.logger.is_none() {
            return;
        }
        let mut seen = self.deprecated_logged.borrow_mut();
        if seen.contains(&op.id) {
            return;
        }
        seen.push(op.id);
        config::log(
            &self.config.logger,
            &format!(
                "clerk-edge: {}.{} ({}) is deprecated by the API and may be removed",
                op.group, op.name, op.id
            ),
        );
    }
}

#[wasm_bindgen]
pub struct ClerkCore {
    client: Rc<Client>,
}

#[wasm_bindgen]
impl ClerkCore {
    /// Checks every option; throws `InvalidRequestError` listing all problems.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<ClerkCore, JsValue> {
        let mut problems = Vec::new();
        let config = config::client(&options, &mut problems);
        if !problems.is_empty() {
            let list: js_sys::Array = problems.iter().map(|p| JsValue::from_str(p)).collect();
            return Err(errors::make(
                Kind::InvalidRequest,
                &format!("invalid Clerk options: {}", problems.join("; ")),
                &props(&[("problems", list.into())]),
            ));
        }
        Ok(ClerkCore {
            client: Rc::new(Client::new(config)),
        })
    }

    /// Performs the operation at flat index `index`. Never throws: always a Promise.
    pub fn call(&self, index: u32, params: JsValue, options: JsValue) -> Promise {
        let Some(op) = operation(index) else {
            let err = errors::make(
                Kind::InvalidRequest,
                &format!("unknown operation index {index}"),
                &props(&[]),
            );
            return Promise::reject(&err);
        };
        let client = self.client.clone();
        crate::js::spawn(transport::send(client, op, params, options))
    }
}

/// One line per operation, in flat index order: `operationId group name flags`, where flags
/// holds `p` (paginated) and `d` (deprecated), or `-`.
#[wasm_bindgen(js_name = operationTable)]
pub fn operation_table() -> String {
    // Read straight from the table text: decoding all 249 operations here would slow the
    // first `new Clerk()` (cold start) for operations the caller may never use.
    let mut out = String::new();
    for line in crate::table::lines() {
        let mut fields = line.split(' ');
        let names: Vec<&str> = fields.by_ref().take(3).collect();
        let flags = fields.nth(2).unwrap_or("");
        out.push_str(&names.join(" "));
        out.push(' ');
        let mut any = false;
        for f in ['p', 'd'] {
            if flags.contains(f) {
                out.push(f);
                any = true;
            }
        }
        if !any {
            out.push('-');
        }
        out.push('\n');
    }
    out
}
