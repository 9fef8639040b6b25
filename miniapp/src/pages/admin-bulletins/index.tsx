import { useEffect, useMemo, useState } from "react";
import { Button, Page } from "zmp-ui";
import type { BulletinView } from "../../../../shared/schemas/bulletin";
import { adminErrorText } from "../../api/error-text";
import { adminApi } from "../../api/session";
import { ErrorBox } from "../../admin/error-box";
import { roleArea } from "../../admin/format";
import "../../admin/admin.css";
import { AppHeader } from "../../components/app-header";
import { Card } from "../../components/card";
import { NavBar } from "../../components/nav-bar";
import { NetworkBanner } from "../../components/network-banner";
import { skills } from "../../lib/course";
import { useLoad } from "../../lib/use-load";
import { useAppState } from "../../state/store";
import { BulletinCard } from "./bulletin-card";
import { LessonOptions } from "../../admin/lesson-options";

/**
 * Bản tin truyền thanh: bulletins for the commune loudspeaker, made from a lesson or the week's news (this week's
 * is assembled for a commune official), read by the machine voice or the official, approved, downloaded as MP3.
 */
export default function AdminBulletinsPage() {
  const all = useAppState((s) => s.adminRoles);
  const roles = useMemo(() => all.filter((r) => r.role !== "operator"), [all]);
  const loaded = useLoad(() => adminApi.bulletins(), []);
  const [list, setList] = useState<BulletinView[]>([]);
  useEffect(() => setList(loaded.data?.bulletins ?? []), [loaded.data]);
  const [picked, setArea] = useState<string | null>(null);
  const area = picked ?? roles[0]?.areaCode ?? "";
  const [lessonId, setLessonId] = useState(skills[0]?.lessons[0]?.id ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await adminApi.createBulletin({ areaCode: area, source: { kind: "lesson", lessonId }, class: "thuong" });
      setList((l) => [r.bulletin, ...l.filter((b) => b.id !== r.bulletin.id)]);
    } catch (e) {
      setError(adminErrorText(e));
    } finally {
      setBusy(false);
    }
  };
  const saved = (b: BulletinView) => setList((l) => l.map((x) => (x.id === b.id ? b : x)));
  return (
    <Page className="page admin">
      <AppHeader title="Bản tin truyền thanh" back="/admin" />
      <NetworkBanner />
      <main className="content">
        <Card id="new-bulletin-title" title="Làm bản tin từ một bài học">
          <p className="admin-hint">Lời đọc được viết sẵn để nghe qua loa: câu ngắn, các bước chính đọc hai lần, không có đường link.</p>
          <label className="field__label" htmlFor="b-area">
            Khu vực
          </label>
          <select id="b-area" className="field__input" value={area} onChange={(e) => setArea(e.target.value)}>
            {roles.map((r) => (
              <option key={r.areaCode} value={r.areaCode}>
                {roleArea(r)}
              </option>
            ))}
          </select>
          <label className="field__label" htmlFor="b-lesson">
            Bài học
          </label>
          <select id="b-lesson" className="field__input" value={lessonId} onChange={(e) => setLessonId(e.target.value)}>
            <LessonOptions />
          </select>
          <Button fullWidth loading={busy} disabled={busy || !area} onClick={() => void create()}>
            Làm bản tin
          </Button>
          <ErrorBox message={error} />
        </Card>
        {loaded.status === "loading" && !loaded.data ? <p role="status">Đang tải bản tin…</p> : null}
        {loaded.status === "error" ? <ErrorBox message={adminErrorText(loaded.error)} /> : null}
        {list.map((b) => (
          <BulletinCard key={b.id} b={b} onSaved={saved} />
        ))}
      </main>
      <NavBar />
    </Page>
  );
}
