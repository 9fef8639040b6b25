import { Page } from "zmp-ui";
import { glossary } from "virtual:course-index";
import { AppHeader } from "../components/app-header";
import { TextSizeButton } from "../components/text-size-button";
import { useAppState } from "../state/store";

const collator = new Intl.Collator("vi");
const capital = (s: string) => s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);

/** Từ ngữ cần biết: every word the lessons explain on a tap, in alphabetical order, with its other spellings. */
export default function GlossaryPage() {
  const textSize = useAppState((s) => s.textSize);
  const entries = [...glossary].sort((a, b) => collator.compare(a.term, b.term));
  return (
    <Page className={`page text-size-${textSize}`}>
      <AppHeader title="Từ ngữ cần biết" back right={<TextSizeButton />} />
      <main className="content">
        <p className="lead">Trong bài học, từ có gạch chân chấm chấm: chạm vào để xem nghĩa. Đây là tất cả các từ đó.</p>
        <dl className="glossary">
          {entries.map((g) => (
            <div key={g.id} className="glossary__entry">
              <dt>
                {capital(g.term)}
                {g.aliases.length ? <span className="glossary__aliases"> (còn gọi: {g.aliases.join(", ")})</span> : null}
              </dt>
              <dd>{g.definition}</dd>
            </div>
          ))}
        </dl>
      </main>
    </Page>
  );
}
