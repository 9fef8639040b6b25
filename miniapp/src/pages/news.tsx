import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Button, Page, useNavigate } from "zmp-ui";
import { vietnamDateTime } from "../../../shared/lib/vietnam-time";
import type { AnswerNewsItem, NewsItem } from "../../../shared/schemas/news";
import { AppHeader } from "../components/app-header";
import { NavBar } from "../components/nav-bar";
import { OaCard } from "../components/oa-card";
import { NetworkBanner } from "../components/network-banner";
import { learnerCalls } from "../api/client";
import { ensureSession } from "../api/session";
import { useLoad } from "../lib/use-load";
import { store } from "../lib/zalo";
import { openExternal } from "../lib/zalo-webview";
import { getState, setState, useAppState } from "../state/store";
import { AnswersSection } from "./news-answers";
import { useSeen } from "./news-seen";
import "./news.css";

type Status = "loading" | "ready" | "error" | "signed-out";
const SIGNED_OUT = "signed-out";

/** The last list fetched, per learner: shown when the phone is offline. */
const cacheKey = () => `ksc.news.${getState().session?.learner.id ?? "anon"}`;
const answersKey = () => `ksc.news-answers.${getState().session?.learner.id ?? "anon"}`;

function NewsCard({ item, fresh, onSeen }: { item: NewsItem; fresh: boolean; onSeen(id: number): void }) {
  const navigate = useNavigate();
  const ref = useRef<HTMLElement>(null);
  const [imageFailed, setImageFailed] = useState(false);
  useSeen(ref, !item.read, () => onSeen(item.campaignId));
  const titleId = `news-${item.campaignId}`;
  return (
    <article ref={ref} className={`card news-item${fresh ? " is-new" : ""}`} aria-labelledby={titleId}>
      <p className="news-item__meta">
        {fresh ? <span className="badge news-item__new">Mới</span> : null}
        <time dateTime={item.date}>{vietnamDateTime(item.date)}</time>
      </p>
      <h2 id={titleId} className="news-item__title">
        {item.title}
      </h2>
      {item.imageUrl && !imageFailed ? (
        <img className="news-item__image" src={item.imageUrl} alt="" loading="lazy" onError={() => setImageFailed(true)} />
      ) : null}
      <p className="news-item__text">{item.text}</p>
      {item.buttons.length ? (
        <div className="news-item__buttons">
          {item.buttons.map((b, i) =>
            "lessonId" in b ? (
              <Button key={i} fullWidth onClick={() => navigate(`/lesson/${b.lessonId}`)}>
                {b.title}
              </Button>
            ) : (
              <Button key={i} fullWidth variant="secondary" onClick={() => void openExternal(b.url)}>
                {b.title}
              </Button>
            ),
          )}
        </div>
      ) : null}
    </article>
  );
}

/**
 * "Tin mới": news the government sent to the learner's area that Zalo could not push to them (held in their
 * inbox). An item counts as read once it has been on screen; the bot then does not send it in the chat.
 */
