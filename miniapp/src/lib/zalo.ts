/**
 * The one module that talks to zmp-sdk. Inside Zalo it uses the SDK; in a desktop browser (the web preview of
 * the same production build) the SDK's calls reject or throw, so each call falls back to the web platform.
 */
import { getAccessToken, getRouteParams, nativeStorage } from "zmp-sdk/apis";

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
