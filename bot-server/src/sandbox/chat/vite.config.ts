import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { CHAT_BUILD_DIR } from "./build-dir.js";

const here = fileURLToPath(new URL(".", import.meta.url));

/** The sandbox chat page: main.ts and its imports as one classic script, and its stylesheet; no chunks. */
export default defineConfig({
  root: here,
  publicDir: false,
  logLevel: "warn",
  build: {
    outDir: CHAT_BUILD_DIR,
    emptyOutDir: true,
    target: "es2020",
    lib: { entry: "main.ts", formats: ["iife"], name: "sandboxChat", fileName: () => "chat.js" },
  },
});
