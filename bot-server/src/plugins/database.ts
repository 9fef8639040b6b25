import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { connect, type Db } from "../db/connect.js";
import { migrateToLatest } from "../db/migrate.js";

declare module "fastify" {
  interface FastifyInstance {
    database: Db;
  }
}

export interface DatabasePluginOptions {
  url: string;
  poolSize?: number;
  /** Tests pass an already-connected database (e.g. one PostgreSQL schema each). */
  db?: Db;
}

export const databasePlugin = fp(
  async (app: FastifyInstance, opts: DatabasePluginOptions) => {
    const database = opts.db ?? connect(opts.url, { poolSize: opts.poolSize });
    const applied = await migrateToLatest(database);
    if (applied.length) app.log.info({ applied, database: database.where }, "database migrated");
    app.decorate("database", database);
    if (!opts.db) app.addHook("onClose", () => database.close());
  },
  { name: "database" },
);
