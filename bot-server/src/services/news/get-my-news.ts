import type { AnswerNewsItem, NewsButton, NewsItem, NewsResponse } from "../../../../shared/schemas/news.js";
import type { Repositories } from "../../repositories/index.js";
import type { Areas } from "../areas.js";
import { answererName } from "../questions/question-view.js";
import type { CourseCatalog } from "../course-catalog.js";
import type { CampaignContent } from "../../repositories/campaigns.js";

export const NEWS_LIMIT = 20;

export interface NewsDeps {
  repos: Repositories;
  catalog: CourseCatalog;
  /** The mini app's own address: a button linking to one of its lessons opens the lesson in the app. */
  links: { home(): string };
  areas: Areas;
}

/** The OA follower a signed-in learner is (Zalo's user_id_by_oa, kept at sign-in), or null. */
export async function followerOf(repos: Repositories, learnerId: string): Promise<string | null> {
  return (await repos.learners.findById(learnerId))?.id_by_oa ?? null;
}

/** A URL that is the mini app's lesson deep link (…/?lesson=<id>) of a lesson that exists: that lesson. */
function lessonOf(deps: NewsDeps, url: string): string | null {
  if (!url.startsWith(deps.links.home())) return null;
  try {
    const id = new URL(url).searchParams.get("lesson");
    return id && deps.catalog.lesson(id) ? id : null;
  } catch {
    return null;
  }
}

function buttonsOf(deps: NewsDeps, buttons: CampaignContent["buttons"]): NewsButton[] {
  return buttons.map((b) => {
    if ("lessonId" in b) return { title: b.title, lessonId: b.lessonId };
    const lessonId = lessonOf(deps, b.url);
    return lessonId ? { title: b.title, lessonId } : { title: b.title, url: b.url };
  });
}

/**
 * "Tin mới": officials' answers to the learner's questions, and the news that waits in the learner's inbox (held: it could not be pushed through the OA) and what they
 * have read of it in the app, newest first, of campaigns not cancelled; with the number still unread. Only the
 * learner's own: the rows are looked up by the follower id Zalo gave for this learner at sign-in.
 */
export async function getMyNews(deps: NewsDeps, learnerId: string): Promise<NewsResponse> {
  const follower = await followerOf(deps.repos, learnerId);
  if (!follower) return { items: [], answers: [], unread: 0, missing: "no_oa_link" };
  const rows = await deps.repos.deliveries.news(follower, NEWS_LIMIT);
  const items = rows.map((r): NewsItem => ({
    campaignId: Number(r.campaign_id),
    title: r.title,
    text: r.content.text,
    imageUrl: r.content.imageUrl ?? null,
    buttons: buttonsOf(deps, r.content.buttons),
    date: r.created_at,
    read: r.state === "read",
  }));
  const answered = await deps.repos.unanswered.answeredFor(follower, NEWS_LIMIT);
  const answers = answered.map((q): AnswerNewsItem => ({
    questionId: Number(q.id),
    question: q.text,
    answer: q.answer_text ?? "",
    answeredBy: answererName(deps.areas, q.answered_area ?? ""),
    date: q.answered_at ?? q.created_at,
    read: q.answer_state !== "held",
  }));
  const unread = (await deps.repos.deliveries.unreadNews(follower)) + answers.filter((a) => !a.read).length;
  return { items, answers, unread, missing: null };
}
