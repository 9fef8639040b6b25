import { useState } from "react";
import { Button } from "zmp-ui";
import type { LocalLessonChange, LocalLessonStatus, LocalLessonView } from "../../../../shared/schemas/local-lesson";
import { adminErrorText } from "../../api/error-text";
import { adminApi } from "../../api/session";
import { ErrorBox } from "../../admin/error-box";
import { previewLesson } from "./draft";
import { LessonRecordings } from "./lesson-recordings";
import { LessonPreview } from "./preview";

const STATUS: Record<LocalLessonStatus, string> = {
  draft: "Đang soạn",
  awaiting_approval: "Chờ cán bộ khác duyệt",
  published: "Người dân đang học",
  withdrawn: "Đã rút về",
};

/** One local lesson in the list: where it stands, and what I may do with it. */
export function LocalLessonItem({ l, onSaved, onEdit }: { l: LocalLessonView; onSaved(l: LocalLessonView): void; onEdit(l: LocalLessonView): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (change: LocalLessonChange) => {
    setBusy(true);
    setError(null);
    try {
      onSaved((await adminApi.changeLocalLesson(l.id, change)).lesson);
    } catch (e) {
      setError(adminErrorText(e));
    } finally {
      setBusy(false);
    }
  };
  const [reading, setReading] = useState(false);
  const shown = l.publishedVersion !== null && l.status !== "withdrawn" && l.publishedVersion !== l.latestVersion;
  return (
    <section className="card local-lesson" aria-label={l.title}>
      <h2 className="card__title">{l.title}</h2>
      <p className="admin-hint">
        {l.areaName} · bản {l.latestVersion} · <strong className={`status status--${l.status}`}>{STATUS[l.status]}</strong>
        {shown ? ` · người dân đang học bản ${l.publishedVersion}` : ""}
      </p>
      {reading ? <LessonPreview lesson={previewLesson(l.content)} onClose={() => setReading(false)} /> : null}
      <div className="stack">
        {!reading ? (
          <Button size="small" variant="secondary" onClick={() => setReading(true)}>
            {l.canApprove ? "Đọc bài trước khi duyệt" : "Xem bài như người dân"}
          </Button>
        ) : null}
        {l.status !== "withdrawn" ? (
          <Button size="small" variant="secondary" disabled={busy} onClick={() => onEdit(l)}>
            Sửa bài
          </Button>
        ) : null}
        {l.status === "draft" ? (
          <Button size="small" disabled={busy} onClick={() => void act({ action: "submit", version: l.latestVersion })}>
            Gửi duyệt
          </Button>
        ) : null}
        {l.canApprove ? (
          <Button size="small" disabled={busy || !reading} onClick={() => void act({ action: "approve", version: l.latestVersion })}>
            Duyệt và đăng bài
          </Button>
        ) : l.status === "awaiting_approval" ? (
          <p className="admin-hint">Cần một cán bộ khác (không phải người soạn, người gửi) duyệt.</p>
        ) : null}
        {l.status === "withdrawn" ? (
          <Button size="small" variant="secondary" disabled={busy} onClick={() => void act({ action: "restore" })}>
            Khôi phục thành bản nháp
          </Button>
        ) : (
          <Button size="small" variant="tertiary" disabled={busy} onClick={() => void act({ action: "withdraw" })}>
            Rút bài về
          </Button>
        )}
      </div>
      {l.status === "published" ? <LessonRecordings l={l} /> : null}
      <ErrorBox message={error} />
    </section>
  );
}
