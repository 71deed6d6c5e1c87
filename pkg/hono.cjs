// CommonJS entry: the ES module ./hono.js, loaded through require() (see require-esm.cjs).
module.exports = require("./require-esm.cjs")(() => require("./hono.js"));
