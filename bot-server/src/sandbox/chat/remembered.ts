/** What the page remembers in the browser: users made here, the last one played, and what each user sent. */
const CREATED_KEY = "ksc-chat:created";
const LAST_KEY = "ksc-chat:last-user";
const mineKey = (id: string) => `ksc-chat:mine:${id}`;
export const ID_RE = /^[0-9A-Za-z_-]{1,40}$/;

function read<T>(storage: Storage, key: string, fallback: T): T {
  try {
    const v = storage.getItem(key);
    return v ? (JSON.parse(v) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(storage: Storage, key: string, value: unknown): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // private mode or full: the page still works, it just forgets
  }
}

/** Ids made with "Tạo người dùng mới" that the sandbox may not know yet (it learns them on the first action). */
export const createdIds = (): string[] => read<unknown[]>(localStorage, CREATED_KEY, []).filter((x): x is string => typeof x === "string" && ID_RE.test(x));
export const saveCreatedIds = (ids: string[]) => write(localStorage, CREATED_KEY, ids);

export const lastUser = (): unknown => read<unknown>(localStorage, LAST_KEY, null);
export const saveLastUser = (id: string) => write(localStorage, LAST_KEY, id);

export interface Mine {
  text: string;
  time: string;
}

/** The sandbox keeps only the OA's side of a conversation: the page remembers the user's own messages. */
export const mineOf = (id: string): Mine[] =>
  read<unknown[]>(sessionStorage, mineKey(id), []).filter((m): m is Mine => !!m && typeof (m as Mine).text === "string");

export function remember(id: string, text: string, time: string): void {
  const list = mineOf(id);
  list.push({ text, time });
  write(sessionStorage, mineKey(id), list.slice(-300));
}
