import { Fragment, useMemo, useState, type ReactNode } from "react";
import { glossary } from "virtual:course-index";
import { glossaryMatcher } from "../../../shared/lib/glossary";

const findTerms = glossaryMatcher(glossary);
const byId = new Map(glossary.map((g) => [g.id, g]));

/** Plain text with the glossary's terms as buttons (the first use of each); `onTerm` is told which was tapped. */
function withTerms(text: string, onTerm: (id: string) => void, key: string): ReactNode[] {
  const nfc = text.normalize("NFC");
  const out: ReactNode[] = [];
  let at = 0;
  for (const s of findTerms(nfc)) {
    out.push(<Fragment key={`${key}-${at}`}>{nfc.slice(at, s.start)}</Fragment>);
    out.push(
      <button key={`${key}-t${s.start}`} type="button" className="term" onClick={() => onTerm(s.id)} aria-label={`${nfc.slice(s.start, s.end)}: xem nghĩa`}>
        {nfc.slice(s.start, s.end)}
      </button>,
    );
    at = s.end;
  }
  out.push(<Fragment key={`${key}-end`}>{nfc.slice(at)}</Fragment>);
  return out;
}

/**
 * Lesson text: plain sentences where **this** is bold (the names of buttons to tap). Words of "Từ ngữ cần biết"
 * are underlined; a tap shows what the word means right under the text.
 */
export function RichText({ text }: { text: string }) {
  const [open, setOpen] = useState<string | null>(null);
  const parts = useMemo(() => text.split(/\*\*(.+?)\*\*/g), [text]);
  const term = open ? byId.get(open) : undefined;
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? <strong key={i}>{p}</strong> : <Fragment key={i}>{withTerms(p, (id) => setOpen(open === id ? null : id), String(i))}</Fragment>,
      )}
      {term ? (
        <span className="term-definition" role="note">
          <strong>{term.term.charAt(0).toLocaleUpperCase("vi") + term.term.slice(1)}</strong>: {term.definition}{" "}
          <button type="button" className="term-definition__close" onClick={() => setOpen(null)} aria-label="Đóng giải thích">
            Đóng
          </button>
        </span>
      ) : null}
    </>
  );
}
