/**
 * Builds the server in the mode its environment gives, starts and stops it, then prints one JSON line: the files of
 * this repository that were loaded, relative to its root. Run with plain `node`: it registers tsx itself, so that it
 * sees every import from the first one on, in a module graph of its own.
 */
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

const root = new URL("../../", import.meta.url).href;
const loaded = new Set();
register({ onImport: (url) => void (url.startsWith(root) && loaded.add(fileURLToPath(url).slice(fileURLToPath(root).length))) });

const { loadConfig } = await import("../../bot-server/src/config.js");
const { buildApp } = await import("../../bot-server/src/app.js");
const app = await buildApp(loadConfig(process.env));
await app.ready();
await app.close();
console.log(JSON.stringify([...loaded].sort()));
