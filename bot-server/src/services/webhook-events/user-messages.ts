import { handleMessage } from "../dialogue/handle-message.js";
import { menuMessage } from "../dialogue/messages.js";
import { T } from "../dialogue/texts.js";
import type { AnswerStep } from "./turn.js";

/** Typed text or a button's payload: the dialogue answers it, and news waiting in the inbox goes with the answer. */
export const answerText: AnswerStep = async ({ ev, sub, ctx }) => ({ sub, result: handleMessage(ctx, sub, String(ev.message?.text ?? "")), withNews: true });

/** A sticker, photo, link…: it counts as an interaction (recorded already); the bot answers with the menu. */
export const answerMedia: AnswerStep = async ({ sub, ctx }) => ({ sub, result: { replies: [menuMessage(T.textOnly, ctx.learnUrl)], patch: {} } });
