import { useRef, useState } from "react";
import { vietnamDateTime } from "../../../shared/lib/vietnam-time";
import type { AnswerNewsItem } from "../../../shared/schemas/news";
import { learnerCalls } from "../api/client";
import { ensureSession } from "../api/session";
import { getState, setState } from "../state/store";
import { useSeen } from "./news-seen";

function AnswerCard({ item, onSeen }: { item: AnswerNewsItem; onSeen(id: number): void }) {
  const ref = useRef<HTMLElement>(null);
  useSeen(ref, !item.read, () => onSeen(item.questionId));
  const titleId = `answer-${item.questionId}`;
  return (
    <article ref={ref} className={`card news-item news-answer${item.read ? "" : " is-new"}`} aria-labelledby={titleId}>
      <p className="news-item__meta">
        {item.read ? null : <span className="badge news-item__new">Mới</span>}
        <time dateTime={item.date}>{vietnamDateTime(item.date)}</time>
      </p>
      <h2 id={titleId} className="news-item__title">
        {item.answeredBy} trả lời câu hỏi của bạn
      </h2>
      <p className="news-answer__question">“{item.question}”</p>
      <p className="news-item__text">{item.answer}</p>
    </article>
  );
}

/**
 * Officials' answers to the questions the person asked the chatbot. One that Zalo could not push waits here (and
 * for the person's next message to the OA); on screen it counts as read, and the bot does not send it again.
 */
export function AnswersSection({ answers }: { answers: AnswerNewsItem[] }) {
  const [readHere, setReadHere] = useState<Set<number>>(() => new Set());
  const markRead = async (questionId: number) => {
    if (!getState().online) return;
    try {
      const token = await ensureSession();
      if (!token) return;
      await learnerCalls.readAnswer(token, questionId);
      setReadHere((ids) => new Set(ids).add(questionId));
      setState((s) => ({ newsUnread: Math.max(0, s.newsUnread - 1) }));
    } catch {
      // Offline, or sent in the chat meanwhile: marked the next time it is seen.
    }
  };
  if (!answers.length) return null;
  return (
    <section aria-label="Câu trả lời của cán bộ">
      {answers.map((a) => (
        <AnswerCard key={a.questionId} item={readHere.has(a.questionId) ? { ...a, read: true } : a} onSeen={(id) => void markRead(id)} />
      ))}
    </section>
  );
}
