import { buildApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp(config);
  await app.listen({ host: config.host, port: config.port });
  const addr = app.server.address();
  const port = typeof addr === "object" && addr ? addr.port : config.port;
  const origin = config.publicUrl ?? `http://localhost:${port}`;
  const sandbox = config.mode === "sandbox";
  const mode = sandbox ? "sandbox mode (no Zalo credentials: the built-in Zalo sandbox stands in)" : "Zalo mode";
  app.log.info(`ready in ${mode}, database ${app.database.where}`);
  const chat = sandbox ? `\n  Chat with the OA:  ${origin}/sandbox/chat` : "";
  console.log(
    `\n  Kỹ năng số cộng đồng is running in ${mode}.\n  Open the mini app: ${origin}/zapps/${app.zalo.ids.miniappId}/${chat}\n  API docs:         ${origin}/docs\n`,
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, "shutting down");
      void app.close().then(() => process.exit(0));
    });
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
