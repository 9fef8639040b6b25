import type { CampaignView } from "../../../../shared/schemas/responses/campaigns";
import { ChatPreview } from "../../admin/chat-preview";

/** The messages as followers will see them in Zalo, and the promotion version when it is used. */
export function MessagesCard({ view }: { view: CampaignView }) {
  return (
    <section className="card" aria-labelledby="messages-title">
      <h2 id="messages-title" className="card__title">
        Tin sẽ gửi
      </h2>
      <ChatPreview messages={view.messages} />
      {view.draft.usePromotion ? <ChatPreview messages={[view.promotion]} title="Tin truyền thông, xem trước trên Zalo" /> : null}
    </section>
  );
}
