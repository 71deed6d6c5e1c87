// CommonJS entry: the ES module ./with-clerk.js, loaded through require() (see require-esm.cjs).
module.exports = require("./require-esm.cjs")(() => require("./with-clerk.js"));
