import { scriptProblems } from "../../../../shared/lib/bulletin-script.js";
import { speechText } from "../../../../shared/lib/speech-text.js";
import type { BulletinChange } from "../../../../shared/schemas/bulletin.js";
import type { Pronunciation } from "../../../../shared/schemas/content.js";
import { AppError, badRequest } from "../../lib/errors.js";
import type { BulletinRow } from "../../repositories/bulletins.js";
import type { RepositorySet } from "../../repositories/index.js";
import { forbidden, type Actor } from "../admin/access.js";
import { BULLETIN_RECORDING, prepareRecording } from "../audio/recording.js";
import { machineClip } from "../audio/audio-file.js";
import { voiceKey } from "../audio/synthesize.js";
import { voiceAvailable } from "../audio/voice-available.js";
import { bulletinFor, bulletinView } from "./bulletin-view.js";
import type { BulletinDeps } from "./create-bulletin.js";

export interface BulletinChangeDeps extends BulletinDeps {
  pronunciation: Pronunciation[];
}

const moved = () => new AppError(409, "bulletin_changed", "Bản tin này vừa đổi trạng thái. Hãy tải lại.");
const notDraft = () => new AppError(409, "bulletin_not_draft", "Chỉ sửa được bản tin nháp.");
/** A whole province's loudspeakers: a second official approves, as for campaigns. */
const provinceWide = (r: BulletinRow) => r.area_code.length === 2;

async function audit(repos: Pick<RepositorySet, "audit">, actor: Actor, row: BulletinRow, action: string, after: object, at: string) {
  await repos.audit.append({
    actor: actor.id,
    action: `bulletin.${action}`,
    target: `bulletin:${row.id}`,
    area_code: row.area_code,
    before_state: JSON.stringify({ status: row.status, class: row.class, audioKey: row.audio_key }),
    after_state: JSON.stringify(after),
    at,
  });
}

/** The machine voice reads the script (numbers and abbreviations as pronunciation.yaml says); made once per text. */
async function machineVoice(deps: BulletinChangeDeps, script: string) {
  if (!(await voiceAvailable()))
    throw new AppError(503, "voice_unavailable", "Máy chủ chưa cài giọng đọc (espeak-ng, ffmpeg). Hãy tải lên bản ghi âm của bạn.");
  const text = speechText(script, deps.pronunciation);
  const key = voiceKey(text);
  if (!(await deps.repos.audio.known([key])).has(key)) await machineClip(deps, key, text);
  return { key, seconds: (await deps.repos.audio.known([key])).get(key)!.seconds };
}

/**
 * A bulletin's life: a draft is edited (the voice made for the old script goes) and given a voice; submitted, a
 * commune's is ready at once, a province's waits for another official's approval; any can be cancelled. Each step
 * is audited; a change to a bulletin that moved meanwhile is refused.
 */
export async function changeBulletin(deps: BulletinChangeDeps, actor: Actor, id: number, change: BulletinChange) {
  const row = await bulletinFor(deps, actor, id);
  const now = deps.clock.now().toISOString();
  let from: BulletinRow["status"][] = ["draft"];
  let set: Partial<BulletinRow>;
  if (change.action === "edit") {
    if (row.status !== "draft") throw notDraft();
    const problems = scriptProblems(change.script);
    if (problems.length) throw badRequest("invalid_script", problems[0]!);
    set = {
      title: change.title,
      script: change.script,
      class: change.class,
      ...(change.script !== row.script ? { audio_key: null, audio_machine: null, seconds: null } : {}),
    };
  } else if (change.action === "voice") {
    if (row.status !== "draft") throw notDraft();
    const made = await machineVoice(deps, row.script);
    set = { audio_key: made.key, audio_machine: 1, seconds: made.seconds };
  } else if (change.action === "submit") {
    if (row.status !== "draft") throw notDraft();
    const problems = scriptProblems(row.script);
    if (problems.length) throw badRequest("invalid_script", problems[0]!);
    if (!row.audio_key) throw badRequest("no_audio", "Bản tin chưa có giọng đọc: hãy tạo giọng máy hoặc tải lên bản ghi âm.");
    set = provinceWide(row)
      ? { status: "awaiting_approval", submitted_by: actor.id }
      : { status: "approved", submitted_by: actor.id, approved_by: actor.id, approved_at: now };
  } else if (change.action === "approve") {
    from = ["awaiting_approval"];
    if (row.status !== "awaiting_approval") throw new AppError(409, "not_awaiting_approval", "Bản tin này không chờ phê duyệt.");
    if (actor.id === row.created_by || actor.id === row.submitted_by) throw forbidden("Cần một cán bộ khác phê duyệt bản tin cho cả tỉnh.");
    set = { status: "approved", approved_by: actor.id, approved_at: now };
  } else {
    from = ["draft", "awaiting_approval", "approved"];
    if (row.status === "cancelled") throw moved();
    set = { status: "cancelled" };
  }
  await deps.repos.transaction(async (repos) => {
    // The voice is made from the script as it was read: it is attached only if the script has not changed since.
    if (!(await repos.bulletins.change(id, from, { ...set, updated_at: now }, change.action === "voice" ? row.script : undefined))) throw moved();
    await audit(repos, actor, row, change.action, set, now);
  });
  return { bulletin: bulletinView(deps.areas, (await deps.repos.bulletins.findById(id))!) };
}

/** An official's own reading of a draft bulletin, in place of the machine voice (up to ten minutes). */
export async function recordBulletin(deps: BulletinChangeDeps, actor: Actor, id: number, body: Buffer) {
  const row = await bulletinFor(deps, actor, id);
  if (row.status !== "draft") throw notDraft();
  const clip = await prepareRecording(body, BULLETIN_RECORDING);
  const now = deps.clock.now().toISOString();
  await deps.repos.transaction(async (repos) => {
    await repos.audio.put({ key: clip.key, ogg: clip.ogg, mp3: clip.mp3, seconds: clip.seconds, machine: 0, created_at: now });
    const set = { audio_key: clip.key, audio_machine: 0, seconds: clip.seconds };
    if (!(await repos.bulletins.change(id, ["draft"], { ...set, updated_at: now }, row.script))) throw moved();
    await audit(repos, actor, row, "record", set, now);
  });
  return { bulletin: bulletinView(deps.areas, (await deps.repos.bulletins.findById(id))!) };
}
