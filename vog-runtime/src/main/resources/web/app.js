"use strict";
// The auditor's page: polls the detector's own JSON API (same origin, nothing loaded from elsewhere).
(() => {
  const REFRESH_MS = 2000;
  const LIMIT = 60;
  const $ = (id) => document.getElementById(id);
  const state = { model: "", cls: "", tab: "recent", models: new Set(), classes: new Set(), first: true, current: () => true };

  const fmt = (v, digits) => (typeof v === "number" ? v.toFixed(digits) : "–");
  const time = (iso) => (iso ? new Date(iso).toLocaleTimeString() : "–");
  const enc = encodeURIComponent;

  function query(params) {
    const q = Object.entries(params).filter(([, v]) => v !== "" && v !== undefined).map(([k, v]) => `${k}=${enc(v)}`);
    return q.length ? `?${q.join("&")}` : "";
  }

  async function getJson(path) {
    const r = await fetch(path, { headers: { Accept: "application/json" } });
    const body = await r.json().catch(() => null);
    if (!r.ok) {
      throw new Error(body && body.error ? body.error : `${path}: HTTP ${r.status}`);
    }
    return body;
  }

  function setStatus(text, error) {
    $("status").textContent = text;
    $("status").classList.toggle("error", !!error);
  }

  function remember(entries) {
    let changed = false;
    for (const e of entries) {
      if (e.model && !state.models.has(e.model)) { state.models.add(e.model); changed = true; }
      if (Number.isInteger(e.predicted_class) && !state.classes.has(e.predicted_class)) { state.classes.add(e.predicted_class); changed = true; }
    }
    if (changed) fillFilters();
  }

  function fillSelect(select, values, current) {
    const wanted = ["", ...values.map(String)];
    const have = [...select.options].map((o) => o.value);
    if (wanted.join("\u0000") === have.join("\u0000")) return;
    select.replaceChildren(...wanted.map((v) => {
      const o = document.createElement("option");
      o.value = v;
      o.textContent = v === "" ? "all" : v;
      return o;
    }));
    select.value = wanted.includes(current) ? current : "";
  }

  function fillFilters() {
    fillSelect($("model"), [...state.models].sort(), state.model);
    fillSelect($("class"), [...state.classes].sort((a, b) => a - b), state.cls);
  }

  function image(src, alt, cls) {
    const img = document.createElement("img");
    img.src = src;
    img.alt = alt;
    img.loading = "lazy";
    if (cls) img.className = cls;
    return img;
  }

  // the input as the store keeps it (images up to 64x64): float32 little-endian, base64, drawn in the page
  function drawInput(input) {
    if (!input || input.dtype !== "float32") return null;
    const shape = input.shape;
    const [h, w] = shape.slice(-2);
    const channels = shape.length === 3 ? shape[0] : 1;
    const bytes = Uint8Array.from(atob(input.data), (c) => c.charCodeAt(0));
    const view = new DataView(bytes.buffer);
    const at = (i) => Math.max(0, Math.min(255, Math.round(view.getFloat32(4 * i, true) * 255)));
    const canvas = document.createElement("canvas");
    canvas.width = w;
    canvas.height = h;
    canvas.className = "input";
    const ctx = canvas.getContext("2d");
    const img = ctx.createImageData(w, h);
    for (let p = 0; p < h * w; p++) {
      const r = at(p);
      img.data[4 * p] = r;
      img.data[4 * p + 1] = channels === 3 ? at(h * w + p) : r;
      img.data[4 * p + 2] = channels === 3 ? at(2 * h * w + p) : r;
      img.data[4 * p + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    return canvas;
  }

  // the same fixed scale as the detector's heatmap.png: 0 to 6 class spreads, dark purple to pale yellow
  const SCALE_MAX = 6;
  const ANCHORS = [[0, 0, 4], [87, 16, 110], [188, 55, 84], [249, 142, 9], [252, 255, 164]];
  function colour(t) {
    const pos = t * (ANCHORS.length - 1);
    const i = Math.min(ANCHORS.length - 2, Math.floor(pos));
    const f = pos - i;
    return ANCHORS[i].map((a, k) => Math.round(a + f * (ANCHORS[i + 1][k] - a)));
  }

  // the heatmap over the input in gray, each pixel coloured by the cell that pooled it (VogMapGrid:
  // cells of ceil(side / 32) pixels); null when the map is not a grid over this image
  function drawHeatmap(input, heatmap) {
    const canvas = drawInput(input);
    if (!canvas || !heatmap || input.shape.length !== 3) return null;
    const [h, w] = input.shape.slice(-2);
    const [rows, cols] = heatmap.shape;
    const kh = Math.ceil(h / 32);
    const kw = Math.ceil(w / 32);
    if (Math.ceil(h / kh) !== rows || Math.ceil(w / kw) !== cols) return null;
    const ctx = canvas.getContext("2d");
    const img = ctx.getImageData(0, 0, w, h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const p = 4 * (y * w + x);
        const gray = Math.round(0.299 * img.data[p] + 0.587 * img.data[p + 1] + 0.114 * img.data[p + 2]);
        const t = Math.min(1, Math.max(0, heatmap.values[Math.floor(y / kh) * cols + Math.floor(x / kw)] / SCALE_MAX));
        const c = colour(t);
        const a = 0.75 * t;
        for (let k = 0; k < 3; k++) img.data[p + k] = Math.round((1 - a) * gray + a * c[k]);
      }
    }
    ctx.putImageData(img, 0, 0);
    canvas.className = "heatmap";
    return canvas;
  }

  function fields(pairs) {
    const dl = document.createElement("dl");
    for (const [name, value, cls] of pairs) {
      const dt = document.createElement("dt");
      dt.textContent = name;
      const dd = document.createElement("dd");
      dd.textContent = value;
      if (cls) dd.className = cls;
      dl.append(dt, dd);
    }
    return dl;
  }

  function card(a) {
    const li = document.createElement("li");
    li.className = state.first ? "card" : "card new";
    li.dataset.eventId = a.event_id;
    li.dataset.class = a.predicted_class;
    li.dataset.model = a.model || "";
    const images = document.createElement("div");
    images.className = "images";
    const base = `alerts/${enc(a.event_id)}`;
    // model and class let the detector find the alert however many others came since
    const where = query({ model: a.model, class: a.predicted_class });
    images.append(image(`${base}/input.png${where}`, `input of ${a.event_id}`, "input"),
      image(`${base}/heatmap.png${where}`, `heatmap of ${a.event_id}`, "heatmap"));
    li.append(images, fields([
      ["event", a.event_id],
      ["model", a.model || "–"],
      ["class", String(a.predicted_class)],
      ["ood_score", fmt(a.ood_score, 3), "score"],
      ["percentile", fmt(a.ood_percentile, 2)],
      ["VoG", fmt(a.vog, 4)],
      ["model set", a.model_set || "–"],
      ["time", time(a.event_time)],
    ]));
    return li;
  }

  async function refreshRecent() {
    const current = state.current;
    const alerts = await getJson(`alerts/recent${query({ limit: LIMIT, model: state.model, class: state.cls })}`);
    if (!current()) return "";
    remember(alerts);
    const list = $("alerts");
    const ids = alerts.map((a) => a.event_id);
    // rebuild only when the list changed, so images are not fetched again every poll
    if (ids.join("\u0000") !== [...list.children].map((li) => li.dataset.eventId).join("\u0000")) {
      const old = new Map([...list.children].map((li) => [li.dataset.eventId, li]));
      list.replaceChildren(...alerts.map((a) => old.get(a.event_id) || card(a)));
    }
    $("empty").hidden = alerts.length > 0;
    state.first = false;
    return `${alerts.length} recent alert${alerts.length === 1 ? "" : "s"}`;
  }

  async function refreshHardest() {
    const table = $("hardest-table");
    const empty = $("hardest-empty");
    const model = state.model || [...state.models].sort()[0];
    if (!model) {
      table.hidden = true;
      empty.hidden = false;
      empty.firstElementChild.textContent = "No model seen yet: the hardest examples appear once events have been scored.";
      return "no model yet";
    }
    const path = state.cls === "" ? `models/${enc(model)}/hardest` : `models/${enc(model)}/classes/${enc(state.cls)}/hardest`;
    const current = state.current;
    const rows = await getJson(`${path}${query({ limit: 25 })}`);
    if (!current()) return "";
    rows.forEach((r) => { r.model = r.model || model; });
    remember(rows);
    const body = table.tBodies[0];
    body.replaceChildren(...rows.map((r, i) => {
      const tr = document.createElement("tr");
      tr.dataset.eventId = r.event_id;
      const cells = [String(i + 1), null, null, String(r.predicted_class), fmt(r.ood_score, 3), fmt(r.ood_percentile, 2),
        fmt(r.vog, 4), r.model_set || "–", r.event_id, time(r.event_time)];
      cells.forEach((text, k) => {
        const td = document.createElement("td");
        if (k === 1) {
          const canvas = drawInput(r.input);
          if (canvas) td.append(canvas);
        } else if (k === 2) {
          // only alerts keep their heatmap; drawn here from the entry, which outlives the recent-alerts store
          const canvas = r.ood ? drawHeatmap(r.input, r.heatmap) : null;
          if (canvas) td.append(canvas);
          else td.textContent = "–";
        } else {
          td.textContent = text;
        }
        tr.append(td);
      });
      return tr;
    }));
    table.hidden = rows.length === 0;
    empty.hidden = rows.length > 0;
    empty.firstElementChild.textContent = `No scored event of model ${model}${state.cls === "" ? "" : ", class " + state.cls} in the window yet.`;
    return `${rows.length} hardest of ${model}${state.cls === "" ? "" : " class " + state.cls}`;
  }

  async function refreshModels() {
    try {
      const models = await getJson("models");
      remember(models.map((m) => ({ model: m.model })));
      for (const m of models) {
        for (let c = 0; Number.isInteger(m.classes) && c < m.classes; c++) state.classes.add(c);
      }
      fillFilters();
    } catch (e) {
      // an older detector without GET /models: the filters fill from what the alerts show
    }
  }

  let timer = null;
  let asked = 0;
  async function refresh() {
    clearTimeout(timer);
    // an answer to a question asked before the filters changed is not drawn
    const mine = ++asked;
    state.current = () => mine === asked;
    try {
      const what = state.tab === "recent" ? await refreshRecent() : await refreshHardest();
      if (mine === asked) setStatus(`${what} · updated ${new Date().toLocaleTimeString()}`);
    } catch (e) {
      if (mine === asked) setStatus(`cannot reach the detector: ${e.message}`, true);
    }
    if (mine === asked && $("live").checked) timer = setTimeout(refresh, REFRESH_MS);
  }

  function showTab(tab) {
    state.tab = tab;
    for (const name of ["recent", "hardest"]) {
      $(name).hidden = name !== tab;
      $(`tab-${name}`).classList.toggle("active", name === tab);
      $(`tab-${name}`).setAttribute("aria-pressed", String(name === tab));
    }
    refresh();
  }

  $("model").addEventListener("change", (e) => { state.model = e.target.value; refresh(); });
  $("class").addEventListener("change", (e) => { state.cls = e.target.value; refresh(); });
  $("live").addEventListener("change", refresh);
  $("tab-recent").addEventListener("click", () => showTab("recent"));
  $("tab-hardest").addEventListener("click", () => showTab("hardest"));
  refreshModels().then(refresh);
})();
