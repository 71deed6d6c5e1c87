// Run by each entry once the wasm is instantiated: hands the error classes to the Rust side so
// the errors it builds are instances of the classes the package exports. Not part of the API.
import { registerErrorClasses } from "./dist/clerk_edge.js";
import * as errorClasses from "./errors.js";

export function setup() {
  registerErrorClasses(errorClasses);
}
