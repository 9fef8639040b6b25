import { useEffect, useState } from "react";
import { Button } from "zmp-ui";
import { chooseCommune, refreshAreaLessons } from "../lib/local-lessons";
import { summaryOf } from "../lib/course";
import { useAppState } from "../state/store";
import { CommuneSearch } from "./commune-search";
import { LessonItem } from "./lesson-item";

/** The local skill's lessons written by the officials of my commune and province; I choose my commune when it is not known. */
export function AreaLessons() {
  const commune = useAppState((s) => s.commune);
  const areaLessons = useAppState((s) => s.areaLessons);
  const progress = useAppState((s) => s.progress);
  const [changing, setChanging] = useState(false);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    setLoading(true);
    void refreshAreaLessons().finally(() => setLoading(false));
  }, [commune?.code]);

  if (!commune || changing) {
    return (
      <section className="card area-lessons" aria-labelledby="area-lessons-title">
        <h2 id="area-lessons-title" className="card__title">
          Bài học của xã, phường bạn
        </h2>
        <p>Cán bộ xã, phường soạn bài riêng về các kênh và dịch vụ số của địa phương. Hãy chọn nơi bạn sống để xem.</p>
        <CommuneSearch
          onPick={(c) => {
            setChanging(false);
            void chooseCommune(c);
          }}
        />
        {changing ? (
          <Button variant="tertiary" onClick={() => setChanging(false)}>
            Giữ {commune?.name}
          </Button>
        ) : null}
      </section>
    );
  }
  const lessons = areaLessons?.commune.code === commune.code ? areaLessons.lessons : [];
  return (
    <section className="area-lessons" aria-labelledby="area-lessons-title">
      <h2 id="area-lessons-title" className="section-title">
        Bài của {commune.name}
      </h2>
      {lessons.length ? (
        <ol className="lesson-list">
          {lessons.map((l) => (
            <LessonItem key={l.lesson.id} l={summaryOf(l.lesson)} p={progress[l.lesson.id]} from={`Do ${l.areaName} soạn`} />
          ))}
        </ol>
      ) : (
        <p role="status">{loading ? "Đang tải bài của xã, phường…" : "Xã, phường của bạn chưa có bài riêng. Hãy học các bài mẫu ở trên."}</p>
      )}
      <button type="button" className="link-button" onClick={() => setChanging(true)}>
        Đổi xã, phường
      </button>
    </section>
  );
}
