import type { OaMessage } from "../../../shared/schemas/oa";

type Button = NonNullable<NonNullable<OaMessage["attachment"]>["payload"]["buttons"]>[number];

function target(b: Button): string | null {
  if (b.type === "oa.open.url") return b.payload.url;
  if (b.type === "oa.open.phone") return `Gọi ${b.payload.phone_code}`;
  return null;
}

function imagesOf(m: OaMessage): string[] {
  const p = m.attachment?.payload;
  if (p?.template_type === "promotion") return (p.elements ?? []).flatMap((e) => (e.type === "banner" && typeof e.image_url === "string" ? [e.image_url] : []));
  if (p?.template_type !== "media") return [];
  return (p.elements ?? []).flatMap((e) => (typeof e.url === "string" ? [e.url] : []));
}

/** A promotion template's header and text blocks, in order, as Zalo lays them out under the banner. */
function blocksOf(m: OaMessage): { kind: "header" | "text"; content: string }[] {
  const p = m.attachment?.payload;
  if (p?.template_type !== "promotion") return [];
  return (p.elements ?? []).flatMap((e) =>
    (e.type === "header" || e.type === "text") && typeof e.content === "string" ? [{ kind: e.type, content: e.content }] : [],
  );
}

/**
 * The messages as a follower sees them in Zalo: the OA's name, white bubbles with the text exactly as sent
 * (line breaks kept) and the buttons under it. The buttons do nothing here; where they lead is listed below.
 */
export function ChatPreview({ messages, title = "Xem trước trên Zalo" }: { messages: OaMessage[]; title?: string }) {
  const buttons = messages.flatMap((m) => m.attachment?.payload.buttons ?? []);
  return (
    <figure className="chat-preview" aria-label={title}>
      <div className="chat-preview__bar" aria-hidden="true">
        <span className="chat-preview__avatar">CĐS</span>
        <span>
          <span className="chat-preview__oa">Chuyển đổi số quốc gia</span>
          <span className="chat-preview__kind">Official Account</span>
        </span>
      </div>
      <div className="chat-preview__log">
        {messages.map((m, i) => (
          <div key={i} className="zbubble">
            {imagesOf(m).map((url) => (
              <img key={url} className="zbubble__image" src={url} alt="Ảnh kèm tin" />
            ))}
            {blocksOf(m).map((b, j) =>
              b.kind === "header" ? (
                <p key={j} className="zbubble__text zbubble__header">
                  {b.content}
                </p>
              ) : (
                <p key={j} className="zbubble__text">
                  {b.content}
                </p>
              ),
            )}
            {m.text ? <p className="zbubble__text">{m.text}</p> : null}
            {m.attachment?.payload.buttons?.length ? (
              <ul className="zbubble__buttons" aria-label="Nút bấm trong tin">
                {m.attachment.payload.buttons.map((b, j) => (
                  <li key={j} className="zbubble__button">
                    {b.title}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ))}
      </div>
      {buttons.some((b) => target(b)) ? (
        <figcaption className="chat-preview__caption">
          {buttons.map((b, j) =>
            target(b) ? (
              <span key={j} className="chat-preview__target">
                Nút “{b.title}” mở: <span className="chat-preview__url">{target(b)}</span>
              </span>
            ) : null,
          )}
        </figcaption>
      ) : null}
    </figure>
  );
}
