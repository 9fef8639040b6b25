import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { CHAT_BUILD_DIR } from "./chat/build-dir.js";

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const BUILT = { js: join(CHAT_BUILD_DIR, "chat.js"), css: join(CHAT_BUILD_DIR, "style.css") };

/** The page with its built CSS and script inlined (one request, nothing external), and a CSP allowing exactly those; null before `npm run build`. */
function chatPage(): { html: string; csp: string } | null {
  if (!existsSync(BUILT.js) || !existsSync(BUILT.css)) return null;
  const css = readFileSync(BUILT.css, "utf8");
  const js = readFileSync(BUILT.js, "utf8");
  const template = readFileSync(new URL("./chat/index.html", import.meta.url), "utf8");
  if (!template.includes("/*STYLE*/") || !template.includes("/*SCRIPT*/")) throw new Error("chat/index.html lost its placeholders");
  const html = template.replace("/*STYLE*/", () => css).replace("/*SCRIPT*/", () => js);
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(js)}`,
    `style-src ${sha256(css)}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  return { html, csp };
}

/**
 * Sandbox mode only: GET /sandbox/chat, a phone-sized chat with the OA "Chuyển đổi số quốc gia" in the browser.
 * It drives the sandbox users through the sandbox's own HTTP API (follow, send, seen, messages), so what it shows
 * is what the bot really answered through the webhook. Its script is TypeScript (chat/main.ts), built with the mini app.
 */
export async function sandboxChatPage(app: FastifyInstance): Promise<void> {
  const page = chatPage();
  if (!page) {
    app.log.warn({ dir: CHAT_BUILD_DIR }, "sandbox chat page not built: run `npm run build` (npm start does it)");
    app.get("/sandbox/chat", { schema: { hide: true } }, async (_req, reply) =>
      reply.status(503).type("text/plain; charset=utf-8").send("Trang nhắn tin thử chưa được build. Chạy: npm run build"),
    );
    return;
  }
  app.get("/sandbox/chat", { schema: { hide: true } }, async (_req, reply) =>
    reply
      .header("cache-control", "no-cache")
      .header("content-security-policy", page.csp)
      .header("x-content-type-options", "nosniff")
      .header("referrer-policy", "no-referrer")
      .type("text/html; charset=utf-8")
      .send(page.html),
  );
}
