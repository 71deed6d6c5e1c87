// Loads the clerk-edge package once, as a browser app would: `/pkg/browser.js` from the same
// origin (the dev server serves pkg/ there). Loaded lazily so the page still explains itself if
// the package has not been built.

let sdk;
export function loadSdk() {
  sdk ??= import("/pkg/browser.js").catch((cause) => {
    sdk = undefined; // allow a retry after `bash scripts/build.sh`
    throw new Error(`Could not load the clerk-edge package from /pkg/browser.js (${cause.message}). Build it with: bash scripts/build.sh`);
  });
  return sdk;
}
