import type { CampaignDraft } from "../../../../shared/schemas/campaign.js";
import type { OaMessage } from "../../../../shared/schemas/oa.js";

/** The messages a follower receives for a campaign, exactly as they go to Zalo: the image first, then the text. */
export function campaignMessages(c: CampaignDraft, lessonUrl: (lessonId: string) => string): OaMessage[] {
  const out: OaMessage[] = [];
  if (c.imageUrl) {
    out.push({ attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", url: c.imageUrl }] } } });
  }
  const buttons = c.buttons.map((b) =>
    "lessonId" in b ? { type: "oa.open.url" as const, title: b.title, payload: { url: lessonUrl(b.lessonId) } } : { type: "oa.open.url" as const, title: b.title, payload: { url: b.url } },
  );
  const text = `${c.title}\n\n${c.text}`;
  out.push(buttons.length ? { text, attachment: { type: "template", payload: { buttons } } } : { text });
  return out;
}
