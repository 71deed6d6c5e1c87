// CommonJS entry: the ES module ./node.js, loaded through require() (see require-esm.cjs).
module.exports = require("./require-esm.cjs")(() => require("./node.js"));
