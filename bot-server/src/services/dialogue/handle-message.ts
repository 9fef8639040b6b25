import type { FaqEntry } from "../../../../shared/schemas/content.js";
import type { OaMessage } from "../../../../shared/schemas/oa.js";
import { foldVietnamese } from "../../../../shared/lib/text.js";
import { topicsOf } from "../../../../shared/lib/topics.js";
import type { SubscriberRow } from "../../repositories/subscribers.js";
import type { Areas } from "../areas.js";
import type { CourseCatalog } from "../course-catalog.js";
import type { FaqSearch } from "./faq-search.js";
import { hide, menuMessage, MENU, url, withButtons } from "./messages.js";
import { answerQuiz, questionMessage, startQuiz } from "./quick-quiz.js";
import { stateOf, type DialogueState } from "./state.js";
import { communeChoices, consentMessage, parseTopics, topicsMessage } from "./subscribe.js";
import { CONSENT_TEXT, CONSENT_VERSION, T } from "./texts.js";

export interface DialogueContext {
  catalog: CourseCatalog;
  faq: FaqSearch;
  areas: Areas;
  lessonUrl(lessonId: string): string;
  /** The person's next lesson in the mini app (their first lesson not passed, when they are a known learner). */
  learnUrl: string;
  /**
   * True when this follower is a known learner, false when not — and the mini app is known not to be linked to the
   * OA (sign-ins come without user_id_by_oa), so the chat cannot see what they learned there; null otherwise.
   */
  learnerLinked?: boolean | null;
  random(): number;
  now: string;
}

export interface SubscriberPatch {
  dialogue?: string | null;
  consent_version?: string | null;
  consent_text?: string | null;
  consent_at?: string | null;
  topics?: string;
  province_code?: string | null;
  commune_code?: string | null;
  news_enabled?: number;
}

export interface DialogueResult {
  replies: OaMessage[];
  patch: SubscriberPatch;
  unanswered?: { text: string; bestMatch: string | null; bestScore: number | null };
  /** The person asked the Hỏi đáp a question: whether the bot answered it (counted for officials' statistics). */
  asked?: "answered" | "unanswered";
}

const KEYWORDS: [RegExp, string][] = [
  [/^(menu|bat dau|start|xin chao|chao|hello|hi|alo)$/, MENU.menu],
  [/^(hoc|hoc ky nang so|hoc bai)$/, MENU.learn],
  [/^(tin moi|tin tuc|xem tin)$/, MENU.news],
  [/^(hoi dap|hoi)$/, MENU.faq],
  [/^(kiem tra|kiem tra nhanh|quiz)$/, MENU.quiz],
  [/^(nhan tin|dang ky|dang ky nhan tin|nhan tin \/ huy tin)$/, MENU.subscribe],
  [/^(huy|huy nhan tin|huy tin|dung|stop)$/, MENU.unsubscribe],
  [/^(dong y|co|ok|đong y)$/, MENU.consentYes],
  [/^(khong dong y|khong)$/, MENU.consentNo],
];

function command(folded: string): string | null {
  if (folded.startsWith("#")) return folded;
  for (const [re, cmd] of KEYWORDS) if (re.test(folded)) return cmd;
  return null;
}

const hasConsent = (s: SubscriberRow) => s.consent_version !== null && s.consent_at !== null;
const state = (s: DialogueState | null) => (s ? JSON.stringify(s) : null);

