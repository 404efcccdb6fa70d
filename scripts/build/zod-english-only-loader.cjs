/**
 * A Turbopack loader (next.config.ts `turbopack.rules`) for zod's `v4/locales/index.js`: the app build keeps
 * English only. zod's `z` namespace re-exports every locale (`z.locales`), so none can be tree-shaken, and they
 * are about 160 KiB of every route that parses input. The app never switches zod's locale (English is zod's
 * default and our 422s word their own messages), so the other 40-odd are dead weight. Tests and the CLI run
 * unbundled, with zod as published.
 */
module.exports = function zodEnglishOnly() {
  return 'export { default as en } from "./en.js";\n';
};
