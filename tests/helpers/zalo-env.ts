/** An environment with Zalo credentials (Zalo mode) whose Zalo endpoints lead nowhere: nothing reaches Zalo. */
export const ZALO_TEST_ENV = {
  ZALO_APP_ID: "4100000000000000001",
  ZALO_APP_SECRET: "configured-app-secret",
  ZALO_MINIAPP_ID: "4100000000000000002",
  ZALO_OA_ID: "4100000000000000003",
  ZALO_OA_SECRET_KEY: "oa-secret-key-for-tests",
  SESSION_SECRET: "a-session-secret-of-at-least-32-chars!",
  ZALO_GRAPH_URL: "http://127.0.0.1:9/",
} as const;
