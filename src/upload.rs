//! multipart/form-data bodies for the upload operations.
//!
//! A file may be a Blob/File, Uint8Array (any typed array view), ArrayBuffer or
//! ReadableStream, or `{ content, fileName, contentType }` wrapping one. Streams are read
//! into a Blob first so that a retried request can send the same bytes again.

use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, FormData};

use crate::args::{classify, Arg};
use crate::bindings::get;
use crate::operation::{Field, Ty};
use crate::url::scalar;

/// Builds the form from the params' multipart fields. Errors are messages for
/// `InvalidRequestError` (bad file values) or for `ConnectionError` is never needed here.
pub async fn form_data(fields: &[Field], params: &JsValue) -> Result<FormData, String> {
    let form =
        FormData::new().map_err(|_| "FormData is not available in this runtime".to_string())?;
    for f in fields {
        let value = get(params, f.name).unwrap_or(JsValue::UNDEFINED);
        if value.is_undefined() || value.is_null() {
            continue;
        }
        if f.ty == Ty::Binary {
            let (blob, name) = file(f.name, &value).await?;
            form.append_with_blob_and_filename(f.name, &blob, &name)
                .map_err(|_| format!("{} could not be added to the form", f.name))?;
        } else {
            let text = scalar(&classify(&value)).unwrap_or_default();
            form.append_with_str(f.name, &text)
                .map_err(|_| format!("{} could not be added to the form", f.name))?;
        }
    }
    Ok(form)
}

/// A file value as a Blob with its file name.
async fn file(field: &str, value: &JsValue) -> Result<(Blob, String), String> {
    let (content, name, content_type) = match classify(value) {
        Arg::Binary => (value.clone(), None, None),
        Arg::Object => {
            let content = get(value, "content").unwrap_or(JsValue::UNDEFINED);
            let name = optional_string(field, value, "fileName")?;
            let content_type = optional_string(field, value, "contentType")?;
            (content, name, content_type)
        }
        other => {
            return Err(format!(
                "{field} must be {}, got {}",
                Ty::Binary.describe(),
                other.describe()
            ))
        }
    };
    if classify(&content) != Arg::Binary {
        return Err(format!(
            "{field}.content must be a Blob, File, Uint8Array, ArrayBuffer or ReadableStream"
        ));
    }
    let blob = to_blob(field, &content, content_type.as_deref()).await?;
    let name = name
        .or_else(|| get(&content, "name").ok().and_then(|n| n.as_string()))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "file".to_string());
    Ok((blob, name))
}

async fn to_blob(
    field: &str,
    content: &JsValue,
    content_type: Option<&str>,
) -> Result<Blob, String> {
    let read_error = || format!("{field} could not be read");
    let blob: Blob = if let Some(b) = content.dyn_ref::<Blob>() {
        // `instanceof` accepts `Object.create(Blob.prototype)`, whose `size`/`type` getters
        // throw uncaught later; a read with `catch` here rejects it.
        get(b, "size").map_err(|_| read_error())?;
        b.clone()
    } else if let Some(stream) = content.dyn_ref::<web_sys::ReadableStream>() {
        // Response reads any ReadableStream to the end, in every runtime.
        let response = web_sys::Response::new_with_opt_readable_stream(Some(stream))
            .map_err(|_| read_error())?;
        let promise = response.blob().map_err(|_| read_error())?;
        crate::js::settled(&promise)
            .await
            .map_err(|_| read_error())?
            .dyn_into()
            .map_err(|_| read_error())?
    } else {
        let bag = BlobPropertyBag::new();
        bag.set_type(content_type.unwrap_or("application/octet-stream"));
        Blob::new_with_buffer_source_sequence_and_options(&Array::of1(content), &bag)
            .map_err(|_| read_error())?
    };
    match content_type {
        Some(t) if t != blob.type_() => blob
            .slice_with_f64_and_f64_and_content_type(0.0, blob.size(), t)
            .map_err(|_| read_error()),
        _ => Ok(blob),
    }
}

fn optional_string(field: &str, obj: &JsValue, key: &str) -> Result<Option<String>, String> {
    match get(obj, key).map(|v| classify(&v)) {
        Ok(Arg::Absent) => Ok(None),
        Ok(Arg::Str(s)) => Ok(Some(s)),
        _ => Err(format!("{field}.{key} must be a string")),
    }
}
