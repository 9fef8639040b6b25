import { describe, expect, it } from "vitest";
import { T } from "../dialogue/texts.js";
import { handlerFor } from "./handlers.js";

describe("the webhook event table", () => {
  it("has a handler for each event handled, by name or by family", () => {
    for (const name of [
      "follow",
      "unfollow",
      "user_send_text",
      "user_submit_info",
      "user_send_location",
      "user_received_message",
      "user_seen_message",
      "user_send_sticker",
      "oa_send_text",
      "anonymous_send_text",
      "anonymous_send_image",
    ]) {
      expect(handlerFor(name), name).toBeTypeOf("function");
    }
  });

  it("gives a named event its own handler before its family's", () => {
    expect(handlerFor("user_send_text")).not.toBe(handlerFor("user_send_image"));
    expect(handlerFor("user_send_location")).not.toBe(handlerFor("user_send_image"));
    expect(handlerFor("user_send_image")).toBe(handlerFor("user_send_sticker"));
  });

  it("has none for other events (they are ignored), names of an object's own properties included", () => {
    for (const name of ["user_reacted_message", "shop_has_order", "oa_call_user", "constructor", "__proto__", "toString", ""])
      expect(handlerFor(name), name).toBeUndefined();
  });

  it("says how far a nearby commune is: 100 m steps under a kilometre, then kilometres with a decimal comma", () => {
    expect(T.communeNearbyLine("Phường Ba Đình", 0.02)).toBe("Phường Ba Đình (khoảng 100 m)");
    expect(T.communeNearbyLine("Phường Ba Đình", 0.46)).toBe("Phường Ba Đình (khoảng 500 m)");
    expect(T.communeNearbyLine("Xã Tân Hòa", 12.34)).toBe("Xã Tân Hòa (khoảng 12,3 km)");
  });
});
