// Node 20 ESM app importing the built package by name (resolved through pkg/package.json's
// exports map, "node" condition). Usage: node node-main.mjs <serverURL>
import * as clerkEdge from "clerk-edge";
import { check } from "./check.mjs";

const entry = import.meta.resolve("clerk-edge");
if (!entry.endsWith("/pkg/node.js")) throw new Error(`"clerk-edge" resolved to ${entry}, not pkg/node.js`);
console.log(JSON.stringify(await check(clerkEdge, process.argv[2])));
