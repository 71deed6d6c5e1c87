// Used by the CommonJS entries (*.cjs): each loads its ES module through require(), which Node
// supports from 20.19 and 22.12 (none of the modules uses top-level await). On an older Node the
// error says what to do instead of Node's generic ERR_REQUIRE_ESM.
module.exports = function requireEsm(load) {
  try {
    return load();
  } catch (err) {
    if (err && err.code === "ERR_REQUIRE_ESM") {
      throw new Error(
        `clerk-edge is an ES module and this Node (${process.version}) cannot require() it. ` +
          'Load it with `const { Clerk } = await import("clerk-edge")`, or use Node >= 20.19 (or >= 22.12).',
        { cause: err },
      );
    }
    throw err;
  }
};
