import { useState } from "react";
import { Button } from "zmp-ui";
import type { AreaFaqEntryView } from "../../../../shared/schemas/questions";
import { adminErrorText } from "../../api/error-text";
import { adminApi } from "../../api/session";
import { ErrorBox } from "../../admin/error-box";
import { useLoad } from "../../lib/use-load";
import { Card } from "../../components/card";
import { draftOf, FaqForm } from "./faq-form";

function EntryItem({ e, operator, onChanged }: { e: AreaFaqEntryView; operator: boolean; onChanged(): void }) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (action: "withdraw" | "restore" | "promote") => {
    setError(null);
    try {
      await adminApi.changeAreaFaq(e.id, { action, seen: e.updatedAt });
      onChanged();
    } catch (err) {
      setError(adminErrorText(err));
    }
  };
  if (editing)
    return (
      <li className="question-item">
        <FaqForm
          idPrefix={`edit-${e.id}`}
          initial={{ question: e.question, answer: e.answer, variants: e.variants.join("\n") }}
          submitLabel="Lưu thay đổi"
          onCancel={() => setEditing(false)}
          onSubmit={async (v) => {
            await adminApi.changeAreaFaq(e.id, { action: "edit", seen: e.updatedAt, entry: draftOf(v, e.lesson) });
            setEditing(false);
            onChanged();
          }}
        />
      </li>
    );
  return (
    <li className="question-item">
      <p className="question-item__text">{e.question}</p>
      <p className="question-item__meta">
        {e.areaName}
        {e.status === "withdrawn" ? " · đã rút lại" : ""}
        {e.promotedFrom ? " · do người vận hành đưa ra toàn quốc" : ""}
      </p>
      <p className="question-item__answer">{e.answer}</p>
      <ErrorBox message={error} />
      <div className="button-row">
        <Button size="small" variant="secondary" onClick={() => setEditing(true)}>
          Sửa
        </Button>
        {e.status === "active" ? (
          <Button size="small" variant="tertiary" onClick={() => void act("withdraw")}>
            Rút lại
          </Button>
        ) : (
          <Button size="small" variant="tertiary" onClick={() => void act("restore")}>
            Dùng lại
          </Button>
        )}
        {operator && e.areaCode !== "" && e.status === "active" ? (
          <Button size="small" variant="tertiary" onClick={() => void act("promote")}>
            Đưa ra toàn quốc
          </Button>
        ) : null}
      </div>
    </li>
  );
}

/** The Hỏi đáp entries officials of my area made: the chatbot answers residents of the area with them. */
export function AreaFaqCard({ official, operator, version }: { official: boolean; operator: boolean; version: number }) {
  const [reloadKey, setReloadKey] = useState(0);
  const entries = useLoad(official ? () => adminApi.areaFaq() : null, [official, reloadKey, version]);
  const list = entries.data?.entries ?? [];
  return (
    <Card id="area-faq-title" title="Hỏi đáp của khu vực">
      <p className="admin-hint">Chatbot dùng các câu này để trả lời người dân trong khu vực. Thêm từ một câu hỏi đã trả lời ở trên.</p>
      {entries.status === "error" ? <ErrorBox message={adminErrorText(entries.error)} /> : null}
      {entries.data && list.length === 0 ? <p className="empty-note">Khu vực chưa có câu hỏi đáp riêng.</p> : null}
      {list.length ? (
        <ul className="question-list">
          {list.map((e) => (
            <EntryItem key={e.id} e={e} operator={operator} onChanged={() => setReloadKey((k) => k + 1)} />
          ))}
        </ul>
      ) : null}
    </Card>
  );
}
