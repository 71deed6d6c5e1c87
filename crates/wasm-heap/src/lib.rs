//! The wasm heap allocator: talc in place of dlmalloc (single-threaded wasm, no atomics). Every
//! allocation of the package goes through it, so it is built for speed (see Cargo.toml).
#![no_std]

#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
