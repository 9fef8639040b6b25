/**
 * The one module that talks to zmp-sdk. Inside Zalo it uses the SDK; in a desktop browser (the web preview of
 * the same production build) the SDK's calls reject or throw, so each call falls back to the web platform.
 */
import { authorize, followOA, getAccessToken, getRouteParams, getUserInfo, nativeStorage, openChat, scanQRCode } from "zmp-sdk/apis";

type Storage = { getItem(k: string): string | null; setItem(k: string, v: string): void; removeItem(k: string): void };

const memory = new Map<string, string>();
const memoryStorage: Storage = {
  getItem: (k) => memory.get(k) ?? null,
  setItem: (k, v) => void memory.set(k, v),
  removeItem: (k) => void memory.delete(k),
};

/** Set when nativeStorage works: the mini app runs inside Zalo. */
let insideZalo = false;

function pickStorage(): Storage {
  // nativeStorage throws (-1404) outside Zalo; localStorage is missing inside Zalo.
  try {
    nativeStorage.setItem("ksc.probe", "1");
    nativeStorage.removeItem("ksc.probe");
    insideZalo = true;
    return {
      getItem: (k) => nativeStorage.getItem(k) || null,
      setItem: (k, v) => nativeStorage.setItem(k, v),
      removeItem: (k) => nativeStorage.removeItem(k),
    };
  } catch {
    // not inside Zalo
  }
  try {
    window.localStorage.setItem("ksc.probe", "1");
    window.localStorage.removeItem("ksc.probe");
    return window.localStorage;
  } catch {
    return memoryStorage;
  }
}

let storage: Storage | null = null;

export const store = {
  get<T>(key: string, fallback: T): T {
    storage ??= pickStorage();
    try {
      const raw = storage.getItem(key);
      return raw == null ? fallback : (JSON.parse(raw) as T);
    } catch {
      return fallback;
    }
  },
  set(key: string, value: unknown): void {
    storage ??= pickStorage();
    try {
      storage.setItem(key, JSON.stringify(value));
    } catch {
      // storage full or unavailable: keep going with what is in memory
    }
  },
  remove(key: string): void {
    storage ??= pickStorage();
    try {
      storage.removeItem(key);
    } catch {
      // nothing to remove
    }
  },
};

/** The Zalo user access token, or null when there is none (outside Zalo the SDK gives "" or rejects). */
export async function zaloAccessToken(): Promise<string | null> {
  try {
    const token = await Promise.race([getAccessToken(), new Promise<string>((r) => setTimeout(() => r(""), 4000))]);
    return typeof token === "string" && token.length > 0 ? token : null;
  } catch {
    return null;
  }
}

/** Query parameters the mini app was opened with (deep links: ?lesson=…&ref=…). */
export function routeParams(): Record<string, string> {
  const out: Record<string, string> = {};
  new URLSearchParams(window.location.search).forEach((v, k) => (out[k] = v));
  try {
    const p = getRouteParams() as Record<string, unknown>;
    for (const [k, v] of Object.entries(p ?? {})) if (typeof v === "string") out[k] = v;
  } catch {
    // outside Zalo: the URL above is all there is
  }
  return out;
}

export function isOnline(): boolean {
  return typeof navigator === "undefined" || navigator.onLine !== false;
}

export function onNetworkChange(cb: (online: boolean) => void): () => void {
  const on = () => cb(true);
  const off = () => cb(false);
  window.addEventListener("online", on);
  window.addEventListener("offline", off);
  return () => {
    window.removeEventListener("online", on);
    window.removeEventListener("offline", off);
  };
}

/** Whether the mini app runs inside Zalo (nativeStorage works there only). */
export function isInsideZalo(): boolean {
  storage ??= pickStorage();
  return insideZalo;
}

/** The sandbox user the web preview plays (null inside Zalo): the stand-ins below act for them. */
export type PreviewUser = { zaloUserId: string; idByOA: string } | null;

const sandboxPost = async (path: string, body?: unknown): Promise<boolean> => {
  try {
    const res = await fetch(path, {
      method: "POST",
      headers: body ? { "content-type": "application/json" } : {},
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return res.ok;
  } catch {
    return false;
  }
};

/**
 * Asks the person to let the mini app read their Zalo name (zmp-sdk authorize, scope.userInfo; since zmp-sdk 2.35
 * the token alone names no one). True when they agreed. In the web preview the sandbox's consent stands in.
 */
export async function askToShareName(preview: PreviewUser): Promise<boolean> {
  if (isInsideZalo()) {
    try {
      const r = (await authorize({ scopes: ["scope.userInfo"] })) as Record<string, boolean | undefined>;
      return r["scope.userInfo"] === true;
    } catch {
      return false; // refused (-201) or not available
    }
  }
  if (!preview) return false;
  return sandboxPost(`/sandbox/users/${encodeURIComponent(preview.zaloUserId)}/authorize`, { scopes: ["scope.userInfo"] });
}

/** Whether the person follows the OA (getUserInfo's followedOA); null when Zalo does not say. */
export async function followsOa(): Promise<boolean | null> {
  if (!isInsideZalo()) return null;
  try {
    const { userInfo } = await getUserInfo({ autoRequestPermission: false });
    return typeof userInfo.followedOA === "boolean" ? userInfo.followedOA : null;
  } catch {
    return null;
  }
}

/** "Quan tâm OA": zmp-sdk followOA inside Zalo; in the web preview the sandbox user follows. */
export async function followTheOa(oaId: string, preview: PreviewUser): Promise<boolean> {
  if (isInsideZalo()) {
    try {
      await followOA({ id: oaId });
      return true;
    } catch {
      return false; // the person said no (-201), or Zalo is too old
    }
  }
  return preview ? sandboxPost(`/sandbox/users/${encodeURIComponent(preview.idByOA)}/follow`) : false;
}

/** "Nhắn tin cho OA": opens the OA's chat in Zalo (openChat type oa); in the web preview, the sandbox chat page. */
export async function chatWithTheOa(oaId: string): Promise<boolean> {
  if (isInsideZalo()) {
    try {
      await openChat({ type: "oa", id: oaId });
      return true;
    } catch {
      return false;
    }
  }
  window.open("/sandbox/chat", "_blank", "noopener");
  return true;
}

/** The text of a QR code scanned with Zalo's camera (zmp-sdk scanQRCode: { content }); null outside Zalo or when cancelled. */
export async function scanQr(): Promise<string | null> {
  if (!isInsideZalo()) return null;
  try {
    return (await scanQRCode()).content;
  } catch {
    return null;
  }
}
