import { api } from "../api/client";
import { useLoad } from "../lib/use-load";
import { chooseSandboxUser } from "../state/actions";
import { useAppState } from "../state/store";

/** Web preview in sandbox mode only: inside Zalo the learner is whoever is signed in to Zalo. */
export function SandboxPicker({ compact = false }: { compact?: boolean }) {
  const sandbox = useAppState((s) => s.sandbox);
  const chosen = useAppState((s) => s.sandboxUser);
  const users = useLoad(sandbox ? api.sandboxUsers : null, [sandbox]).data?.users ?? [];
  if (!sandbox || (chosen && !compact) || users.length === 0) return null;
  return (
    <section className="card sandbox-picker" aria-labelledby="sandbox-title">
      <h2 id="sandbox-title" className="card__title">
        Bản xem thử trên máy tính
      </h2>
      <p>Chọn một người dùng Zalo thử để lưu tiến độ học:</p>
      <div className="sandbox-picker__users">
        {users.map((u) => (
          <button
            key={u.id}
            type="button"
            className={`chip${chosen === u.id ? " is-selected" : ""}`}
            aria-pressed={chosen === u.id}
            onClick={() => chooseSandboxUser(u.id)}
          >
            {u.name}
          </button>
        ))}
      </div>
    </section>
  );
}
