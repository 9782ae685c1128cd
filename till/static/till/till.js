/* The sell screen of the till. Works the same online and offline: the store's products and the
   member list live in IndexedDB on this device (refreshed in the background), a paid sale is
   written to the IndexedDB queue first (so a power cut after payment loses nothing) and sent
   to tillSaleCreate in order, one tab at a time (Web Locks), each with the id the device gave
   it: the server records a sale once however often it is sent. No library, no CDN. */
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("till-config").textContent);
  const text = JSON.parse(document.getElementById("till-text").textContent);
  const $ = (id) => document.getElementById(id);
  const DB_NAME = "kasir-" + config.slug;
  const LAYOUTS = { i5p5: [5, 5, false], i4p6: [4, 6, false], i5w5: [5, 5, true] };
  const SALE = `mutation($input: TillSaleInput!) { tillSaleCreate(input: $input) {
    created sale { number total { amount } change { amount } } errors { code message } } }`;
  const MEMBER = `query($code: String!) { tillMember(code: $code) { name number eligible reason } }`;

  const rupiah = (n) => "Rp" + Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const digits = (s) => parseInt(String(s || "").replace(/[^0-9]/g, ""), 10) || 0;
  const csrf = () => (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || config.csrf;

  // -- IndexedDB ------------------------------------------------------------------------------
  let dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        const open = indexedDB.open(DB_NAME, 1);
        open.onupgradeneeded = () => {
          open.result.createObjectStore("kv");
          open.result.createObjectStore("queue", { keyPath: "seq", autoIncrement: true });
        };
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
    }
    return dbPromise;
  }
  async function tx(store, mode, work) {
    const handle = await db();
    return new Promise((resolve, reject) => {
      const t = handle.transaction(store, mode);
      const result = work(t.objectStore(store));
      t.oncomplete = () => resolve(result && "result" in result ? result.result : result);
      t.onerror = () => reject(t.error);
    });
  }
  const kvGet = (key) => tx("kv", "readonly", (s) => s.get(key));
  const kvPut = (key, value) => tx("kv", "readwrite", (s) => s.put(value, key));
  const queueAll = () => tx("queue", "readonly", (s) => s.getAll());
  const queueAdd = (item) => tx("queue", "readwrite", (s) => s.add(item));
  const queuePut = (item) => tx("queue", "readwrite", (s) => s.put(item));
  const queueDelete = (seq) => tx("queue", "readwrite", (s) => s.delete(seq));

  // -- what the device knows ------------------------------------------------------------------
  let catalog = null, byBarcode = new Map(), bySku = new Map(), members = null;
  let memberByNumber = new Map(), memberById = new Map();

  function useCatalog(data) {
    catalog = data;
    byBarcode = new Map(); bySku = new Map();
    for (const row of data.rows) {
      const v = { id: row[0], sku: row[1], barcode: row[2], name: row[3], price: row[4],
                  memberPrice: row[5] };
      if (v.barcode) byBarcode.set(v.barcode, v);
      bySku.set(v.sku.toUpperCase(), v);
    }
    showAges();
  }
  function useMembers(data) {
    members = data;
    memberByNumber = new Map(); memberById = new Map();
    for (const row of data.rows) {
      const m = { id: row[0], number: row[1], name: row[2], eligible: row[3], reason: row[4] };
      memberByNumber.set(m.number.toUpperCase(), m);
      memberById.set(m.id, m);
    }
    showAges();
  }
  function age(madeAt) {
    if (!madeAt) return text.none;
    return Math.max(0, Math.round((Date.now() - Date.parse(madeAt)) / 60000)) + " " + text.ago;
  }
  function showAges() {
    $("catalog-age").textContent = catalog ? age(catalog.madeAt) : text.none;
    $("members-age").textContent = members ? age(members.madeAt) : text.none;
  }
  async function refresh() {
    try {
      const url = config.catalog + "?location=" + config.location;
      const [products, list] = await Promise.all([
        fetch(url, { credentials: "same-origin" }).then((r) => { if (!r.ok) throw r; return r.json(); }),
        fetch(config.members, { credentials: "same-origin" }).then((r) => { if (!r.ok) throw r; return r.json(); }),
      ]);
      await kvPut("catalog", products); await kvPut("members", list);
      useCatalog(products); useMembers(list);
    } catch (e) { /* offline: keep what the device has */ }
  }

  // -- finding what was scanned ---------------------------------------------------------------
  function ean13ok(code) {
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += parseInt(code[i], 10) * (i % 2 ? 3 : 1);
    return (10 - (sum % 10)) % 10 === parseInt(code[12], 10);
  }
  function find(code) {
    code = code.trim();
    if (!code || !catalog) return null;
    const found = byBarcode.get(code) || bySku.get(code.toUpperCase());
    if (found) return { v: found };
    const layout = LAYOUTS[catalog.layout];
    if (layout && /^2\d{12}$/.test(code) && ean13ok(code)) {
      const [item, size, weight] = layout;
      const v = byBarcode.get(code.slice(0, 2 + item));
      if (v) {
        const value = parseInt(code.slice(2 + item, 2 + item + size), 10);
        return { v, embedded: weight ? Math.round(v.price * value / 1000) : value, barcode: code };
      }
    }
    return null;
  }
  function search(words) {
    const wanted = words.toLowerCase().split(/\s+/).filter(Boolean);
    const found = [];
    for (const v of bySku.values()) {
      const name = v.name.toLowerCase();
      if (wanted.every((w) => name.includes(w))) found.push(v);
      if (found.length >= 8) break;
    }
    return found;
  }

  // -- the sale on screen ---------------------------------------------------------------------
  let cart = [], member = null, payments = [], method = null, current = null;

  function unitPrice(line) {
    if (line.embedded != null) return line.embedded;
    if (member && member.eligible && line.v.memberPrice != null) return line.v.memberPrice;
    return line.v.price;
  }
  const live = () => cart.filter((l) => !l.voided);
  const total = () => live().reduce((sum, l) => sum + unitPrice(l) * l.quantity, 0);
  const paid = () => payments.reduce((sum, p) => sum + p.amount, 0);

  function add(hit) {
    const same = cart.find((l) => !l.voided && l.v === hit.v && l.embedded == null && hit.embedded == null);
    if (same) same.quantity += 1;
    else cart.push({ v: hit.v, quantity: 1, embedded: hit.embedded, barcode: hit.barcode || "", voided: false });
    render();
  }
  function render() {
    const body = $("cart").tBodies[0];
    body.textContent = "";
    cart.forEach((line) => {
      if (line.voided) return;
      const row = body.insertRow();
      row.dataset.sku = line.v.sku;
      const price = unitPrice(line);
      const isMember = line.embedded == null && price !== line.v.price;
      row.insertCell().innerHTML = `<span></span><br><small class="${isMember ? "member-price" : ""}">${rupiah(price)}</small>`;
      row.cells[0].firstChild.textContent = line.v.name;
      const qty = row.insertCell();
      qty.innerHTML = `<span class="qty"><button type="button" class="secondary" aria-label="-">−</button><strong data-qty>${line.quantity}</strong><button type="button" class="secondary" aria-label="+">+</button></span>`;
      const [minus, plus] = qty.querySelectorAll("button");
      minus.onclick = () => { line.quantity = Math.max(1, line.quantity - 1); render(); };
      plus.onclick = () => { line.quantity += 1; render(); };
      const amount = row.insertCell();
      amount.className = "num";
      amount.textContent = rupiah(price * line.quantity);
      const voidCell = row.insertCell();
      const voidButton = document.createElement("button");
      voidButton.type = "button"; voidButton.className = "danger"; voidButton.textContent = "✕";
      voidButton.setAttribute("aria-label", text.void + " " + line.v.name);
      voidButton.onclick = () => { line.voided = true; render(); };
      voidCell.appendChild(voidButton);
    });
    $("total").textContent = rupiah(total());
    $("total").dataset.total = total();
    const savings = live().reduce((s, l) => s + (l.v.price - unitPrice(l)) * l.quantity * (l.embedded == null ? 1 : 0), 0);
    $("savings").textContent = savings > 0 ? text.saved + ": " + rupiah(savings) : "";
    $("remaining").textContent = rupiah(Math.max(0, total() - paid()));
    $("paid-list").innerHTML = "";
    for (const p of payments) {
      const li = document.createElement("li");
      li.textContent = ({ cash: text.paidCash, card: text.paidCard, qris: text.paidQris })[p.method] + ": " + rupiah(p.amount);
      $("paid-list").appendChild(li);
    }
  }
  function scan() {
    const input = $("scan");
    const code = input.value;
    input.value = "";
    $("scan-error").textContent = "";
    $("results").textContent = "";
    const hit = find(code);
    if (hit) { add(hit); input.focus(); return; }
    const found = code.trim().length >= 3 ? search(code) : [];
    if (!found.length) { $("scan-error").textContent = text.notFound + ": " + code; input.focus(); return; }
    for (const v of found) {
      const b = document.createElement("button");
      b.type = "button"; b.className = "secondary";
      b.textContent = v.name + " · " + rupiah(v.price);
      b.onclick = () => { add({ v }); $("results").textContent = ""; input.focus(); };
      $("results").appendChild(b);
    }
    $("results").firstChild.focus();
  }

  // -- members --------------------------------------------------------------------------------
  async function cardMemberId(token) {
    // The card's token is Django's signed, compressed JSON ({"m": member id}); offline the
    // device reads the id and checks it against the member list (the server checks the
    // signature when the sale arrives).
    try {
      let body = token.split(":")[0];
      const compressed = body.startsWith(".");
      if (compressed) body = body.slice(1);
      const bytes = Uint8Array.from(atob(body.replace(/-/g, "+").replace(/_/g, "/") + "==".slice(0, (4 - body.length % 4) % 4)), (c) => c.charCodeAt(0));
      let json;
      if (compressed) {
        const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
        json = await new Response(stream).text();
      } else json = new TextDecoder().decode(bytes);
      return JSON.parse(json).m;
    } catch (e) { return null; }
  }
  async function identify() {
    const code = $("member").value.trim();
    if (!code) { member = null; $("member-info").textContent = ""; render(); return; }
    let found = null;
    if (navigator.onLine) {
      try {
        const body = await gql(MEMBER, { code });
        if (body.data && body.data.tillMember) found = body.data.tillMember;
        else if (body.errors) { $("member-info").textContent = body.errors[0].message; member = null; render(); return; }
      } catch (e) { found = null; }
    }
    if (!found && members) {
      const fresh = Date.parse(members.expiresAt) > Date.now();
      const local = code.includes(":") ? memberById.get(await cardMemberId(code)) : memberByNumber.get(code.toUpperCase());
      if (local) found = { name: local.name, number: local.number, eligible: local.eligible && fresh, reason: fresh ? local.reason : text.listOld };
    }
    member = found;
    $("member-info").textContent = found ? `${found.name} (${found.number}) · ${found.eligible ? text.memberPrices : found.reason}` : text.noMember;
    $("member").value = found ? found.number : code;
    render();
    $("scan").focus();
  }

  // -- paying ---------------------------------------------------------------------------------
  function openPay(kind) {
    if (!live().length) { $("scan").focus(); return; }
    method = kind;
    const left = total() - paid();
    $("pay-form").hidden = false;
    $("qris").hidden = kind !== "qris";
    $("approval-box").hidden = kind !== "card";
    $("change-line").hidden = kind !== "cash";
    $("pay-title").textContent = ({ cash: text.paidCash, card: text.paidCard, qris: text.paidQris })[kind];
    $("pay-amount-label").textContent = kind === "cash" ? text.cashGiven : "Rp";
    $("pay-amount").value = kind === "cash" ? "" : String(left);
    $("change").textContent = rupiah(0);
    $("pay-amount").focus();
  }
  async function confirmPay(event) {
    event.preventDefault();
    const left = total() - paid();
    const given = digits($("pay-amount").value);
    if (given <= 0) return;
    if (method === "card" && !$("approval").value.trim()) { $("scan-error").textContent = text.approvalNeeded; return; }
    const part = Math.min(given, left);
    payments.push({ method, amount: part, tendered: method === "cash" ? given : null,
                    approvalCode: $("approval").value.trim() });
    $("approval").value = "";
    $("pay-form").hidden = true;
    if (paid() >= total()) await finish(); else render();
  }
  async function finish() {
    const change = payments.reduce((s, p) => s + (p.tendered ? p.tendered - p.amount : 0), 0);
    const input = {
      shift: config.shift, clientId: crypto.randomUUID(), deviceId: await deviceId(),
      soldAt: new Date().toISOString(), offline: !navigator.onLine,
      member: member ? member.number : null,
      lines: cart.map((l) => ({ variant: l.v.id, quantity: l.quantity, unitPrice: unitPrice(l),
                                voided: l.voided, barcode: l.barcode || null })),
      payments: payments.map((p) => ({ method: p.method.toUpperCase(), amount: p.amount,
                                       tendered: p.tendered, approvalCode: p.approvalCode || null })),
    };
    await queueAdd({ input, state: "waiting" });  // kept before anything else can fail
    current = input.clientId;
    $("done").innerHTML = `<p>${text.change}: <strong id="change-given">${rupiah(change)}</strong></p><p id="sale-state">${text.queued}</p>`;
    cart = []; payments = []; member = null; $("member").value = ""; $("member-info").textContent = "";
    render();
    $("scan").focus();
    sync();
  }
  async function deviceId() {
    let id = await kvGet("deviceId");
    if (!id) { id = crypto.randomUUID(); await kvPut("deviceId", id); }
    return id;
  }

  // -- sending --------------------------------------------------------------------------------
  function gql(query, variables) {
    return fetch(config.graphql, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf(), "X-Cooperative": config.slug },
      body: JSON.stringify({ query, variables }),
    }).then((r) => r.json());
  }
  let syncing = false;
  async function sync() {
    if (syncing || !navigator.onLine) { showWaiting(); return; }
    syncing = true;
    try {
      const run = async () => {
        for (const item of await queueAll()) {
          if (item.state === "failed") continue;
          let body;
          try { body = await gql(SALE, { input: item.input }); } catch (e) { break; }  // offline again
          const result = body.data && body.data.tillSaleCreate;
          if (result && result.sale) {
            await queueDelete(item.seq);
            const state = $("sale-state");
            if (state && item.input.clientId === current) {
              state.innerHTML = `${text.sent} ${result.sale.number} · <a class="button" id="receipt-link" href="${config.receipt.replace("NUMBER", result.sale.number)}">${text.receipt}</a>`;
            }
          } else if (result && result.errors && result.errors.length) {
            // Refused for what it holds (never for being sent twice): kept, shown, skipped.
            item.state = "failed";
            item.error = result.errors.map((e) => e.message).join("; ");
            await queuePut(item);
          } else {
            break;  // signed out, a timeout, a server error: it waits and is sent again later
          }
        }
      };
      if (navigator.locks) await navigator.locks.request(DB_NAME + "-sync", run); else await run();
    } finally { syncing = false; showWaiting(); }
  }
  async function showWaiting() {
    const items = await queueAll();
    $("waiting").textContent = items.filter((i) => i.state !== "failed").length;
    const failed = items.filter((i) => i.state === "failed");
    if (failed.length) $("waiting").textContent += ` (${text.failed}: ${failed.length})`;
    const list = $("failed");
    list.textContent = "";
    for (const item of failed) {  // kept on the device for the manager to see
      const li = document.createElement("li");
      li.textContent = `${item.input.soldAt.slice(0, 16).replace("T", " ")} · ${item.error || text.failed}`;
      list.appendChild(li);
    }
  }
  function showNet() {
    $("net").textContent = navigator.onLine ? text.online : text.offline;
    $("net").classList.toggle("off", !navigator.onLine);
  }

  // -- start ----------------------------------------------------------------------------------
  $("scan").addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); scan(); } });
  $("scan-go").onclick = scan;
  $("member").addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); identify(); } });
  $("member-go").onclick = identify;
  document.querySelectorAll("[data-pay]").forEach((b) => { b.onclick = () => openPay(b.dataset.pay); });
  $("pay-form").addEventListener("submit", confirmPay);
  $("pay-amount").addEventListener("input", () => {
    if (method === "cash") $("change").textContent = rupiah(Math.max(0, digits($("pay-amount").value) - (total() - paid())));
  });
  $("clear").onclick = () => { cart = []; payments = []; member = null; $("member").value = ""; $("member-info").textContent = ""; $("pay-form").hidden = true; render(); $("scan").focus(); };
  $("close-link").addEventListener("click", async (event) => {
    // Closing counts the sales the server has: send the waiting ones first.
    event.preventDefault();
    await sync();
    const waiting = (await queueAll()).filter((i) => i.state !== "failed").length;
    if (!waiting || window.confirm(text.stillWaiting)) window.location = event.target.href;
  });
  window.addEventListener("online", () => { showNet(); refresh(); sync(); });
  window.addEventListener("offline", showNet);
  showNet();

  (async () => {
    const [products, list] = await Promise.all([kvGet("catalog"), kvGet("members")]);
    if (products) useCatalog(products);
    if (list) useMembers(list);
    // Warm: sell at once with what the device has and refresh behind; cold: wait for it.
    if (navigator.onLine) { if (products && list) refresh(); else await refresh(); }
    render();
    showWaiting();
    sync();
    setInterval(() => { showAges(); sync(); }, 15000);
    if (navigator.storage && navigator.storage.persist) {
      navigator.storage.persist().then((kept) => { if (kept) $("storage").textContent = text.stored; });
    }
    if ("serviceWorker" in navigator) {
      try {
        await navigator.serviceWorker.register(config.sw, { scope: config.scope });
        const cache = await caches.open(DB_NAME);
        await cache.addAll([location.pathname, document.querySelector("script[src*='till.js']").getAttribute("src")]);
      } catch (e) { /* an old browser: the till still works while online */ }
    }
    document.body.dataset.ready = "1";
  })();
})();