export default function NewsPage() {
  const online = useAppState((s) => s.online);
  const [cached] = useState<NewsItem[] | null>(() => {
    const list = store.get<NewsItem[] | null>(cacheKey(), null);
    return Array.isArray(list) ? list : null;
  });
  const [cachedAnswers] = useState<AnswerNewsItem[]>(() => {
    const list = store.get<AnswerNewsItem[] | null>(answersKey(), null);
    return Array.isArray(list) ? list : [];
  });
  const news = useLoad(async () => {
    const token = await ensureSession();
    if (!token) return SIGNED_OUT;
    const r = await learnerCalls.news(token);
    setState({ newsUnread: r.unread });
    return r;
  }, []);
  const loaded = news.data === SIGNED_OUT ? null : news.data;
  const status: Status = news.loading ? "loading" : news.error ? "error" : news.data === SIGNED_OUT ? "signed-out" : loaded ? "ready" : "loading";
  const missing = loaded?.missing ?? null;
  /** Read on this screen (the server knows it too, from the next load on). */
  const [readHere, setReadHere] = useState<Set<number>>(() => new Set());
  const items = useMemo(
    () => (loaded?.items ?? cached)?.map((i) => (readHere.has(i.campaignId) ? { ...i, read: true } : i)) ?? null,
    [loaded, cached, readHere],
  );
  /** Unread when this visit began: they keep their "Mới" mark until the page is left. */
  const fresh = useMemo(() => new Set(loaded?.items.filter((i) => !i.read).map((i) => i.campaignId)), [loaded]);

  // Back online after a failure: fetch again.
  useEffect(() => {
    if (online && status === "error") void news.reload();
  }, [online]);
  useEffect(() => {
    if (items) store.set(cacheKey(), items);
  }, [items]);
  const answers = loaded?.answers ?? cachedAnswers;
  useEffect(() => {
    if (loaded) store.set(answersKey(), loaded.answers);
  }, [loaded]);

  const markRead = useCallback(async (campaignId: number) => {
    if (!getState().online) return; // marked the next time it is seen online
    try {
      const token = await ensureSession();
      if (!token) return;
      await learnerCalls.readNews(token, campaignId);
      setReadHere((ids) => new Set(ids).add(campaignId));
      setState((s) => ({ newsUnread: Math.max(0, s.newsUnread - 1) }));
    } catch {
      // Offline, or gone meanwhile (the bot sent it in the chat): nothing to do here.
    }
  }, []);

  return (
    <Page className="page">
      <AppHeader title="Tin mới" back="/" />
      <NetworkBanner />
      <main className="content">
        <p className="lead">
          Câu trả lời của cán bộ cho câu hỏi bạn đã nhắn, và tin chính quyền gửi cho khu vực của bạn qua OA “Chuyển đổi số quốc gia” mà Zalo chưa chuyển được
          tới bạn.
        </p>
        {status === "loading" && !items ? <p role="status">Đang tải tin…</p> : null}
        {status === "signed-out" ? (
          <section className="card">
            <p>Bạn cần đăng nhập Zalo để xem tin mới.</p>
          </section>
        ) : null}
        {status === "error" ? (
          <section className="card news-offline" role="alert">
            <p>{items?.length ? "Chưa tải được tin mới nhất. Đây là tin đã tải lần trước." : "Chưa tải được tin. Hãy kiểm tra mạng rồi thử lại."}</p>
            <Button fullWidth variant="secondary" onClick={() => void news.reload()}>
              Thử lại
            </Button>
          </section>
        ) : null}
        {status === "ready" && missing === "no_oa_link" ? (
          <section className="card" role="status">
            <p>
              Ứng dụng chưa được liên kết với OA “Chuyển đổi số quốc gia” trong cài đặt của Zalo, nên chưa nhận ra tin gửi cho bạn. Cán bộ quản trị cần liên kết
              ứng dụng với OA; trong lúc chờ, bạn vẫn nhận tin khi nhắn tin cho OA.
            </p>
          </section>
        ) : null}
        {status !== "signed-out" ? <AnswersSection answers={answers} /> : null}
        {status === "ready" && items?.length === 0 && answers.length === 0 && missing === null ? (
          <section className="card">
            <p className="news-empty">Chưa có tin mới. Khi chính quyền gửi tin cho khu vực của bạn mà Zalo chưa chuyển được, tin sẽ chờ bạn ở đây.</p>
          </section>
        ) : null}
        {status !== "signed-out" && items?.length
          ? items.map((item) => (
              <NewsCard
                key={item.campaignId}
                item={item}
                fresh={fresh.has(item.campaignId) || (!item.read && status !== "ready")}
                onSeen={(id) => void markRead(id)}
              />
            ))
          : null}
        {status !== "signed-out" ? <OaCard lead="Quan tâm OA để tin mới đến thẳng Zalo của bạn, không phải chờ ở đây." /> : null}
      </main>
      <NavBar />
    </Page>
  );
}
