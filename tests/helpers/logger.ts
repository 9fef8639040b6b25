import type { FastifyBaseLogger } from "fastify";

/** A logger that says nothing, for services built outside the app (and in child processes). */
export function silentLogger(): FastifyBaseLogger {
  const noop = () => undefined;
  const log = { level: "silent", fatal: noop, error: noop, warn: noop, info: noop, debug: noop, trace: noop, silent: noop, child: () => log };
  return log as unknown as FastifyBaseLogger;
}