/** One message from a follower (typed text or a button's payload) → what the OA answers and what it remembers. */
export function handleMessage(ctx: DialogueContext, sub: SubscriberRow, text: string): DialogueResult {
  const folded = foldVietnamese(text).trim().replace(/\s+/g, " ");
  const cmd = command(folded);
  const current = stateOf(sub.dialogue);
  const topics = topicsOf(ctx.catalog.skills);
  const menu = (t: string = T.menu) => menuMessage(t, ctx.learnUrl);

  // Answers the current step expects come first; any menu command leaves the step.
  if (current?.mode === "quiz" && (!cmd || cmd.startsWith("#tl:"))) {
    const r = answerQuiz(ctx.catalog, current, text, ctx.lessonUrl);
    if (r) return { replies: r.replies, patch: { dialogue: state(r.state) } };
    return { replies: [{ text: "Hãy bấm một nút A, B, C… để trả lời, hoặc gõ “menu” để dừng." }, questionMessage(ctx.catalog, current)], patch: {} };
  }
  if (current?.mode === "topics" && (!cmd || cmd === MENU.allTopics)) {
    const picked = parseTopics(cmd ?? folded, topics);
    if (!picked) return { replies: [{ text: T.topicsInvalid }, topicsMessage(topics)], patch: {} };
    return { replies: [{ text: T.communePrompt }], patch: { dialogue: state({ mode: "commune", topics: picked, candidates: [] }) } };
  }
  if (current?.mode === "commune" && (!cmd || cmd.startsWith("#xa:"))) {
    const code = cmd?.startsWith("#xa:") ? cmd.slice(4) : null;
    if (code) {
      const commune = ctx.areas.commune(code);
      if (!commune || !hasConsent(sub)) return { replies: [{ text: T.communeNotFound }], patch: {} };
      const titles = current.topics.map((id) => topics.find((t) => t.id === id)?.title ?? id).join(", ");
      return {
        replies: [menu(`Đã đăng ký nhận tin của ${commune.fullName} về: ${titles}. Gõ “Hủy” bất cứ lúc nào để dừng nhận tin.`)],
        patch: {
          dialogue: null,
          topics: JSON.stringify(current.topics),
          commune_code: commune.code,
          province_code: commune.provinceCode,
          news_enabled: 1,
        },
      };
    }
    const choices = communeChoices(ctx.areas, text);
    if (!choices) return { replies: [{ text: T.communeNotFound }], patch: {} };
    return { replies: [choices.message], patch: { dialogue: state({ ...current, candidates: choices.codes }) } };
  }

  switch (cmd) {
    case MENU.menu:
      return { replies: [menu()], patch: { dialogue: null } };
    case MENU.learn:
      return {
        replies: [
          withButtons(ctx.learnerLinked === false ? `${T.learn}\n\n${T.learnNoLink}` : T.learn, [url("Mở bài học", ctx.learnUrl), hide("Menu", MENU.menu)]),
        ],
        patch: { dialogue: null },
      };
    case MENU.news:
      return {
        replies: [
          sub.news_enabled
            ? withButtons(T.noNews, [hide("Menu", MENU.menu)])
            : withButtons(T.noNewsNotSubscribed, [hide("Đăng ký nhận tin", MENU.subscribe), hide("Menu", MENU.menu)]),
        ],
        patch: { dialogue: null },
      };
    case MENU.faq:
      return { replies: [{ text: T.askQuestion }], patch: { dialogue: null } };
    case MENU.quiz: {
      const s = startQuiz(
        ctx.catalog.skills.flatMap((sk) => ctx.catalog.lessonsOf(sk.id)),
        ctx.random,
      );
      if (s.items.length === 0) return { replies: [menu()], patch: { dialogue: null } };
      return { replies: [questionMessage(ctx.catalog, s)], patch: { dialogue: state(s) } };
    }
    case MENU.subscribe:
      if (!hasConsent(sub)) return { replies: [consentMessage()], patch: { dialogue: state({ mode: "consent", then: "subscribe" }) } };
      return { replies: [topicsMessage(topics)], patch: { dialogue: state({ mode: "topics" }) } };
    case MENU.unsubscribe:
      return { replies: [menu(T.unsubscribed)], patch: { dialogue: null, news_enabled: 0 } };
    case MENU.consentYes:
      // Consent counts only as the answer to the consent question, never from a stray "ok".
      if (current?.mode !== "consent") return { replies: [menu()], patch: { dialogue: null } };
      return {
        replies: [{ text: T.consentYes }, topicsMessage(topics)],
        patch: { dialogue: state({ mode: "topics" }), consent_version: CONSENT_VERSION, consent_text: CONSENT_TEXT, consent_at: ctx.now },
      };
    case MENU.consentNo:
      return { replies: [menu(T.consentNo)], patch: { dialogue: null } };
  }
  // One of the two entries offered for a question (answerQuestion): its answer.
  const chosen = cmd?.startsWith(FAQ_PICK) ? ctx.faq.entry(cmd.slice(FAQ_PICK.length)) : undefined;
  if (chosen) return { replies: [faqAnswer(ctx, chosen)], patch: { dialogue: null } };
  if (cmd?.startsWith("#")) return { replies: [menu()], patch: { dialogue: null } };
  return answerQuestion(ctx, text);
}

/** The payload of a button that picks a Hỏi đáp entry: "#faq:<id>". */
const FAQ_PICK = "#faq:";

/** An entry's answer; an area's entry may point to no lesson (or one since taken out of the course): no lesson button then. */
const faqAnswer = (ctx: DialogueContext, e: FaqEntry): OaMessage =>
  withButtons(e.answer, [
    ...(ctx.catalog.lesson(e.lesson) ? [url("Xem bài học", ctx.lessonUrl(e.lesson))] : []),
    hide("Hỏi câu khác", MENU.faq),
    hide("Menu", MENU.menu),
  ]);

/**
 * Free text is a question for the Hỏi đáp. Two entries about as close: the person picks (a confident answer about
 * the other one could be the opposite advice). Without a confident answer it goes to the officials' inbox.
 */
function answerQuestion(ctx: DialogueContext, text: string): DialogueResult {
  const r = ctx.faq.reply(text);
  if (r.kind === "answer") return { replies: [faqAnswer(ctx, r.match.entry)], patch: { dialogue: null }, asked: "answered" };
  if (r.kind === "choose") {
    const buttons = r.matches.map((m) => hide(m.entry.question.slice(0, 100), `${FAQ_PICK}${m.entry.id}`));
    return { replies: [withButtons(T.whichQuestion, [...buttons, hide("Câu khác", MENU.faq)])], patch: { dialogue: null }, asked: "answered" };
  }
  const lessons = ctx.faq.closestLessons(text, 2);
  return {
    replies: [withButtons(T.notConfident, [...lessons.map((l) => url(l.title.slice(0, 100), ctx.lessonUrl(l.id))), hide("Menu", MENU.menu)])],
    patch: { dialogue: null },
    unanswered: { text, bestMatch: r.best?.entry.id ?? null, bestScore: r.best ? Math.round(r.best.coverage * 100) / 100 : null },
    asked: "unanswered",
  };
}

/** A new follower: welcome, the menu, and the consent question (nothing about them is stored before they agree). */
export function welcome(ctx: DialogueContext, sub: SubscriberRow): DialogueResult {
  const replies: OaMessage[] = [menuMessage(T.welcome, ctx.learnUrl)];
  if (hasConsent(sub)) return { replies, patch: { dialogue: null } };
  return { replies: [...replies, consentMessage()], patch: { dialogue: state({ mode: "consent", then: null }) } };
}
