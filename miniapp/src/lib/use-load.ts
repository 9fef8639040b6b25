import { useCallback, useEffect, useRef, useState, type DependencyList } from "react";

export interface Loaded<T> {
  /** The last answer; kept on screen while a new load runs. */
  data: T | null;
  /** Why the last load failed, until one succeeds. */
  error: unknown;
  loading: boolean;
  /** One of the three for screens that show either: "loading" also while nothing is asked yet, and during a reload. */
  status: "loading" | "error" | "ready";
  /** Loads again now; resolves once the answer is in (or the load failed). */
  reload(): Promise<void>;
}

interface State<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
}

/**
 * What a screen shows from the server: loaded when the screen opens and again whenever `deps` change, and with
 * `pollMs` every so often while the page is visible (a tick is skipped while a load is still running). A null
 * fetcher loads nothing yet. Answers of loads overtaken by a newer one, or arriving after the screen closed, are dropped.
 */
export function useLoad<T>(fetcher: (() => Promise<T>) | null, deps: DependencyList, { pollMs = null }: { pollMs?: number | null } = {}): Loaded<T> {
  const [state, setState] = useState<State<T>>({ data: null, error: null, loading: fetcher !== null });
  const fetcherNow = useRef(fetcher);
  fetcherNow.current = fetcher;
  const latest = useRef(0);
  const running = useRef(false);

  /** `fresh`: the deps changed, so an error about what was asked before no longer stands. */
  const run = useCallback(async (fresh: boolean): Promise<void> => {
    const fetch = fetcherNow.current;
    const mine = ++latest.current;
    if (!fetch) {
      running.current = false;
      setState((s) => (s.loading ? { ...s, loading: false } : s));
      return;
    }
    running.current = true;
    setState((s) => ({ data: s.data, error: fresh ? null : s.error, loading: true }));
    let next: (s: State<T>) => State<T>;
    try {
      const data = await fetch();
      next = () => ({ data, error: null, loading: false });
    } catch (error) {
      next = (s) => ({ data: s.data, error, loading: false });
    }
    if (mine !== latest.current) return;
    running.current = false;
    setState(next);
  }, []);

  useEffect(() => {
    void run(true);
    const timer =
      pollMs && fetcherNow.current
        ? setInterval(() => {
            if (!running.current && document.visibilityState !== "hidden") void run(false);
          }, pollMs)
        : undefined;
    return () => {
      latest.current++;
      running.current = false;
      clearInterval(timer);
    };
  }, [...deps, pollMs]);

  const reload = useCallback(() => run(false), [run]);
  const status = state.loading || (state.data === null && state.error === null) ? "loading" : state.error !== null ? "error" : "ready";
  return { ...state, status, reload };
}
