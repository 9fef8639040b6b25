/** Zalo's limits on what an OA sends (../shared/zalo-platform.md), zod-free for the mini app's forms. */

/** Characters in one text message. */
export const MAX_TEXT_CHARS = 2000;
/** Buttons under one message. */
export const MAX_BUTTONS = 5;
