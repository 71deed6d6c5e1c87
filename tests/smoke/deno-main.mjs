// Deno app importing the built package by name (from node_modules, "deno" condition).
// Usage: deno run --allow-read --allow-net=127.0.0.1 deno-main.mjs <serverURL>
import * as clerkEdge from "clerk-edge";
import { check } from "./check.mjs";

const entry = import.meta.resolve("clerk-edge");
if (!entry.endsWith("/deno.js")) throw new Error(`"clerk-edge" resolved to ${entry}, not deno.js`);
console.log(JSON.stringify(await check(clerkEdge, Deno.args[0])));
