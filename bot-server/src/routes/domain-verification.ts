import type { FastifyInstance } from "fastify";

/** Zalo's verification codes seen are letters, digits, - and _ (36 characters); config refuses anything else. */
export const VERIFICATION_CODE = /^[A-Za-z0-9_-]{8,100}$/;

/**
 * The page Zalo's domain check reads. Zalo's own verifier file uses <meta property="zalo-platform-site-verification">,
 * sites in the wild use name=: both are given (the code is checked by config, so it is safe in the attribute).
 */
export function verificationHtml(code: string, o: { head?: string; body: string }): string {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta property="zalo-platform-site-verification" content="${code}" />
<meta name="zalo-platform-site-verification" content="${code}" />
${o.head ?? ""}
</head>
<body>
${o.body}
</body>
</html>
`;
}

/**
 * Zalo verifies the domain before the webhook URL can be saved: the meta tag on the home page, or the file it
 * names, /zalo_verifier<CODE>.html (ZALO_DOMAIN_VERIFICATION holds the code Zalo gives).
 */
export async function domainVerificationRoutes(app: FastifyInstance, opts: { code: string; homeTarget: string }): Promise<void> {
  const { code, homeTarget } = opts;
  app.get(`/zalo_verifier${code}.html`, { schema: { hide: true } }, async (_req, reply) =>
    reply.type("text/html; charset=utf-8").send(verificationHtml(code, { body: "There Is No Limit To What You Can Accomplish Using Zalo!" })),
  );
  // The home page carries the tag too, and sends people on to the mini app.
  app.get("/", { schema: { hide: true } }, async (_req, reply) =>
    reply.type("text/html; charset=utf-8").send(
      verificationHtml(code, {
        head: `<meta http-equiv="refresh" content="0; url=${homeTarget}">\n<title>Kỹ năng số cộng đồng</title>`,
        body: `<p><a href="${homeTarget}">Mở Kỹ năng số cộng đồng</a></p>`,
      }),
    ),
  );
}
