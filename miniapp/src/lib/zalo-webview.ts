/**
 * The part of the zmp-sdk adapter (lib/zalo.ts) that only lazily loaded pages need, kept apart so that the first
 * screen does not carry it.
 */
import { openWebview } from "zmp-sdk/apis";
import { isInsideZalo } from "./zalo";

/** A web page outside the mini app: Zalo's in-app browser inside Zalo, a new tab in the web preview. */
export async function openExternal(url: string): Promise<void> {
  if (isInsideZalo()) {
    try {
      return await openWebview({ url, config: { style: "normal" } });
    } catch {
      // an older Zalo: fall through to the browser
    }
  }
  window.open(url, "_blank", "noopener");
}
