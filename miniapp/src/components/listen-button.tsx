import { useEffect, useRef, useState } from "react";
import type { StepAudio } from "../../../shared/schemas/audio";
import { playableUrl } from "../lib/audio";
import { setState, useAppState } from "../state/store";

type Status = "idle" | "loading" | "playing" | "paused" | "error";

/**
 * "Nghe": reads the step aloud (a large button: play, pause, play again), slower or by itself as ListenOptions say.
 * A machine voice is labelled as one. Nothing shows when the step has no audio.
 */
/** The two settings of reading aloud, under the step: slower, and reading each step as it opens. */
export function ListenOptions() {
  const autoRead = useAppState((s) => s.autoRead);
  const slow = useAppState((s) => s.slowVoice);
  return (
    <div className="listen-options">
      <label className="listen__option">
        <input type="checkbox" checked={slow} onChange={(e) => setState({ slowVoice: e.target.checked })} /> Nghe chậm
      </label>
      <label className="listen__option">
        <input type="checkbox" checked={autoRead} onChange={(e) => setState({ autoRead: e.target.checked })} /> Tự đọc mỗi bước
      </label>
    </div>
  );
}

export function ListenButton({ audio }: { audio: StepAudio | undefined }) {
  const autoRead = useAppState((s) => s.autoRead);
  const slow = useAppState((s) => s.slowVoice);
  const player = useRef<HTMLAudioElement | null>(null);
  const [status, setStatus] = useState<Status>("idle");
  const url = useRef<string | null>(null);
  /** Counts the steps shown: a clip that finishes loading after the step changed is dropped, not played. */
  const generation = useRef(0);

  const rate = slow ? 0.8 : 1;
  const stop = () => {
    generation.current++;
    player.current?.pause();
    if (url.current?.startsWith("blob:")) URL.revokeObjectURL(url.current);
    player.current = null;
    url.current = null;
  };

  const play = async () => {
    if (!audio) return;
    if (player.current) {
      if (status === "playing") {
        player.current.pause();
        return setStatus("paused");
      }
      await player.current.play().catch(() => setStatus("error"));
      return;
    }
    setStatus("loading");
    const mine = generation.current;
    try {
      const src = await playableUrl(audio);
      if (mine !== generation.current) {
        if (src.startsWith("blob:")) URL.revokeObjectURL(src);
        return;
      }
      url.current = src;
      const el = new Audio(src);
      el.playbackRate = rate;
      el.onplaying = () => setStatus("playing");
      el.onpause = () => setStatus((s) => (s === "playing" ? "paused" : s));
      el.onended = () => {
        setStatus("idle");
        stop();
      };
      el.onerror = () => setStatus("error");
      player.current = el;
      await el.play();
    } catch (e) {
      // Reading by itself before the person touched the screen: the webview may refuse; the button is still there.
      if ((e as { name?: string }).name === "NotAllowedError") {
        stop();
        setStatus("idle");
      } else setStatus("error");
    }
  };

  // A new step: stop the last one; with "Tự đọc", read this one.
  useEffect(() => {
    setStatus("idle");
    if (autoRead && audio?.available) void play();
    return stop;
    // Only when the step (its audio) changes: a setting changed meanwhile applies from the next step.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [audio?.ogg]);
  useEffect(() => {
    if (player.current) player.current.playbackRate = rate;
  }, [rate]);

  if (!audio?.available) return null;
  const label = status === "playing" ? "Tạm dừng" : status === "paused" ? "Nghe tiếp" : status === "loading" ? "Đang tải…" : "Nghe";
  return (
    <div className="listen">
      <button
        type="button"
        className={`listen__button is-${status}`}
        aria-pressed={status === "playing"}
        onClick={() => void play()}
        disabled={status === "loading"}
      >
        <span aria-hidden className="listen__icon">
          {status === "playing" ? "❚❚" : "▶"}
        </span>
        {label}
      </button>
      {audio.machine ? <span className="listen__machine">Giọng đọc của máy, có thể đọc chưa chuẩn một số từ.</span> : null}
      {status === "error" ? (
        <p className="listen__hint" role="alert">
          Chưa phát được âm thanh. Hãy kiểm tra mạng rồi bấm lại.
        </p>
      ) : null}
    </div>
  );
}
