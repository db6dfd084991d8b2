// ESLint's flat config for the site's own client scripts (scripts/test runs it on docs/assets/).
// They are classic scripts run by browsers: no modules, only the browser's globals. The packages
// come from .venv/node/eslint (scripts/test installs them), found through NODE_PATH.
"use strict";

const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  {ignores: ["docs/assets/vendor/"]},
  {
    files: ["docs/assets/*.js"],
    ...js.configs.recommended,
    languageOptions: {sourceType: "script", globals: globals.browser},
  },
  // Also loaded by Node's test runner (tests/js/), which reads its exports from `module`.
  {files: ["docs/assets/guide-score.js"], languageOptions: {globals: {module: "writable"}}},
];
