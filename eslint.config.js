// ESLint, run by `npm test` (npm run lint): the import graph has no circles and nothing imports upward, plus
// typescript-eslint's recommended rules. Formatting is Prettier's job (npm run format:check).
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/** Layers of the server, lowest first: a file may import its own layer and those below, never one above. */
const serverLayers = [
  { from: "bot-server/src/repositories", above: ["services", "routes", "plugins", "jobs", "sandbox", "cli"] },
  { from: "bot-server/src/services", above: ["routes", "plugins", "sandbox", "cli"] },
  { from: "bot-server/src/routes", above: ["plugins", "cli"] },
  { from: "bot-server/src/lib", above: ["repositories", "services", "routes", "plugins", "jobs", "sandbox", "cli", "zalo"] },
];

/** The three parts talk through shared/ and HTTP only. */
const partZones = [
  { target: "shared", from: ["bot-server", "miniapp"], message: "shared/ must not depend on the server or the mini app" },
  { target: "miniapp", from: ["bot-server"], message: "the mini app talks to the server over HTTP only" },
  { target: "bot-server", from: ["miniapp"], message: "the server must not import the mini app" },
];

/** Product code never imports tests, and the server's layers import downward only (tests beside the code may). */
const productZones = [
  { target: ["shared", "miniapp", "bot-server"], from: "tests", message: "product code must not import tests/" },
  ...serverLayers.map((l) => ({
    target: l.from,
    from: l.above.map((a) => `bot-server/src/${a}`),
    message: "a lower layer must not import a higher one (DESIGN.md)",
  })),
];

export default tseslint.config(
  { ignores: ["**/node_modules/**", "**/www/**", "**/dist/**", "data/**", "tests/e2e/artifacts/**"] },
  ...tseslint.configs.recommended,
  {
    files: ["miniapp/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })],
      "import-x/extensions": [".ts", ".tsx", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
    },
    rules: {
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
      "import-x/no-self-import": "error",
      "import-x/no-restricted-paths": ["error", { zones: [...partZones, ...productZones] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
    },
  },
  {
    files: ["**/*.test.{ts,tsx}"],
    rules: { "import-x/no-restricted-paths": ["error", { zones: partZones }] },
  },
);
