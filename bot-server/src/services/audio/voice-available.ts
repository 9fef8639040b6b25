import { execFile } from "node:child_process";

let known: Promise<boolean> | null = null;

/** Whether this machine can make machine-voice audio: espeak-ng and ffmpeg on the PATH (asked once per process). */
export function voiceAvailable(): Promise<boolean> {
  known ??= new Promise((resolve) => execFile("sh", ["-c", "command -v espeak-ng && command -v ffmpeg"], (err) => resolve(!err)));
  return known;
}
