import { forwardRef } from "react";
import type { OaMessage } from "../../../../shared/schemas/oa";
import { ChatPreview } from "../../admin/chat-preview";

/** Xem trước: the server's messages as the recipients will see them in Zalo. */
export const PreviewSection = forwardRef<HTMLElement, { messages: OaMessage[]; promotion: OaMessage | null }>(function PreviewSection(
  { messages, promotion },
  ref,
) {
  return (
    <section ref={ref} className="preview-section" aria-labelledby="preview-title">
      <h2 id="preview-title" className="section-title">
        Xem trước
      </h2>
      <p className="admin-hint">Người nhận sẽ thấy đúng như sau trên Zalo:</p>
      <ChatPreview messages={messages} />
      {promotion ? <ChatPreview messages={[promotion]} title="Tin truyền thông, xem trước trên Zalo" /> : null}
    </section>
  );
});
