"use strict";
// Chat with the OA through the sandbox's HTTP API. Every text shown (the user's and the OA's) goes through
// textContent, never innerHTML; links are followed only when they are http(s).
(() => {
  const OA_NAME = "Chuyển đổi số quốc gia";
  const POLL_MS = 700;
  const USERS_EVERY = 4; // refresh the user list (names, following) every 4th poll
  const WAIT_MS = 12_000;
  const ID_RE = /^[0-9A-Za-z_-]{1,40}$/;
  const CREATED_KEY = "ksc-chat:created";
  const LAST_KEY = "ksc-chat:last-user";
  const mineKey = (id) => `ksc-chat:mine:${id}`;

  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const ui = {
    user: /** @type {HTMLSelectElement} */ ($("user")),
    follow: /** @type {HTMLButtonElement} */ ($("follow")),
    newUser: /** @type {HTMLButtonElement} */ ($("new-user")),
    log: $("log"),
    hint: $("hint"),
    status: $("status"),
    form: /** @type {HTMLFormElement} */ ($("composer")),
    text: /** @type {HTMLInputElement} */ ($("text")),
    send: /** @type {HTMLButtonElement} */ ($("send")),
  };

  const read = (storage, key, fallback) => {
    try {
      const v = storage.getItem(key);
      return v ? JSON.parse(v) : fallback;
    } catch {
      return fallback;
    }
  };
  const write = (storage, key, value) => {
    try {
      storage.setItem(key, JSON.stringify(value));
    } catch {
      // private mode or full: the page still works, it just forgets
    }
  };

  /** @type {{id: string, name: string, following: boolean}[]} */
  let users = [];
  /** Ids made with "Tạo người dùng mới" that the sandbox may not know yet (it learns them on the first action). */
  let created = read(localStorage, CREATED_KEY, []).filter((x) => typeof x === "string" && ID_RE.test(x));
  let current = "";
  let following = false;
  let epoch = 0; // bumped on every switch of user: answers for the previous user are dropped
  let ready = false; // the current user's history is on screen
  let loading = false; // the current user's history is being fetched
  let shown = new Set(); // OA message ids on screen
  let lastWho = "";
  let seenPending = false;
  let followBusy = false;
  let waitTimer = 0;
  let connectionLost = false;
  let tick = 0;
  let optionsKey = "";

  const enc = encodeURIComponent;

  async function api(method, path, body) {
    /** @type {RequestInit} */
    const init = { method, headers: {}, cache: "no-store" };
    if (body !== undefined) {
      init.headers = { "content-type": "application/json" };
      init.body = JSON.stringify(body);
    }
    const res = await fetch(path, init);
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status}`);
    return res.json();
  }

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function clock(iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? "" : d.toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit" });
  }

  function safeUrl(raw) {
    if (typeof raw !== "string") return null;
    try {
      const u = new URL(raw, location.href);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch {
      return null;
    }
  }

  // ---- status line -------------------------------------------------------------------------------------

  function setStatus(text, kind) {
    ui.status.textContent = text;
    ui.status.className = `status${kind ? ` status--${kind}` : ""}`;
  }

  function startWaiting() {
    clearTimeout(waitTimer);
    if (!connectionLost) setStatus(`${OA_NAME} đang trả lời`, "typing");
    waitTimer = window.setTimeout(stopWaiting, WAIT_MS);
  }

  function stopWaiting() {
    clearTimeout(waitTimer);
    waitTimer = 0;
    if (ui.status.classList.contains("status--typing")) setStatus("");
  }

  // ---- messages ------------------------------------------------------------------------------------------

  /** A message of GET /sandbox/messages → what to show. */
  function fromOa(m) {
    const msg = (m && typeof m.message === "object" && m.message) || {};
    const payload = (msg.attachment && typeof msg.attachment.payload === "object" && msg.attachment.payload) || {};
    let text = typeof msg.text === "string" ? msg.text : "";
    if (!text && Array.isArray(payload.elements)) {
      text = payload.elements.map((e) => (e && typeof e.title === "string" ? e.title : "")).filter(Boolean).join("\n");
    }
    return { who: "oa", text, buttons: Array.isArray(payload.buttons) ? payload.buttons : [], time: String(m.time ?? "") };
  }

  function renderButtons(buttons) {
    const box = el("div", "actions");
    for (const b of buttons) {
      if (!b || typeof b.title !== "string" || !b.title) continue;
      if ((b.type === "oa.query.hide" || b.type === "oa.query.show") && typeof b.payload === "string" && b.payload) {
        const btn = el("button", "action", b.title);
        btn.type = "button";
        // As in Zalo: the OA receives the payload as the user's text; the user's bubble shows the title.
        btn.addEventListener("click", () => void send(b.payload, b.title));
        box.append(btn);
        continue;
      }
      let href = null;
      let hint = "";
      if (b.type === "oa.open.url") {
        href = safeUrl(b.payload && b.payload.url);
        hint = " (mở trong thẻ mới)";
      } else if (b.type === "oa.open.phone" && b.payload && typeof b.payload.phone_code === "string") {
        const phone = b.payload.phone_code.replace(/[^0-9+]/g, "");
        href = phone ? `tel:${phone}` : null;
      } else if (b.type === "oa.open.sms" && b.payload && typeof b.payload.phone_code === "string") {
        const phone = b.payload.phone_code.replace(/[^0-9+]/g, "");
        href = phone ? `sms:${phone}?body=${enc(String(b.payload.content ?? ""))}` : null;
      }
      if (!href) continue;
      const a = el("a", "action");
      a.href = href;
      if (b.type === "oa.open.url") {
        a.target = "_blank";
        a.rel = "noopener noreferrer";
      }
      const label = el("span", "", b.title);
      if (hint) {
        const icon = el("span", "action__icon", "↗");
        icon.setAttribute("aria-hidden", "true");
        label.append(icon, el("span", "sr-only", hint));
      }
      a.append(label);
      box.append(a);
    }
    return box.childElementCount ? box : null;
  }

  function render(item) {
    const row = el("div", `msg msg--${item.who}`);
    if (item.who === "oa" && lastWho !== "oa") {
      const av = el("span", "msg__avatar", "CĐS");
      av.setAttribute("aria-hidden", "true");
      row.append(av);
    }
    const bubble = el("div", "bubble");
    bubble.append(el("span", "sr-only", item.who === "oa" ? `${OA_NAME}: ` : "Bạn: "));
    if (item.text) bubble.append(el("p", "bubble__text", item.text));
    const actions = item.buttons && item.buttons.length ? renderButtons(item.buttons) : null;
    if (actions) bubble.append(actions);
    const meta = el("p", "msg__meta", clock(item.time));
    row.append(bubble, meta);
    lastWho = item.who;
    return row;
  }

  function nearBottom() {
    return ui.log.scrollHeight - ui.log.scrollTop - ui.log.clientHeight < 120;
  }

  function toBottom() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function setMine(row, state) {
    const meta = row.querySelector(".msg__meta");
    row.classList.toggle("msg--failed", state === "failed");
    row.querySelector(".retry")?.remove();
    const time = row.dataset.time ? clock(row.dataset.time) : "";
    const word = state === "sending" ? "Đang gửi…" : state === "failed" ? "Chưa gửi được" : "Đã gửi";
    if (meta) meta.textContent = time ? `${time} · ${word}` : word;
  }

  function intro() {
    const note = el(
      "p",
      "note",
      "Bản xem thử: tin nhắn chỉ đi qua Zalo giả lập trên máy chủ này, không gửi qua Zalo thật.",
    );
    ui.log.append(note);
  }

  // ---- what the user sent (the sandbox keeps only the OA's side, so the page remembers the user's) ----------

  const mineOf = (id) => read(sessionStorage, mineKey(id), []).filter((m) => m && typeof m.text === "string");
  function remember(id, text, time) {
    const list = mineOf(id);
    list.push({ text, time });
    write(sessionStorage, mineKey(id), list.slice(-300));
  }

  async function send(payload, label) {
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
    try {
      await api("POST", `/sandbox/users/${enc(id)}/send`, { text: payload });
      setMine(row, "sent");
    } catch {
      setMine(row, "failed");
      stopWaiting();
      const retry = el("button", "retry", "Gửi lại");
      retry.type = "button";
      retry.addEventListener("click", async () => {
        if (id !== current) return;
        setMine(row, "sending");
        startWaiting();
        try {
          await api("POST", `/sandbox/users/${enc(id)}/send`, { text: payload });
          setMine(row, "sent");
        } catch {
          setMine(row, "failed");
          stopWaiting();
          row.append(retry);
        }
      });
      row.append(retry);
    }
  }

  // ---- seen receipts ------------------------------------------------------------------------------------

  function markSeen() {
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

  function newId() {
    const digits = Array.from(crypto.getRandomValues(new Uint8Array(17)), (b) => String(b % 10)).join("");
    return `77${digits}`;
  }

  function renderUsers() {
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

  async function refreshUsers() {
    const list = await api("GET", "/sandbox/oa/users");
    users = Array.isArray(list)
      ? list.filter((u) => u && typeof u.id === "string").map((u) => ({ id: u.id, name: String(u.name ?? u.id), following: u.following === true }))
      : [];
    renderUsers();
    const me = users.find((u) => u.id === current);
    const now = !!(me && me.following);
    if (now !== following && !followBusy) {
      following = now;
      showFollowing();
    }
  }

  function showFollowing() {
    ui.follow.textContent = following ? "Bỏ quan tâm" : "Quan tâm";
    ui.follow.classList.toggle("btn--primary", !following);
    ui.hint.hidden = following;
    ui.text.disabled = !following;
    ui.send.disabled = !following;
    ui.text.placeholder = following ? "Nhập tin nhắn…" : "Bấm Quan tâm để nhắn tin";
    if (following && ui.status.classList.contains("status--error") && !connectionLost) setStatus("");
  }

  async function selectUser(id) {
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
    write(localStorage, LAST_KEY, id);
    const url = new URL(location.href);
    url.searchParams.set("user", id);
    history.replaceState(null, "", url);
    renderUsers();
    const me = users.find((u) => u.id === id);
    following = !!(me && me.following);
    showFollowing();

    let list = null;
    try {
      list = await api("GET", `/sandbox/messages?user_id=${enc(id)}`);
    } catch {
      // the poll will report the connection and fill the history once the server answers
    }
    if (mine !== epoch) return;
    loading = false;
    const items = [
      ...(Array.isArray(list) ? list : []).filter((m) => m && typeof m.message_id === "string").map((m) => ({ ...fromOa(m), key: m.message_id })),
      ...mineOf(id).map((m) => ({ who: "me", text: m.text, time: m.time, key: "" })),
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

  async function poll() {
    const mine = epoch;
    const id = current;
    try {
      if (id && !ready && !loading) {
        await selectUserHistoryRetry(mine);
      } else if (id) {
        const list = await api("GET", `/sandbox/messages?user_id=${enc(id)}`);
        if (mine === epoch && ready && Array.isArray(list)) {
          const fresh = list.filter((m) => m && typeof m.message_id === "string" && !shown.has(m.message_id));
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
      window.setTimeout(poll, POLL_MS);
    }
  }

  /** The first load of a history failed (server down): try again from the poll. */
  async function selectUserHistoryRetry(mine) {
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
    write(localStorage, CREATED_KEY, created);
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

  (async () => {
    try {
      await refreshUsers();
    } catch {
      setStatus("Không kết nối được với máy chủ. Đang thử lại…", "error");
      connectionLost = true;
    }
    const asked = new URL(location.href).searchParams.get("user");
    const last = read(localStorage, LAST_KEY, null);
    const pick = [asked, last].find((x) => typeof x === "string" && ID_RE.test(x)) ?? users[0]?.id ?? newId();
    if (!users.some((u) => u.id === pick) && !created.includes(pick)) {
      created = [...created, pick].slice(-20);
      write(localStorage, CREATED_KEY, created);
    }
    await selectUser(pick);
    window.setTimeout(poll, POLL_MS);
  })();
})();
