//! The exported client core. `pkg/core.js` wraps it in the `Clerk` class with one namespace
//! per resource group; every operation goes through [`ClerkCore::call`].

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;

use crate::config::{self, Config};
use crate::errors::{self, props, Kind};
use crate::generated::GROUPS;
use crate::operation::Operation;
use crate::transport;

/// State shared by the calls of one client.
pub struct Client {
    pub config: Config,
    /// Indexes of deprecated operations already reported through the debug logger.
    deprecated_logged: RefCell<Vec<&'static str>>,
}

impl Client {
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

/// The operation at flat index `i` (groups concatenated in table order).
pub fn operation(i: u32) -> Option<&'static Operation> {
    let mut i = i as usize;
    for group in GROUPS {
        if i < group.len() {
            return group.get(i);
        }
        i -= group.len();
    }
    None
}

fn all_operations() -> impl Iterator<Item = &'static Operation> {
    GROUPS.iter().flat_map(|g| g.iter())
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
            client: Rc::new(Client {
                config,
                deprecated_logged: RefCell::new(Vec::new()),
            }),
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
        wasm_bindgen_futures::future_to_promise(transport::send(client, op, params, options))
    }
}

/// One line per operation, in flat index order: `operationId group name flags`, where flags
/// holds `p` (paginated) and `d` (deprecated), or `-`.
#[wasm_bindgen(js_name = operationTable)]
pub fn operation_table() -> String {
    let mut out = String::new();
    for op in all_operations() {
        let mut flags = String::new();
        if op.paginated {
            flags.push('p');
        }
        if op.deprecated {
            flags.push('d');
        }
        if flags.is_empty() {
            flags.push('-');
        }
        out.push_str(&format!("{} {} {} {}\n", op.id, op.group, op.name, flags));
    }
    out
}
