import { eventTime, NOTHING, type EventHandler } from "./event.js";

/** Zalo's receipts (user_received_message, user_seen_message) and echoes of the OA's own sends (oa_send_*). */
export const recordReceipts: EventHandler = async (deps, repos, ev) => {
  const name = ev.event_name;
  const at = eventTime(ev, deps.clock.now());
  const ids = ev.message?.msg_ids ?? (ev.message?.msg_id ? [ev.message.msg_id] : []);
  const kind = name === "user_received_message" ? "received" : name === "user_seen_message" ? "seen" : "echo";
  await repos.messages.addReceipts(ids.map((id) => ({ zalo_message_id: String(id), event: kind, at })));
  return NOTHING;
};
