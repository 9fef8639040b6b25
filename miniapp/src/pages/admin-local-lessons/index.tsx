import { useEffect, useMemo, useState } from "react";
import { Button, Page } from "zmp-ui";
import type { LocalLessonView } from "../../../../shared/schemas/local-lesson";
import { adminErrorText } from "../../api/error-text";
import { adminApi } from "../../api/session";
import { ErrorBox } from "../../admin/error-box";
import { roleArea } from "../../admin/format";
import "../../admin/admin.css";
import { AppHeader } from "../../components/app-header";
import { Card } from "../../components/card";
import { NavBar } from "../../components/nav-bar";
import { NetworkBanner } from "../../components/network-banner";
import { loadSkill } from "../../lib/course";
import { LOCAL_SKILL } from "../../lib/local-lessons";
import { useLoad } from "../../lib/use-load";
import { useAppState } from "../../state/store";
import { blankDraft, draftFromSample, type Draft } from "./draft";
import { LessonEditor } from "./editor";
import { LocalLessonItem } from "./lesson-item";

type Editing = { lesson: LocalLessonView | null; area: string; start: Draft };

/**
 * Bài học của địa phương: officials write the local skill's lessons of their commune or province (checked like the
 * shipped course), preview them as residents will see them, and publish them with a second official's approval.
 */
export default function AdminLocalLessonsPage() {
  const all = useAppState((s) => s.adminRoles);
  const roles = useMemo(() => all.filter((r) => r.role !== "operator"), [all]);
  const loaded = useLoad(() => adminApi.localLessons(), []);
  const [list, setList] = useState<LocalLessonView[]>([]);
  useEffect(() => setList(loaded.data?.lessons ?? []), [loaded.data]);
  const [picked, setArea] = useState<string | null>(null);
  const area = picked ?? roles[0]?.areaCode ?? "";
  const [editing, setEditing] = useState<Editing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const saved = (l: LocalLessonView) => {
    setList((xs) => [l, ...xs.filter((x) => x.id !== l.id)]);
    setEditing(null);
  };
  const fromSample = async () => {
    setError(null);
    try {
      const sample = (await loadSkill(LOCAL_SKILL))[0];
      setEditing({ lesson: null, area, start: sample ? draftFromSample(sample) : blankDraft() });
    } catch {
      setError("Chưa mở được bài mẫu. Hãy kiểm tra mạng rồi thử lại.");
    }
  };

  return (
    <Page className="page admin">
      <AppHeader title="Bài học của địa phương" back="/admin" />
      <NetworkBanner />
      <main className="content">
        {editing ? (
          <LessonEditor
            key={editing.lesson ? `${editing.lesson.id}.${editing.lesson.latestVersion}` : `new.${editing.area}`}
            editing={editing.lesson}
            area={editing.area}
            start={editing.start}
            competences={loaded.data?.competences ?? []}
            onSaved={saved}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <>
            <Card id="new-local-title" title="Soạn bài mới">
              <p className="admin-hint">
                Bài của xã, phường do một cán bộ khác của xã, phường hoặc của tỉnh duyệt; bài của cả tỉnh do một cán bộ tỉnh khác duyệt. Mỗi lần lưu, bài được
                kiểm tra như các bài có sẵn.
              </p>
              <label className="field__label" htmlFor="l-area">
                Bài dành cho
              </label>
              <select id="l-area" className="field__input" value={area} onChange={(e) => setArea(e.target.value)}>
                {roles.map((r) => (
                  <option key={r.areaCode} value={r.areaCode}>
                    {roleArea(r)}
                  </option>
                ))}
              </select>
              <div className="stack">
                <Button fullWidth disabled={!area} onClick={() => void fromSample()}>
                  Bắt đầu từ bài mẫu
                </Button>
                <Button fullWidth variant="secondary" disabled={!area} onClick={() => setEditing({ lesson: null, area, start: blankDraft() })}>
                  Bắt đầu từ trang trắng
                </Button>
              </div>
              <ErrorBox message={error} />
            </Card>
            {loaded.status === "loading" && !loaded.data ? <p role="status">Đang tải bài học…</p> : null}
            {loaded.status === "error" ? <ErrorBox message={adminErrorText(loaded.error)} /> : null}
            {loaded.data && !list.length ? <p>Chưa có bài nào của địa phương bạn.</p> : null}
            {list.map((l) => (
              <LocalLessonItem key={l.id} l={l} onSaved={saved} onEdit={(x) => setEditing({ lesson: x, area: x.areaCode, start: x.content })} />
            ))}
          </>
        )}
      </main>
      <NavBar />
    </Page>
  );
}
