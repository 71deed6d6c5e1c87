// Deno side of all.mjs: the clerk-edge half of the request-flow corpus with the Deno entry.
// Usage: deno run --allow-read --allow-net=127.0.0.1 deno-main.mjs <corpus.json> [entry module]
// Prints the results as JSON on its last line.
import { runEdge } from "./edge-half.mjs";

const [corpusPath, entry = new URL("../../pkg/deno.js", import.meta.url).href] = Deno.args;
const edge = await import(entry);
const corpus = JSON.parse(await Deno.readTextFile(corpusPath));
console.log(JSON.stringify(await runEdge(edge, corpus)));
