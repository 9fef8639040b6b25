import { useEffect, useRef, useState } from "react";
import { Button } from "zmp-ui";
import { BULLETIN_CLASSES, durationText, type BulletinClass } from "../../../../shared/lib/bulletin-script";
import type { BulletinChange, BulletinView } from "../../../../shared/schemas/bulletin";
import { adminErrorText } from "../../api/error-text";
import { adminApi } from "../../api/session";
import { ErrorBox } from "../../admin/error-box";
import { Field } from "../../components/field";
import { saveFile } from "../../lib/save-file";

const STATUS: Record<BulletinView["status"], string> = {
  draft: "Bản nháp",
  awaiting_approval: "Chờ cán bộ khác phê duyệt",
  approved: "Đã duyệt — sẵn sàng phát",
  cancelled: "Đã hủy",
};

/** One bulletin: its script and class (editable while a draft), its voice, approval, and the files to download. */
/** Approving is offered on every bulletin awaiting it; the server refuses the official who wrote it, and says so. */
export function BulletinCard({ b, onSaved }: { b: BulletinView; onSaved(b: BulletinView): void }) {
  const [title, setTitle] = useState(b.title);
  const [script, setScript] = useState(b.script);
  const [cls, setCls] = useState<BulletinClass>(b.class);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [audioUrl, setAudioUrl] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  // Saved (the server trims and composes the text): the form shows what was saved, so it is not left "changed".
  useEffect(() => {
    setTitle(b.title);
    setScript(b.script);
    setCls(b.class);
  }, [b.updatedAt, b.title, b.script, b.class]);
  const draft = b.status === "draft";
  const dirty = title !== b.title || script !== b.script || cls !== b.class;

  // The player's file: fetched with the session (the MP3 is for officials), again whenever the voice changes.
  const voice = b.audio ? `${b.audio.machine}:${b.audio.seconds}` : null;
  useEffect(() => {
    let url: string | null = null;
    if (voice)
      void adminApi
        .bulletinMp3(b.id)
        .then((blob) => setAudioUrl((url = URL.createObjectURL(blob))))
        .catch(() => setAudioUrl(null));
    else setAudioUrl(null);
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [b.id, voice]);

  const run = async (what: string, call: () => Promise<{ bulletin: BulletinView }>) => {
    setBusy(what);
    setError(null);
    try {
      onSaved((await call()).bulletin);
    } catch (e) {
      setError(adminErrorText(e));
    } finally {
      setBusy(null);
    }
  };
  const change = (c: BulletinChange) => run(c.action, () => adminApi.changeBulletin(b.id, c));
  const id = `bulletin-${b.id}`;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card__title">
        {b.title}
      </h2>
      <p className="question-item__meta">
        {b.areaName} · {BULLETIN_CLASSES[b.class]} · <span className="status">{STATUS[b.status]}</span>
      </p>
      {draft ? (
        <>
          <Field id={`${id}-t`} label="Tiêu đề">
            {(d) => <input className="field__input" value={title} maxLength={120} onChange={(e) => setTitle(e.target.value)} {...d} />}
          </Field>
          <fieldset className="field">
            <legend className="field__label">Loại tin</legend>
            {(Object.keys(BULLETIN_CLASSES) as BulletinClass[]).map((k) => (
              <label key={k} className="listen__option">
                <input type="radio" name={`${id}-class`} checked={cls === k} onChange={() => setCls(k)} /> {BULLETIN_CLASSES[k]}
              </label>
            ))}
          </fieldset>
          <Field
            id={`${id}-s`}
            label="Lời đọc trên loa"
            hint="Câu ngắn, nhắc lại các bước chính, không ghi đường link: ghi số điện thoại hoặc “hỏi tổ công nghệ số”."
          >
            {(d) => <textarea className="field__input field__textarea" rows={10} value={script} onChange={(e) => setScript(e.target.value)} {...d} />}
          </Field>
        </>
      ) : (
        <pre className="bulletin-script">{b.script}</pre>
      )}
      {b.problems.length ? (
        <ul className="field__error">
          {b.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      {b.audio ? (
        <p className="bulletin-audio">
          {b.audio.machine ? "Giọng đọc của máy" : "Bản ghi âm của cán bộ"}, dài <strong className="bulletin-duration">{durationText(b.audio.seconds)}</strong>
          {audioUrl ? <audio controls src={audioUrl} className="bulletin-player" /> : null}
        </p>
      ) : (
        <p className="admin-hint">Chưa có giọng đọc.</p>
      )}
      <div className="button-row">
        {draft && dirty ? (
          <Button size="small" loading={busy === "edit"} onClick={() => void change({ action: "edit", title, script, class: cls })}>
            Lưu lời đọc
          </Button>
        ) : null}
        {draft && !dirty ? (
          <>
            <Button size="small" variant="secondary" loading={busy === "voice"} disabled={!!busy} onClick={() => void change({ action: "voice" })}>
              Tạo giọng đọc máy
            </Button>
            <Button size="small" variant="tertiary" disabled={!!busy} onClick={() => file.current?.click()}>
              Tải lên bản ghi âm
            </Button>
            <input
              ref={file}
              hidden
              type="file"
              accept="audio/*"
              aria-label="Bản ghi âm của bản tin"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void run("record", () => adminApi.recordBulletin(b.id, f));
                if (file.current) file.current.value = "";
              }}
            />
            {b.audio ? (
              <Button size="small" loading={busy === "submit"} disabled={!!busy} onClick={() => void change({ action: "submit" })}>
                {b.areaCode.length === 2 ? "Gửi phê duyệt" : "Duyệt để phát"}
              </Button>
            ) : null}
          </>
        ) : null}
        {b.status === "awaiting_approval" ? (
          <Button size="small" loading={busy === "approve"} onClick={() => void change({ action: "approve" })}>
            Phê duyệt
          </Button>
        ) : null}
        {b.audio ? (
          <Button size="small" variant="secondary" onClick={() => void adminApi.bulletinMp3(b.id).then((blob) => saveFile(blob, `ban-tin-${b.id}.mp3`))}>
            Tải MP3
          </Button>
        ) : null}
        <Button size="small" variant="tertiary" onClick={() => void adminApi.bulletinText(b.id).then((blob) => saveFile(blob, `ban-tin-${b.id}.txt`))}>
          Tải lời đọc
        </Button>
        {b.status !== "cancelled" ? (
          <Button size="small" variant="tertiary" disabled={!!busy} onClick={() => void change({ action: "cancel" })}>
            Hủy bản tin
          </Button>
        ) : null}
      </div>
      {busy === "voice" ? <p role="status">Đang tạo giọng đọc…</p> : null}
      <ErrorBox message={error} />
    </section>
  );
}
