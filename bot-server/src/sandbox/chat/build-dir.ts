import { fileURLToPath } from "node:url";

/** Where `npm run build` puts the chat page's script (chat.js) and styles (style.css); chat-page.ts inlines them. */
export const CHAT_BUILD_DIR = fileURLToPath(new URL("../../../../dist/sandbox-chat/", import.meta.url));
