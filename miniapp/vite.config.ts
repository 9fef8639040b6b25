import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import zaloMiniApp from "zmp-vite-plugin";
import { coursePlugin } from "./course-plugin.js";
import { sizeReportPlugin } from "./size-report-plugin.js";

const here = dirname(fileURLToPath(import.meta.url));
const appConfig = JSON.parse(readFileSync(resolve(here, "app-config.json"), "utf8"));

export default defineConfig(({ command }) => {
  // zmp-ui's router takes the /zapps/<APP_ID> base only in production builds: a build started from a test runner
  // (NODE_ENV=test) must still be one. Vite reads NODE_ENV after loading this file.
  if (command === "build") process.env.NODE_ENV = "production";
  return config;
});

const config = {
  root: here,
  plugins: [react(), coursePlugin(), zaloMiniApp(appConfig), sizeReportPlugin()],
  build: {
    outDir: resolve(here, "../www"),
    emptyOutDir: true,
    target: "es2017",
    chunkSizeWarningLimit: 600,
  },
  server: { port: 5173 },
};
