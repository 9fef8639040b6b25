import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";

const read = (name: string) => readFileSync(new URL(`./chat/${name}`, import.meta.url), "utf8");
const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** The page with its CSS and script inlined (one request, nothing external), and a CSP allowing exactly those. */
export function chatPage(): { html: string; csp: string } {
  const css = read("chat.css");
  const js = read("chat.js");
  const template = read("index.html");
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
 * is what the bot really answered through the webhook.
 */
export async function sandboxChatPage(app: FastifyInstance): Promise<void> {
  const { html, csp } = chatPage();
  app.get("/sandbox/chat", { schema: { hide: true } }, async (_req, reply) =>
    reply
      .header("cache-control", "no-cache")
      .header("content-security-policy", csp)
      .header("x-content-type-options", "nosniff")
      .header("referrer-policy", "no-referrer")
      .type("text/html; charset=utf-8")
      .send(html),
  );
}
