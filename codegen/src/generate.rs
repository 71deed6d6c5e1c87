//! Every output file in memory, and writing or checking them against the tree.

use crate::model::{build, Group};
use crate::naming::module_name;
use crate::spec::{Result, Spec};
use crate::{rust_out, ts_out, webhooks};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Repo-relative path → content, for every generated file.
pub type Files = BTreeMap<String, String>;

pub const WEBHOOKS_FILE: &str = "pkg/types/webhooks.d.ts";

pub fn all(spec_path: &Path, webhooks_path: &Path) -> Result<Files> {
    let spec = Spec::load(&spec_path.to_string_lossy())?;
    let hooks = Spec::load(&webhooks_path.to_string_lossy())?;
    let groups = build(&spec)?;
    let mut files = render(&file_name(spec_path), &spec, &groups)?;
    // The API has a `webhooks` group too: its file then also holds the events, so both
    // `WebhooksApi` and `WebhookEvent` come from pkg/types/webhooks.d.ts.
    let events = webhooks::webhooks_file(&file_name(webhooks_path), &hooks, &spec)?;
    let path = WEBHOOKS_FILE.to_string();
    match files.get_mut(&path) {
        Some(group_file) => {
            group_file.push('\n');
            group_file.push_str(&events);
        }
        None => {
            files.insert(path, events);
        }
    }
    Ok(files)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The files that come from the API spec (everything but webhooks.d.ts).
pub fn render(spec_name: &str, spec: &Spec, groups: &[Group]) -> Result<Files> {
    let mut files = Files::new();
    for g in groups {
        let rust = rust_out::rustfmt(&rust_out::group_file(spec_name, g)?)?;
        files.insert(format!("src/generated/{}.rs", module_name(&g.name)), rust);
        files.insert(
            format!("pkg/types/{}.d.ts", g.name),
            ts_out::group_file(spec_name, spec, g)?,
        );
    }
    files.insert(
        "src/generated/mod.rs".into(),
        rust_out::rustfmt(&rust_out::mod_file(spec_name, spec, groups)?)?,
    );
    files.insert(
        "pkg/types/schemas.d.ts".into(),
        ts_out::schemas_file(spec_name, spec)?,
    );
    files.insert(
        "pkg/types/index.d.ts".into(),
        ts_out::index_file(spec_name, groups),
    );
    let mut stems = BTreeMap::new();
    for g in groups {
        if let Some(other) = stems.insert(module_name(&g.name), &g.name) {
            return Err(format!(
                "groups {other} and {} map to one module name",
                g.name
            ));
        }
    }
    Ok(files)
}

/// Writes (or, with `check`, compares) `files` under `repo`; files in `dirs` that are not
/// generated are stale: removed, or reported. Returns one line per difference.
pub fn sync(repo: &Path, dirs: &[PathBuf], files: &Files, check: bool) -> Result<Vec<String>> {
    let mut report = Vec::new();
    for (rel, content) in files {
        let path = repo.join(rel);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() == Some(content.as_str()) {
            continue;
        }
        report.push(format!(
            "{} {rel}",
            if current.is_some() {
                "differs:"
            } else {
                "missing:"
            }
        ));
        if !check {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::write(&path, content).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    for dir in dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut stale: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        stale.sort();
        for path in stale {
            let rel = path
                .strip_prefix(repo)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if files.contains_key(&rel) {
                continue;
            }
            report.push(format!("stale: {rel}"));
            if !check {
                std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
    }
    Ok(report)
}
