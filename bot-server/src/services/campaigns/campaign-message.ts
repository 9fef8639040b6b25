import type { CampaignDraft } from "../../../../shared/schemas/campaign.js";
import type { OaButton, OaMessage } from "../../../../shared/schemas/oa.js";

function buttonsOf(c: CampaignDraft, lessonUrl: (lessonId: string) => string): OaButton[] {
  return c.buttons.map((b) => ({ type: "oa.open.url" as const, title: b.title, payload: { url: "lessonId" in b ? lessonUrl(b.lessonId) : b.url } }));
}

/**
 * The consultation messages a follower receives for a campaign, exactly as they go to Zalo. An image carries the
 * text as its caption (Java SDK v3/SendImageCSMessage sends text beside the media template): one message, one of
 * the free replies. With buttons too, the image goes first and the text with its buttons second.
 */
export function campaignMessages(c: CampaignDraft, lessonUrl: (lessonId: string) => string): OaMessage[] {
  const text = `${c.title}\n\n${c.text}`;
  const buttons = buttonsOf(c, lessonUrl);
  const image: OaMessage | null = c.imageUrl
    ? { attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", url: c.imageUrl }] } } }
    : null;
  const withButtons: OaMessage = { text, attachment: { type: "template", payload: { buttons } } };
  if (image && buttons.length) return [image, withButtons];
  if (image) return [{ ...image, text }];
  return [buttons.length ? withButtons : { text }];
}

/**
 * The same campaign as a promotion message: Zalo's promotion template (Java SDK v3/SendPromotionMessage) — the
 * image as banner, the title as header, the text, and the buttons. /message/promotion refuses plain text.
 */
export function promotionMessage(c: CampaignDraft, lessonUrl: (lessonId: string) => string): OaMessage {
  const elements: Record<string, unknown>[] = [];
  if (c.imageUrl) elements.push({ type: "banner", image_url: c.imageUrl });
  elements.push({ type: "header", content: c.title, align: "left" });
  elements.push({ type: "text", content: c.text, align: "left" });
  const buttons = buttonsOf(c, lessonUrl);
  return { attachment: { type: "template", payload: { template_type: "promotion", elements, ...(buttons.length ? { buttons } : {}) } } };
}
