/**
 * The part of the zmp-sdk adapter (lib/zalo.ts) for sharing and saving images: only the team screens need it,
 * so it stays out of the first screen (like zalo-webview.ts).
 */
import { openShareSheet, saveImageToGallery } from "zmp-sdk/apis";
import { isInsideZalo } from "./zalo";

/**
 * Shares a deep link into the mini app (Zalo's share sheet: a chat or the timeline). In the web preview the
 * browser's share sheet, or the link copied to the clipboard. Resolves to how it went.
 */
export async function shareDeepLink(opts: {
  title: string;
  description: string;
  path: string;
  thumbnail: string;
  link: string;
}): Promise<"shared" | "copied" | "failed"> {
  if (isInsideZalo()) {
    try {
      await openShareSheet({ type: "zmp_deep_link", data: { title: opts.title, description: opts.description, thumbnail: opts.thumbnail, path: opts.path } });
      return "shared";
    } catch {
      return "failed";
    }
  }
  try {
    if (typeof navigator.share === "function") {
      await navigator.share({ title: opts.title, text: opts.description, url: opts.link });
      return "shared";
    }
    await navigator.clipboard.writeText(opts.link);
    return "copied";
  } catch {
    return "failed";
  }
}

/** Saves an image (a data URL) to the phone's gallery; in the web preview, a download. */
export async function saveImage(dataUrl: string, fileName: string): Promise<boolean> {
  if (isInsideZalo()) {
    try {
      await saveImageToGallery({ imageBase64Data: dataUrl });
      return true;
    } catch {
      return false;
    }
  }
  const a = document.createElement("a");
  a.href = dataUrl;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  return true;
}
