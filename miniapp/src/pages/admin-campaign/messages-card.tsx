import type { CampaignView } from "../../../../shared/schemas/responses/campaigns";
import { ChatPreview } from "../../admin/chat-preview";
import { Card } from "../../components/card";

/** The messages as followers will see them in Zalo, and the promotion version when it is used. */
export function MessagesCard({ view }: { view: CampaignView }) {
  return (
    <Card id="messages-title" title="Tin sẽ gửi">
      <ChatPreview messages={view.messages} />
      {view.draft.usePromotion ? <ChatPreview messages={[view.promotion]} title="Tin truyền thông, xem trước trên Zalo" /> : null}
    </Card>
  );
}
