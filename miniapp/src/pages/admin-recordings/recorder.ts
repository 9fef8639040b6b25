/** Records from the phone's microphone (MediaRecorder), Opus in WebM where the browser can; `stop()` gives the sound. */
export async function startRecording(): Promise<{ stop(): Promise<Blob> }> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  const type = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4"].find((t) => MediaRecorder.isTypeSupported?.(t));
  const recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
  const parts: Blob[] = [];
  recorder.ondataavailable = (e) => parts.push(e.data);
  recorder.start();
  return {
    stop: () =>
      new Promise<Blob>((resolve) => {
        recorder.onstop = () => {
          stream.getTracks().forEach((t) => t.stop());
          // The server reads what it is; the type without codecs is what it is sent as.
          resolve(new Blob(parts, { type: (recorder.mimeType || type || "audio/webm").split(";")[0] }));
        };
        recorder.stop();
      }),
  };
}

export const canRecord = () => typeof MediaRecorder !== "undefined" && !!navigator.mediaDevices?.getUserMedia;
