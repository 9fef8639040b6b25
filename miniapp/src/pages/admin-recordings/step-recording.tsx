import { useEffect, useRef, useState } from "react";
import { Button } from "zmp-ui";
import type { Step } from "../../../../shared/schemas/content";
import type { StepAudio } from "../../../../shared/schemas/audio";
import { adminErrorText } from "../../api/error-text";
import { adminApi } from "../../api/session";
import { ErrorBox } from "../../admin/error-box";
import { ListenButton } from "../../components/listen-button";
import { canRecord, startRecording } from "./recorder";

/** One step: its text, how it sounds now, and recording it (microphone or a file), or taking the recording away. */
export function StepRecording({
  lessonId,
  index,
  step,
  audio,
  onChanged,
}: {
  lessonId: string;
  index: number;
  step: Step;
  audio: StepAudio | undefined;
  onChanged(): void;
}) {
  const [recording, setRecording] = useState<{ stop(): Promise<Blob> } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  // Leaving the step (another lesson, another page) while recording lets the microphone go.
  const live = useRef<{ stop(): Promise<Blob> } | null>(null);
  live.current = recording;
  useEffect(() => () => void live.current?.stop(), []);
  const send = async (blob: Blob) => {
    setBusy(true);
    setError(null);
    try {
      await adminApi.recordStep(lessonId, index + 1, blob);
      onChanged();
    } catch (e) {
      setError(adminErrorText(e));
    } finally {
      setBusy(false);
    }
  };
  const toggle = async () => {
    setError(null);
    if (recording) {
      setRecording(null);
      return send(await recording.stop());
    }
    try {
      setRecording(await startRecording());
    } catch {
      setError("Chưa dùng được micrô. Hãy cho phép ứng dụng dùng micrô rồi thử lại.");
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      await adminApi.removeRecording(lessonId, index + 1);
      onChanged();
    } catch (e) {
      setError(adminErrorText(e));
    } finally {
      setBusy(false);
    }
  };
  const id = `step-file-${index}`;
  return (
    <li className="question-item">
      <p className="question-item__text">
        Bước {index + 1}: {step.title}
      </p>
      <p className="question-item__meta">
        {audio ? (audio.machine ? "Đang dùng giọng đọc của máy" : `Đã có bản ghi âm (${audio.seconds ?? "?"} giây)`) : "Chưa có âm thanh"}
      </p>
      <ListenButton audio={audio} />
      <div className="button-row">
        {canRecord() ? (
          <Button size="small" variant={recording ? "primary" : "secondary"} disabled={busy} onClick={() => void toggle()}>
            {recording ? "Dừng và lưu" : "Ghi âm"}
          </Button>
        ) : null}
        <Button size="small" variant="tertiary" disabled={busy} onClick={() => file.current?.click()}>
          Chọn tệp âm thanh
        </Button>
        <input
          ref={file}
          id={id}
          hidden
          aria-label={`Tệp âm thanh cho bước ${index + 1}`}
          type="file"
          accept="audio/*"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void send(f);
            if (file.current) file.current.value = "";
          }}
        />
        {audio && !audio.machine ? (
          <Button size="small" variant="tertiary" disabled={busy} onClick={() => void remove()}>
            Xóa bản ghi
          </Button>
        ) : null}
      </div>
      {busy ? <p role="status">Đang lưu bản ghi âm…</p> : null}
      <ErrorBox message={error} />
    </li>
  );
}
