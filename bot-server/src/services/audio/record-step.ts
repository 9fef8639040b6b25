import { notFound } from "../../lib/errors.js";
import type { Actor } from "../admin/access.js";
import { forbidden } from "../admin/access.js";
import type { CourseCatalog } from "../course-catalog.js";
import type { AudioDeps } from "./audio-file.js";
import { prepareRecording } from "./recording.js";

const target = (lessonId: string, step: number) => `lesson:${lessonId}/step:${step + 1}`;

/** The shipped course is national: its steps are recorded by the operator. */
function mayRecord(actor: Actor): void {
  if (!actor.roles.some((r) => r.role === "operator")) throw forbidden("Chỉ người vận hành mới ghi âm các bài học chung của khóa học.");
}

function stepKey(deps: AudioDeps, catalog: CourseCatalog, lessonId: string, step: number): string {
  const keys = catalog.lesson(lessonId) ? deps.index.lessonKeys(lessonId) : undefined;
  const key = keys?.[step];
  if (!key) throw notFound("step_not_found", "Không có bước này trong bài học.");
  return key;
}

/** A person's recording of a step replaces the machine voice for the step's present text; audited. */
export async function recordStep(deps: AudioDeps & { catalog: CourseCatalog }, actor: Actor, lessonId: string, step: number, body: Buffer) {
  mayRecord(actor);
  const textKey = stepKey(deps, deps.catalog, lessonId, step);
  const clip = await prepareRecording(body);
  const now = deps.clock.now().toISOString();
  await deps.repos.transaction(async (repos) => {
    const before = await repos.audio.recording(lessonId, step);
    await repos.audio.put({ key: clip.key, ogg: clip.ogg, mp3: clip.mp3, seconds: clip.seconds, machine: 0, created_at: now });
    await repos.audio.setRecording({ lesson_id: lessonId, step, text_key: textKey, audio_key: clip.key, recorded_by: actor.id, created_at: now });
    await repos.audit.append({
      actor: actor.id,
      action: "recording.set",
      target: target(lessonId, step),
      area_code: "",
      before_state: before ? JSON.stringify({ audioKey: before.audio_key }) : null,
      after_state: JSON.stringify({ audioKey: clip.key, seconds: clip.seconds }),
      at: now,
    });
  });
  return { lessonId, step, seconds: clip.seconds };
}

/** Takes a step's recording away: the machine voice reads it again. */
export async function removeRecording(deps: AudioDeps & { catalog: CourseCatalog }, actor: Actor, lessonId: string, step: number) {
  mayRecord(actor);
  stepKey(deps, deps.catalog, lessonId, step);
  const now = deps.clock.now().toISOString();
  await deps.repos.transaction(async (repos) => {
    const before = await repos.audio.recording(lessonId, step);
    if (!before || !(await repos.audio.removeRecording(lessonId, step))) throw notFound("recording_not_found", "Bước này chưa có bản ghi âm.");
    await repos.audit.append({
      actor: actor.id,
      action: "recording.remove",
      target: target(lessonId, step),
      area_code: "",
      before_state: JSON.stringify({ audioKey: before.audio_key }),
      after_state: null,
      at: now,
    });
  });
  return { lessonId, step, seconds: null };
}
