import { isLocalLessonId } from "../../../../shared/constants/local-lesson.js";
import { notFound } from "../../lib/errors.js";
import { actorCovers, forbidden, type Actor } from "../admin/access.js";
import type { Areas } from "../areas.js";
import { publishedLesson } from "../local-lessons/local-lesson.js";
import type { CourseCatalog } from "../course-catalog.js";
import type { AudioDeps } from "./audio-file.js";
import { prepareRecording } from "./recording.js";

const target = (lessonId: string, step: number) => `lesson:${lessonId}/step:${step + 1}`;

export type RecordDeps = AudioDeps & { catalog: CourseCatalog; areas: Areas };

/**
 * The step a recording is for, and the area it is audited under. The shipped course is national: its steps are
 * recorded by the operator; a local lesson's published steps by an official of its area (or the operator).
 */
async function stepTarget(deps: RecordDeps, actor: Actor, lessonId: string, step: number): Promise<{ textKey: string; areaCode: string }> {
  const missing = () => notFound("step_not_found", "Không có bước này trong bài học.");
  if (isLocalLessonId(lessonId)) {
    const row = await deps.repos.localLessons.findById(lessonId);
    const lesson = row ? await publishedLesson(deps, lessonId) : null;
    if (!row || !lesson) throw notFound("lesson_not_found", "Bài học này chưa được đăng.");
    if (!actorCovers(actor, row.area_code, deps.areas)) throw forbidden("Bài học này thuộc khu vực khác.");
    const s = lesson.steps[step];
    if (!s) throw missing();
    return { textKey: deps.index.speak(s).key, areaCode: row.area_code };
  }
  if (!actor.roles.some((r) => r.role === "operator")) throw forbidden("Chỉ người vận hành mới ghi âm các bài học chung của khóa học.");
  const key = deps.catalog.lesson(lessonId) ? deps.index.lessonKeys(lessonId)?.[step] : undefined;
  if (!key) throw missing();
  return { textKey: key, areaCode: "" };
}

/** A person's recording of a step replaces the machine voice for the step's present text; audited. */
export async function recordStep(deps: RecordDeps, actor: Actor, lessonId: string, step: number, body: Buffer) {
  const { textKey, areaCode } = await stepTarget(deps, actor, lessonId, step);
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
      area_code: areaCode,
      before_state: before ? JSON.stringify({ audioKey: before.audio_key }) : null,
      after_state: JSON.stringify({ audioKey: clip.key, seconds: clip.seconds }),
      at: now,
    });
  });
  return { lessonId, step, seconds: clip.seconds };
}

/** Takes a step's recording away: the machine voice reads it again. */
export async function removeRecording(deps: RecordDeps, actor: Actor, lessonId: string, step: number) {
  const { areaCode } = await stepTarget(deps, actor, lessonId, step);
  const now = deps.clock.now().toISOString();
  await deps.repos.transaction(async (repos) => {
    const before = await repos.audio.recording(lessonId, step);
    if (!before || !(await repos.audio.removeRecording(lessonId, step))) throw notFound("recording_not_found", "Bước này chưa có bản ghi âm.");
    await repos.audit.append({
      actor: actor.id,
      action: "recording.remove",
      target: target(lessonId, step),
      area_code: areaCode,
      before_state: JSON.stringify({ audioKey: before.audio_key }),
      after_state: null,
      at: now,
    });
  });
  return { lessonId, step, seconds: null };
}
