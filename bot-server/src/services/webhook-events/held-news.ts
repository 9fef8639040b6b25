import { foldVietnamese } from "../../../../shared/lib/text.js";
import type { OaMessage } from "../../../../shared/schemas/oa.js";
import { draftOf } from "../campaigns/campaign-draft.js";
import { campaignMessages } from "../campaigns/campaign-message.js";
import type { DialogueResult } from "../dialogue/handle-message.js";
import { MENU } from "../dialogue/messages.js";
import { NEWS_TYPED } from "../dialogue/texts.js";
import { messageOfAnswer } from "../questions/deliver-answer.js";
import type { Turn } from "./turn.js";

/** Up to three news items waiting in the person's inbox, taken out of it (marked sent, or cancelled with their campaign). */
async function takeHeldNews({ deps, repos, userId, now }: Turn): Promise<OaMessage[]> {
  const out: OaMessage[] = [];
  for (const item of await repos.deliveries.held(userId, 3)) {
    const campaign = await repos.campaigns.findById(Number(item.campaign_id));
    const live = !!campaign && campaign.status !== "cancelled";
    // Only if still held: read in the mini app's "Tin mới" meanwhile, it is not pushed.
    if ((await repos.deliveries.takeHeld(Number(item.id), live ? "sent" : "cancelled", now.toISOString())) && live) {
      out.push(...campaignMessages(draftOf(campaign), deps.links.lesson));
    }
  }
  return out;
}

/** Officials' answers waiting for the person (they could not be pushed), taken out of the held ones. */
async function takeHeldAnswers({ deps, repos, userId, now }: Turn): Promise<OaMessage[]> {
  const out: OaMessage[] = [];
  for (const q of await repos.unanswered.heldFor(userId, 3))
    if (await repos.unanswered.moveAnswer(Number(q.id), ["held"], "sent", { answer_delivered_at: now.toISOString() })) out.push(messageOfAnswer(deps.areas, q));
  return out;
}

/**
 * News and officials' answers that could not be pushed wait in the person's inbox and go out now, as they have just written: before the
 * answer, or instead of it when they asked for the news.
 */
export async function withHeldNews(turn: Turn, result: DialogueResult): Promise<DialogueResult> {
  // An official's answer to the person's own question comes first.
  const news = [...(await takeHeldAnswers(turn)), ...(await takeHeldNews(turn))];
  if (!news.length) return result;
  const asked = foldVietnamese(String(turn.ev.message?.text ?? "")).trim();
  return { ...result, replies: asked === MENU.news || asked === NEWS_TYPED ? news : [...news, ...result.replies] };
}
