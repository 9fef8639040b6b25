import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyWebhookSignature, webhookEventKey, webhookSignature } from "./webhook-signature.js";

const APP_ID = "3100000000000000001";
const OA_SECRET_KEY = "oa-secret-key-from-the-webhook-page";
const APP_SECRET = "the-app-secret-not-the-oa-key";
const TIMESTAMP = "1741766400000";
const BODY = Buffer.from(
  JSON.stringify({
    app_id: APP_ID,
    user_id_by_app: "5500000000000000001",
    event_name: "user_send_text",
    timestamp: TIMESTAMP,
    sender: { id: "7700000000000000001" },
    recipient: { id: "3100000000000000003" },
    message: { msg_id: "abc123", text: "Kích hoạt VNeID thế nào?" },
  }),
  "utf8",
);

/** The signature computed by hand from Zalo's definition: sha256 hex of app_id + body + timestamp + OA secret key. */
const byHand = (appId: string, body: Buffer, ts: string, key: string) =>
  createHash("sha256")
    .update(Buffer.concat([Buffer.from(appId), body, Buffer.from(ts), Buffer.from(key)]))
    .digest("hex");

const GOOD = byHand(APP_ID, BODY, TIMESTAMP, OA_SECRET_KEY);
const verify = (header: string | undefined, body: Buffer = BODY, ts = TIMESTAMP, key = OA_SECRET_KEY, appId = APP_ID) =>
  verifyWebhookSignature(header, appId, body, ts, key);

describe("webhookSignature", () => {
  it("is the plain SHA-256 hex of app_id + raw body + timestamp + OA secret key", () => {
    expect(webhookSignature(APP_ID, BODY, TIMESTAMP, OA_SECRET_KEY)).toBe(GOOD);
    expect(webhookSignature(APP_ID, BODY.toString("utf8"), TIMESTAMP, OA_SECRET_KEY)).toBe(GOOD);
    expect(GOOD).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is not an HMAC keyed by the OA secret key", () => {
    const hmac = createHmac("sha256", OA_SECRET_KEY)
      .update(`${APP_ID}${BODY.toString("utf8")}${TIMESTAMP}`)
      .digest("hex");
    expect(webhookSignature(APP_ID, BODY, TIMESTAMP, OA_SECRET_KEY)).not.toBe(hmac);
    expect(verify(hmac)).toBe(false);
  });
});

describe("verifyWebhookSignature", () => {
  it("VALID BARE HEX is accepted", () => {
    expect(verify(GOOD)).toBe(true);
  });

  it('VALID "mac=<hex>" is accepted', () => {
    expect(verify(`mac=${GOOD}`)).toBe(true);
  });

  it("uppercase hex (and an uppercase MAC= prefix, surrounding spaces) is the same signature", () => {
    expect(verify(GOOD.toUpperCase())).toBe(true);
    expect(verify(`mac=${GOOD.toUpperCase()}`)).toBe(true);
    expect(verify(`MAC=${GOOD}`)).toBe(true);
    expect(verify(`  mac=${GOOD}  `)).toBe(true);
  });

  it("WRONG KEY is refused", () => {
    const wrong = byHand(APP_ID, BODY, TIMESTAMP, "some-other-oa-secret-key");
    expect(verify(wrong)).toBe(false);
    expect(verify(`mac=${wrong}`)).toBe(false);
  });

  it("APP SECRET USED INSTEAD OF OA SECRET KEY is refused", () => {
    const withAppSecret = byHand(APP_ID, BODY, TIMESTAMP, APP_SECRET);
    expect(verify(withAppSecret)).toBe(false);
    expect(verify(`mac=${withAppSecret}`)).toBe(false);
  });

  it("ONE BYTE OF THE BODY CHANGED is refused, wherever the byte is", () => {
    for (const at of [0, Math.floor(BODY.length / 2), BODY.length - 1]) {
      const changed = Buffer.from(BODY);
      changed[at] = changed[at]! ^ 0x01;
      expect(verify(GOOD, changed), `byte ${at}`).toBe(false);
    }
    // Re-serialising the same JSON differently (here: with spaces) is a different body too: the raw bytes count.
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(BODY.toString("utf8")), null, 1));
    expect(verify(GOOD, reserialised)).toBe(false);
  });

  it("another timestamp or another app id than the ones signed is refused", () => {
    expect(verify(GOOD, BODY, String(Number(TIMESTAMP) + 1))).toBe(false);
    expect(verify(GOOD, BODY, TIMESTAMP, OA_SECRET_KEY, "3100000000000000009")).toBe(false);
  });

  it("MISSING HEADER is refused", () => {
    expect(verify(undefined)).toBe(false);
    expect(verify("")).toBe(false);
    expect(verify("mac=")).toBe(false);
  });

  it.each([
    ["not hex at all", "hello"],
    ["hex one character short", GOOD.slice(0, 63)],
    ["hex one character long", `${GOOD}0`],
    ["64 characters with a non-hex one", `${GOOD.slice(0, 63)}g`],
    ["an HMAC-looking base64 value", Buffer.from(GOOD, "hex").toString("base64")],
    ["two signatures", `mac=${GOOD},mac=${GOOD}`],
    ["another prefix", `sha256=${GOOD}`],
    ["the prefix twice", `mac=mac=${GOOD}`],
  ])("garbage (%s) is refused without throwing", (_label, header) => {
    expect(verify(header)).toBe(false);
  });
});

