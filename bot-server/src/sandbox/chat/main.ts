// Chat with the OA through the sandbox's HTTP API. Every text shown (the user's and the OA's) goes through
// textContent, never innerHTML; links are followed only when they are http(s).
import "./chat.css";
import { fromOa, OA_NAME, renderItem, setMine, type ChatItem } from "./bubbles";
import { el } from "./dom";
import { createdIds, ID_RE, lastUser, mineOf, remember, saveCreatedIds, saveLastUser } from "./remembered";
import { api, enc, isMessageRow } from "./sandbox-api";

const POLL_MS = 700;
const USERS_EVERY = 4; // refresh the user list (names, following) every 4th poll
const WAIT_MS = 12_000;

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const ui = {
  user: $<HTMLSelectElement>("user"),
  follow: $<HTMLButtonElement>("follow"),
  newUser: $<HTMLButtonElement>("new-user"),
  log: $("log"),
  hint: $("hint"),
  status: $("status"),
  form: $<HTMLFormElement>("composer"),
  text: $<HTMLInputElement>("text"),
  send: $<HTMLButtonElement>("send"),
};

let users: { id: string; name: string; following: boolean }[] = [];
let created = createdIds();
let current = "";
let following = false;
let epoch = 0; // bumped on every switch of user: answers for the previous user are dropped
let ready = false; // the current user's history is on screen
let loading = false; // the current user's history is being fetched
let shown = new Set<string>(); // OA message ids on screen
let lastWho = "";
let seenPending = false;
let followBusy = false;
let waitTimer = 0;
let connectionLost = false;
let tick = 0;
let optionsKey = "";

function render(item: ChatItem): HTMLElement {
  const row = renderItem(item, item.who === "oa" && lastWho !== "oa", (payload, title) => void send(payload, title));
  lastWho = item.who;
  return row;
}

// ---- status line -------------------------------------------------------------------------------------

function setStatus(text: string, kind?: "typing" | "error"): void {
  ui.status.textContent = text;
  ui.status.className = `status${kind ? ` status--${kind}` : ""}`;
}

function startWaiting(): void {
  clearTimeout(waitTimer);
  if (!connectionLost) setStatus(`${OA_NAME} đang trả lời`, "typing");
  waitTimer = window.setTimeout(stopWaiting, WAIT_MS);
}

function stopWaiting(): void {
  clearTimeout(waitTimer);
  waitTimer = 0;
  if (ui.status.classList.contains("status--typing")) setStatus("");
}

// ---- messages ------------------------------------------------------------------------------------------

const nearBottom = () => ui.log.scrollHeight - ui.log.scrollTop - ui.log.clientHeight < 120;
const toBottom = () => void (ui.log.scrollTop = ui.log.scrollHeight);

function intro(): void {
  ui.log.append(el("p", "note", "Bản xem thử: tin nhắn chỉ đi qua Zalo giả lập trên máy chủ này, không gửi qua Zalo thật."));
}

async function send(payload: string, label?: string): Promise<void> {
  const id = current;
  if (!id) return;
  if (!following) {
    setStatus("Hãy bấm Quan tâm trước, rồi nhắn tin.", "error");
    ui.follow.focus();
    return;
  }
  const text = label ?? payload;
  const time = new Date().toISOString();
  const row = render({ who: "me", text, time });
  row.dataset.time = time;
  ui.log.append(row);
  setMine(row, "sending");
  toBottom();
  remember(id, text, time);
  startWaiting();
  await deliver(row, id, payload);
}

/** Sends my message to the OA; when that fails, "Gửi lại" beside it tries again. */
async function deliver(row: HTMLElement, id: string, payload: string): Promise<void> {
  try {
    await api("POST", `/sandbox/users/${enc(id)}/send`, { text: payload });
    setMine(row, "sent");
  } catch {
    setMine(row, "failed");
    stopWaiting();
    const retry = el("button", "retry", "Gửi lại");
    retry.type = "button";
    retry.addEventListener("click", () => {
      if (id !== current) return;
      setMine(row, "sending");
      startWaiting();
      void deliver(row, id, payload);
    });
    row.append(retry);
  }
}

// ---- seen receipts ------------------------------------------------------------------------------------

function markSeen(): void {
  if (!current) return;
  if (document.visibilityState !== "visible") {
    seenPending = true;
    return;
  }
  seenPending = false;
  api("POST", `/sandbox/users/${enc(current)}/seen`).catch(() => {
    seenPending = true;
  });
}
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible" && seenPending && ready) markSeen();
});

// ---- users --------------------------------------------------------------------------------------------

function newId(): string {
  const digits = Array.from(crypto.getRandomValues(new Uint8Array(17)), (b) => String(b % 10)).join("");
  return `77${digits}`;
}

function renderUsers(): void {
  const known = new Set(users.map((u) => u.id));
  const rows = [
    ...users.map((u) => ({ id: u.id, label: `${u.name}${u.following ? " — đang quan tâm" : ""}` })),
    ...created.filter((id) => !known.has(id)).map((id) => ({ id, label: `Người dùng mới …${id.slice(-4)}` })),
  ];
  if (current && !rows.some((r) => r.id === current)) rows.push({ id: current, label: `Người dùng …${current.slice(-4)}` });
  const key = JSON.stringify(rows);
  if (key !== optionsKey) {
    optionsKey = key;
    ui.user.replaceChildren(
      ...rows.map((r) => {
        const o = el("option", "", r.label);
        o.value = r.id;
        return o;
      }),
    );
  }
  if (ui.user.value !== current) ui.user.value = current;
}

