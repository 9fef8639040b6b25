import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../config.js";

/** Links into the mini app, for chat buttons, news and posters. */
export interface MiniappLinks {
  lesson(lessonId: string): string;
  skill(skillId: string): string;
  home(): string;
  /** A certificate's public page on this server, with the signed text its QR code carries. */
  verify(code: string, signed: string): string;
}

declare module "fastify" {
  interface FastifyInstance {
    links: MiniappLinks;
  }
}

/** Where "Học kỹ năng số" leads: Zalo's mini app deep link, or the web preview in sandbox mode. */
export const linksPlugin = fp(
  async (app: FastifyInstance, { config }: { config: Pick<Config, "mode" | "publicUrl" | "port"> }) => {
    const id = app.zalo.ids.miniappId;
    const server = config.publicUrl ?? `http://localhost:${config.port}`;
    const base = config.mode === "sandbox" ? `${config.publicUrl ?? `http://localhost:${config.port}`}/zapps/${id}/` : `https://zalo.me/s/${id}/`;
    app.decorate("links", {
      lesson: (lessonId: string) => `${base}?lesson=${encodeURIComponent(lessonId)}`,
      skill: (skillId: string) => `${base}?skill=${encodeURIComponent(skillId)}`,
      home: () => base,
      verify: (code: string, signed: string) => `${server}/verify/${code}?p=${signed}`,
    } satisfies MiniappLinks);
  },
  { name: "links", dependencies: ["zalo"] },
);
