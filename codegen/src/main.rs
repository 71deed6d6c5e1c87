//! clerk-edge-codegen: writes `src/generated/` and `pkg/types/` from the OpenAPI specs.
//!
//! Usage (from anywhere in the workspace):
//!   cargo run -p clerk-edge-codegen                 regenerate
//!   cargo run -p clerk-edge-codegen -- --check      exit 1, listing files that differ or are stale
//! Options: --spec PATH (default ../shared/openapi/bapi-2026-05-12.yml from the repo root),
//!          --webhooks PATH (default ../shared/openapi/webhooks-2025-04-15.yml).

mod generate;
mod model;
mod naming;
mod rust_out;
mod spec;
mod table_line;
#[cfg(test)]
mod tests;
mod ts_out;
mod ts_schema;
mod webhooks;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("codegen: error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> spec::Result<ExitCode> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("no repo root")?
        .to_path_buf();
    let shared = repo.join("../shared/openapi");
    let mut spec_path = shared.join("bapi-2026-05-12.yml");
    let mut webhooks_path = shared.join("webhooks-2025-04-15.yml");
    let mut check = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--check" => check = true,
            "--spec" => spec_path = PathBuf::from(args.next().ok_or("--spec needs a path")?),
            "--webhooks" => {
                webhooks_path = PathBuf::from(args.next().ok_or("--webhooks needs a path")?)
            }
            "-h" | "--help" => {
                println!("usage: clerk-edge-codegen [--check] [--spec PATH] [--webhooks PATH]");
                return Ok(ExitCode::SUCCESS);
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let files = generate::all(&spec_path, &webhooks_path)?;
    let dirs = [repo.join("src/generated"), repo.join("pkg/types")];
    let outcome = generate::sync(&repo, &dirs, &files, check)?;
    if check {
        if outcome.is_empty() {
            println!("codegen: {} files up to date", files.len());
            return Ok(ExitCode::SUCCESS);
        }
        for line in &outcome {
            println!("{line}");
        }
        eprintln!(
            "codegen: generated files are out of date: run `cargo run -p clerk-edge-codegen`"
        );
        return Ok(ExitCode::from(1));
    }
    for line in &outcome {
        println!("{line}");
    }
    println!(
        "codegen: {} files generated, {} changed",
        files.len(),
        outcome.len()
    );
    Ok(ExitCode::SUCCESS)
}
