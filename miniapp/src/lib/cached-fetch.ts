/** Files kept on the phone for use without a connection: audio, lessons' audio lists, local lessons' photos. */
const CACHE = "ksc-audio-v1";

const cacheApi = (): CacheStorage | null => (typeof caches !== "undefined" ? caches : null);

/** The cached answer for a URL, else the network's (cached for next time); null when neither has it. */
export async function cachedFetch(url: string, preferNetwork: boolean): Promise<Response | null> {
  const c = cacheApi();
  const cache = c ? await c.open(CACHE).catch(() => null) : null;
  if (cache && !preferNetwork) {
    const hit = await cache.match(url);
    if (hit) return hit;
  }
  try {
    // Fresh when asked for (a recording may have been added since): past the browser's own cache too.
    const res = await fetch(url, preferNetwork ? { cache: "no-cache" } : {});
    if (!res.ok) return (await cache?.match(url)) ?? null;
    await cache?.put(url, res.clone()).catch(() => undefined);
    return res;
  } catch {
    return (await cache?.match(url)) ?? null;
  }
}