async function refreshUsers(): Promise<void> {
  const list = await api("GET", "/sandbox/oa/users");
  users = Array.isArray(list)
    ? list
        .filter((u): u is { id: string; name?: unknown; following?: unknown } => !!u && typeof u.id === "string")
        .map((u) => ({ id: u.id, name: String(u.name ?? u.id), following: u.following === true }))
    : [];
  renderUsers();
  const me = users.find((u) => u.id === current);
  const now = !!(me && me.following);
  if (now !== following && !followBusy) {
    following = now;
    showFollowing();
  }
}

function showFollowing(): void {
  ui.follow.textContent = following ? "Bỏ quan tâm" : "Quan tâm";
  ui.follow.classList.toggle("btn--primary", !following);
  ui.hint.hidden = following;
  ui.text.disabled = !following;
  ui.send.disabled = !following;
  ui.text.placeholder = following ? "Nhập tin nhắn…" : "Bấm Quan tâm để nhắn tin";
  if (following && ui.status.classList.contains("status--error") && !connectionLost) setStatus("");
}

async function selectUser(id: string): Promise<void> {
  epoch++;
  const mine = epoch;
  current = id;
  ready = false;
  loading = true;
  shown = new Set();
  lastWho = "";
  stopWaiting();
  ui.log.replaceChildren();
  intro();
  saveLastUser(id);
  const url = new URL(location.href);
  url.searchParams.set("user", id);
  history.replaceState(null, "", url);
  renderUsers();
  const me = users.find((u) => u.id === id);
  following = !!(me && me.following);
  showFollowing();

  let list: unknown = null;
  try {
    list = await api("GET", `/sandbox/messages?user_id=${enc(id)}`);
  } catch {
    // the poll will report the connection and fill the history once the server answers
  }
  if (mine !== epoch) return;
  loading = false;
  const items = [
    ...(Array.isArray(list) ? list : []).filter(isMessageRow).map((m) => ({ ...fromOa(m), key: m.message_id })),
    ...mineOf(id).map((m) => ({ who: "me" as const, text: m.text, time: m.time, key: "" })),
  ].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  for (const item of items) {
    if (item.key) shown.add(item.key);
    const row = render(item);
    if (item.who === "me") {
      row.dataset.time = item.time;
      setMine(row, "sent");
    }
    ui.log.append(row);
  }
  toBottom();
  ready = Array.isArray(list);
  if (shown.size) markSeen();
}

// ---- polling ------------------------------------------------------------------------------------------

async function poll(): Promise<void> {
  const mine = epoch;
  const id = current;
  try {
    if (id && !ready && !loading) {
      await selectUserHistoryRetry(mine);
    } else if (id) {
      const list = await api("GET", `/sandbox/messages?user_id=${enc(id)}`);
      if (mine === epoch && ready && Array.isArray(list)) {
        const fresh = list.filter(isMessageRow).filter((m) => !shown.has(m.message_id));
        if (fresh.length) {
          const stick = nearBottom();
          for (const m of fresh) {
            shown.add(m.message_id);
            ui.log.append(render(fromOa(m)));
          }
          if (stick) toBottom();
          stopWaiting();
          markSeen();
        }
      }
    }
    if (++tick % USERS_EVERY === 0) await refreshUsers();
    if (connectionLost) {
      connectionLost = false;
      setStatus("");
    }
  } catch {
    connectionLost = true;
    clearTimeout(waitTimer);
    setStatus("Không kết nối được với máy chủ. Đang thử lại…", "error");
  } finally {
    window.setTimeout(() => void poll(), POLL_MS);
  }
}

/** The first load of a history failed (server down): try again from the poll. */
async function selectUserHistoryRetry(mine: number): Promise<void> {
  await api("GET", "/health");
  if (mine === epoch && !ready && !loading) await selectUser(current);
}

// ---- controls -----------------------------------------------------------------------------------------

ui.form.addEventListener("submit", (e) => {
  e.preventDefault();
  const text = ui.text.value.trim();
  if (!text) return;
  ui.text.value = "";
  void send(text);
});

ui.user.addEventListener("change", () => {
  if (ID_RE.test(ui.user.value)) void selectUser(ui.user.value);
});

ui.newUser.addEventListener("click", async () => {
  const id = newId();
  created = [...created, id].slice(-20);
  saveCreatedIds(created);
  await selectUser(id);
  setStatus("Đã tạo người dùng mới.");
  ui.follow.focus();
});

ui.follow.addEventListener("click", async () => {
  if (followBusy || !current) return;
  const id = current;
  const want = !following;
  followBusy = true;
  ui.follow.setAttribute("aria-busy", "true");
  try {
    await api("POST", `/sandbox/users/${enc(id)}/${want ? "follow" : "unfollow"}`);
    if (id === current) {
      following = want;
      showFollowing();
      if (want) {
        setStatus("");
        startWaiting();
      } else {
        setStatus("Bạn đã bỏ quan tâm.");
      }
    }
  } catch {
    setStatus("Chưa làm được. Hãy thử lại.", "error");
  } finally {
    followBusy = false;
    ui.follow.removeAttribute("aria-busy");
  }
  refreshUsers().catch(() => {});
});

// ---- start --------------------------------------------------------------------------------------------

void (async () => {
  try {
    await refreshUsers();
  } catch {
    setStatus("Không kết nối được với máy chủ. Đang thử lại…", "error");
    connectionLost = true;
  }
  const asked = new URL(location.href).searchParams.get("user");
  const pick = [asked, lastUser()].find((x): x is string => typeof x === "string" && ID_RE.test(x)) ?? users[0]?.id ?? newId();
  if (!users.some((u) => u.id === pick) && !created.includes(pick)) {
    created = [...created, pick].slice(-20);
    saveCreatedIds(created);
  }
  await selectUser(pick);
  window.setTimeout(() => void poll(), POLL_MS);
})();
