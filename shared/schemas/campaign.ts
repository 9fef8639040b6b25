import { z } from "zod";
import { AREA_CODE, COMMUNE_CODE, MARKUP, TOPIC_ID } from "../constants/patterns.js";
import { MAX_BUTTONS, MAX_TEXT_CHARS } from "../constants/zalo.js";
import { fitsOneMessage, MAX_BUDGET_VND, MAX_BUTTON_TITLE_CHARS, MAX_TITLE_CHARS } from "../lib/campaign-rules.js";
import { isPlainName, unsafeTextProblem } from "../lib/unsafe-text.js";
import { lessonIdSchema } from "./api.js";

/** Text that goes into Zalo's templates as is: no markup, no control characters. */
const plain = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !MARKUP.test(s), "no markup (< or >) in text sent through Zalo")
    .refine((s) => unsafeTextProblem(s, true) === null, "no control characters");

/** A title: also no hidden or direction-changing characters (they make a title read differently than it is). */
const title = (max: number) => plain(max).refine(isPlainName, "no hidden or direction-changing characters in a title");

const httpsUrl = z.url({ protocol: /^https$/, hostname: z.regexes.domain }).max(1000);

export const campaignButtonSchema = z.union([
  z.strictObject({ title: title(MAX_BUTTON_TITLE_CHARS), lessonId: lessonIdSchema }),
  z.strictObject({ title: title(MAX_BUTTON_TITLE_CHARS), url: httpsUrl }),
]);
export type CampaignButton = z.infer<typeof campaignButtonSchema>;

/** TITLE + TEXT must fit one Zalo text message (2,000 characters), with the blank line between them. */
export const campaignDraftSchema = z
  .strictObject({
    title: title(MAX_TITLE_CHARS),
    text: plain(MAX_TEXT_CHARS),
    imageUrl: httpsUrl.optional(),
    buttons: z.array(campaignButtonSchema).max(MAX_BUTTONS).default([]),
    areaCode: z.string().regex(AREA_CODE, "a province (2 digits) or commune (5 digits) code"),
    communes: z.array(z.string().regex(COMMUNE_CODE)).max(500).default([]),
    topics: z.array(z.string().regex(TOPIC_ID)).min(1).max(10),
    allowPaid: z.boolean().default(false),
    budgetVnd: z.number().int().min(0).max(MAX_BUDGET_VND).default(0),
    usePromotion: z.boolean().default(false),
  })
  .refine((c) => fitsOneMessage(c.title, c.text), { message: "title and text together exceed 2,000 characters", path: ["text"] });
export type CampaignDraft = z.infer<typeof campaignDraftSchema>;

/**
 * draft → (awaiting_approval →) (scheduled →) sending → done once planning has finished and every delivery is
 * settled (sent, held in the inbox, failed or cancelled); cancelled from any state before done.
 */
export const campaignStatusSchema = z.enum(["draft", "awaiting_approval", "scheduled", "sending", "done", "cancelled"]);
export type CampaignStatus = z.infer<typeof campaignStatusSchema>;

export const campaignPlanSchema = z.object({
  /** Free consultation messages: within 48 h of the person's last interaction and within the free replies left. */
  free: z.number().int(),
  /** Proactive messages taken from the OA's quota (beyond the free replies, or 48 h–7 days). */
  quota: z.number().int(),
  /** Proactive messages billed (Zalo Cloud money), when allowed and within the budget. */
  paid: z.number().int(),
  promotion: z.number().int(),
  /** Waiting in the person's inbox: delivered when they next write to the OA, or read in the mini app. */
  inbox: z.number().int(),
  /** Of the inbox: people who could have been reached, but the OA's quota and the budget ran out. */
  waitingForQuota: z.number().int(),
  /** Not known yet whether they follow the OA: checked with Zalo when the campaign is planned. */
  unknown: z.number().int(),
  excluded: z.object({ unfollowed: z.number().int(), unsubscribed: z.number().int(), outsideArea: z.number().int() }),
  estimatedCostVnd: z.number().int(),
  /** Messages each person gets (an image is a message of its own, and counts against the free replies). */
  messagesPerPerson: z.number().int(),
  /** The OA's proactive quota left, as Zalo reported it; null when it could not be read (then taken as none). */
  quotaRemaining: z.number().int().nullable(),
});
export type CampaignPlan = z.infer<typeof campaignPlanSchema>;

export const campaignStatsSchema = z.object({
  planned: z.number(),
  sending: z.number(),
  sent: z.number(),
  /** Waiting in the person's inbox: the bot sends it when they next write to the OA, or they read it in "Tin mới". */
  held: z.number(),
  /** Held, then read in the mini app's "Tin mới" (not pushed any more). */
  readInApp: z.number(),
  cancelled: z.number(),
  failed: z.number(),
  failedByCode: z.record(z.string(), z.number()),
  received: z.number(),
  seen: z.number(),
  /** What Zalo's answers say was spent (VND): billed messages and promotions. */
  costVnd: z.number(),
  /** What planning expected the deliveries to cost (VND). */
  plannedCostVnd: z.number(),
  /** Sends by how Zalo counted them (quota_type: reply, sub_quota, purchase_quota…; "unreported" when it did not say). */
  byQuotaType: z.record(z.string(), z.number()),
  /** Held because the OA's quota or Zalo Cloud money ran out (-211, -320, -321). */
  heldForQuota: z.number(),
  /** Deliveries that were being sent when a process died: at most the worker concurrency per crash. */
  inFlightAtCrash: z.number(),
  done: z.boolean(),
});
export type CampaignStats = z.infer<typeof campaignStatsSchema>;

/** An empty query parameter (`?status=`) means the parameter is not given. */
const optionalParam = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === "" ? undefined : v), s.optional());

/** GET /api/v1/admin/campaigns: newest first, 20 a page; `cursor` is the `nextCursor` of the page before. */
export const campaignListQuerySchema = z.strictObject({
  status: optionalParam(campaignStatusSchema),
  /** Only those awaiting approval that I may approve: of my area, and neither written nor sent by me. */
  awaitingMyApproval: optionalParam(z.enum(["true", "false"])),
  cursor: optionalParam(z.string().regex(/^[1-9]\d{0,15}$/, "a cursor given by the page before")),
});
export type CampaignListQuery = z.infer<typeof campaignListQuerySchema>;

export const campaignListItemSchema = z.object({
  id: z.number(),
  title: z.string(),
  status: campaignStatusSchema,
  areaCode: z.string(),
  /** "Thành phố Hà Nội" or "Phường Ba Đình, Thành phố Hà Nội". */
  areaName: z.string(),
  /** A province-wide campaign (no communes picked inside the province). */
  provinceWide: z.boolean(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  /** Deliveries so far: pushed, waiting in the person's inbox, failed. */
  counts: z.object({ sent: z.number(), held: z.number(), failed: z.number() }),
});
export type CampaignListItem = z.infer<typeof campaignListItemSchema>;

export const campaignListSchema = z.object({
  campaigns: z.array(campaignListItemSchema),
  /** Give it as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type CampaignList = z.infer<typeof campaignListSchema>;
