import type { SandboxIdentity } from "./identity.js";
import type { SandboxUserState } from "./world.js";

/** Webhook events shaped as Zalo sends them: ids are strings, timestamp is a string of epoch milliseconds. */
export function oaEvents(id: SandboxIdentity, now: () => number) {
  const base = (event_name: string, user: SandboxUserState) => ({
    app_id: id.appId,
    user_id_by_app: user.appUserId,
    event_name,
    timestamp: String(now()),
  });
  const fromUser = (user: SandboxUserState) => ({ sender: { id: user.id }, recipient: { id: id.oaId } });
  const fromOa = (user: SandboxUserState) => ({ sender: { id: id.oaId }, recipient: { id: user.id } });
  return {
    follow: (user: SandboxUserState, event: "follow" | "unfollow") => ({
      oa_id: id.oaId,
      follower: { id: user.id },
      source: "oa_profile",
      ...base(event, user),
    }),
    userText: (user: SandboxUserState, msgId: string, text: string) => ({
      ...base("user_send_text", user),
      ...fromUser(user),
      message: { msg_id: msgId, text },
    }),
    /** Someone writing without following: sender.id is the anonymous id, message.conversation_id the conversation. */
    anonymousText: (anonymousId: string, conversationId: string, msgId: string, text: string) => ({
      app_id: id.appId,
      event_name: "anonymous_send_text",
      timestamp: String(now()),
      sender: { id: anonymousId },
      recipient: { id: id.oaId },
      message: { msg_id: msgId, text, conversation_id: conversationId },
    }),
    userLocation: (user: SandboxUserState, msgId: string, latitude: number, longitude: number) => ({
      ...base("user_send_location", user),
      ...fromUser(user),
      message: { msg_id: msgId, attachments: [{ type: "location", payload: { coordinates: { latitude: String(latitude), longitude: String(longitude) } } }] },
    }),
    submitInfo: (user: SandboxUserState, info: Record<string, string>) => ({ ...base("user_submit_info", user), ...fromUser(user), info }),
    received: (user: SandboxUserState, msgId: string) => ({ ...base("user_received_message", user), ...fromOa(user), message: { msg_id: msgId } }),
    seen: (user: SandboxUserState, msgIds: string[]) => ({ ...base("user_seen_message", user), ...fromOa(user), message: { msg_ids: msgIds } }),
    oaSent: (user: SandboxUserState, msgId: string, text: string | undefined) => ({
      ...base(text === undefined ? "oa_send_template" : "oa_send_text", user),
      ...fromOa(user),
      message: { msg_id: msgId, ...(text === undefined ? {} : { text }) },
    }),
  };
}

export type OaEvents = ReturnType<typeof oaEvents>;