describe("webhookEventKey", () => {
  const raw = (o: unknown) => Buffer.from(JSON.stringify(o));

  it("is event name + msg_id when the event has a msg_id (string or number), whatever else the body holds", () => {
    const a = { event_name: "user_send_text", timestamp: "1", message: { msg_id: "m-1", text: "a" } };
    const b = { event_name: "user_send_text", timestamp: "2", message: { msg_id: "m-1", text: "a" } };
    expect(webhookEventKey("user_send_text", a, raw(a))).toBe("user_send_text:m-1");
    expect(webhookEventKey("user_send_text", b, raw(b))).toBe("user_send_text:m-1");
    expect(webhookEventKey("user_send_text", { message: { msg_id: 42 } }, raw({ message: { msg_id: 42 } }))).toBe("user_send_text:42");
  });

  it("keeps events of different names with the same msg_id apart (a message and its receipt)", () => {
    const body = { message: { msg_id: "m-2" } };
    expect(webhookEventKey("oa_send_text", body, raw(body))).not.toBe(webhookEventKey("user_received_message", body, raw(body)));
  });

  it("without a msg_id, is the event name + the SHA-256 of the raw body", () => {
    const follow = { event_name: "follow", follower: { id: "77" }, timestamp: "1741766400000" };
    const bytes = raw(follow);
    const expected = `follow:sha256:${createHash("sha256").update(bytes).digest("hex")}`;
    expect(webhookEventKey("follow", follow, bytes)).toBe(expected);
    // The same bytes again (a retry) give the same key; another follow later gives another key.
    expect(webhookEventKey("follow", follow, Buffer.from(bytes))).toBe(expected);
    const later = { ...follow, timestamp: "1741766400001" };
    expect(webhookEventKey("follow", later, raw(later))).not.toBe(expected);
  });

  it("user_seen_message (msg_ids, no msg_id) is keyed by the hash of its body", () => {
    const seen = { event_name: "user_seen_message", message: { msg_ids: ["a", "b"] } };
    expect(webhookEventKey("user_seen_message", seen, raw(seen))).toMatch(/^user_seen_message:sha256:[0-9a-f]{64}$/);
  });

  it("a msg_id that is not a string or number (null, object) falls back to the hash", () => {
    for (const msg_id of [null, { x: 1 }, true]) {
      const ev = { message: { msg_id } };
      expect(webhookEventKey("user_send_text", ev, raw(ev))).toMatch(/^user_send_text:sha256:/);
    }
  });
});
