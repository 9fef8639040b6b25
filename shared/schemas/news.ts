import { z } from "zod";

/** A button of a news item: a lesson opens inside the mini app, anything else is a web page. */
export const newsButtonSchema = z.union([z.object({ title: z.string(), lessonId: z.string() }), z.object({ title: z.string(), url: z.string() })]);
export type NewsButton = z.infer<typeof newsButtonSchema>;

/** One campaign's news held for the person (it could not be pushed through the OA), as "Tin mới" shows it. */
export const newsItemSchema = z.object({
  campaignId: z.number(),
  title: z.string(),
  text: z.string(),
  imageUrl: z.string().nullable(),
  buttons: z.array(newsButtonSchema),
  /** When it reached the person's inbox. */
  date: z.string(),
  /** Read in the app already. */
  read: z.boolean(),
});
export type NewsItem = z.infer<typeof newsItemSchema>;

/** An official's answer to a question the person asked the chatbot, as "Tin mới" shows it. */
export const answerNewsItemSchema = z.object({
  questionId: z.number(),
  question: z.string(),
  answer: z.string(),
  /** The commune or province that answered (never a person). */
  answeredBy: z.string(),
  date: z.string(),
  /** Read in the app, or pushed to the person through the OA already. */
  read: z.boolean(),
});
export type AnswerNewsItem = z.infer<typeof answerNewsItemSchema>;

/** GET /api/v1/me/news: the latest 20, newest first, and how many of all are unread. */
export const newsResponseSchema = z.object({
  items: z.array(newsItemSchema),
  /** Officials' answers to the person's questions, newest first (the latest 20). */
  answers: z.array(answerNewsItemSchema),
  unread: z.number(),
  /**
   * "no_oa_link": Zalo gave no user_id_by_oa for this person (the mini app is not linked to the OA in Zalo's
   * settings), so news sent through the OA cannot be matched to them: the screen says so instead of showing nothing.
   */
  missing: z.enum(["no_oa_link"]).nullable(),
});
export type NewsResponse = z.infer<typeof newsResponseSchema>;
