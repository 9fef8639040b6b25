import { BULLETIN_CLASSES, durationText } from "../../../../shared/lib/bulletin-script.js";
import { notFound } from "../../lib/errors.js";
import type { Actor } from "../admin/access.js";
import { answererName } from "../questions/question-view.js";
import { bulletinFor } from "./bulletin-view.js";
import type { BulletinDeps } from "./create-bulletin.js";

/** The bulletin's MP3, for the commune's smart-loudspeaker software. */
export async function bulletinMp3(deps: BulletinDeps, actor: Actor, id: number) {
  const row = await bulletinFor(deps, actor, id);
  const file = row.audio_key ? await deps.repos.audio.file(row.audio_key, "mp3") : undefined;
  if (!file) throw notFound("bulletin_audio_not_found", "Bản tin này chưa có giọng đọc.");
  return { filename: `ban-tin-${row.id}.mp3`, body: file.data };
}

/** The script as text, with what the loudspeaker's operator needs to know first: area, class, length, status. */
export async function bulletinText(deps: BulletinDeps, actor: Actor, id: number) {
  const row = await bulletinFor(deps, actor, id);
  const head = [
    `BẢN TIN TRUYỀN THANH CƠ SỞ — ${answererName(deps.areas, row.area_code)}`,
    `Tiêu đề: ${row.title}`,
    `Loại tin: ${BULLETIN_CLASSES[row.class]}`,
    `Thời lượng: ${row.seconds === null ? "chưa có giọng đọc" : durationText(Number(row.seconds))}`,
    `Trạng thái: ${row.status === "approved" ? "đã duyệt" : row.status === "awaiting_approval" ? "chờ phê duyệt" : row.status === "cancelled" ? "đã hủy" : "bản nháp"}`,
    "",
  ];
  return { filename: `ban-tin-${row.id}.txt`, body: `${head.join("\n")}${row.script}\n` };
}
