/* newsgraph dashboard: charts, network and the extract box. Text from the data is always
   inserted with textContent (never as HTML); the only HTML inserted is the article markup the
   server builds with every character escaped. */
"use strict";
const newsgraph = (() => {
  const api = async (path, params) => {
    const url = new URL(path, window.location.origin);
    for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") url.searchParams.append(k, v);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${path}: ${response.status}`);
    return response.json();
  };
  const cell = (row, value) => { const td = document.createElement("td"); td.textContent = value ?? ""; row.appendChild(td); return td; };
  const goldsteinColour = (g) => {  // conflict (−) red … cooperation (+) green
    const m = (Math.max(-1, Math.min(1, (g || 0) / 6)) + 1) / 2;
    const mix = (a, b) => Math.round(a + (b - a) * m);
    return `rgb(${mix(192, 46)},${mix(57, 139)},${mix(43, 87)})`;
  };

  function timelineChart(canvas, params) {
    return api("/api/timeline", params).then((rows) => new Chart(canvas, {
      type: "line",
      data: {
        labels: rows.map((r) => r.period.slice(0, 10)),
        datasets: [
          { label: "cooperation", data: rows.map((r) => r.cooperation), borderColor: "#2e8b57", tension: 0.2 },
          { label: "conflict", data: rows.map((r) => r.conflict), borderColor: "#c0392b", tension: 0.2 },
          { label: "Goldstein (sum)", data: rows.map((r) => r.goldstein_sum), borderColor: "#2f5aa8", yAxisID: "g", borderDash: [4, 3] },
        ],
      },
      options: { animation: false, scales: { g: { position: "right", grid: { drawOnChartArea: false } } } },
    }));
  }

  function overview() {
    const country = document.getElementById("timeline").dataset.country;
    timelineChart(document.getElementById("timeline"), { period: "month", country });
    api("/api/types", { country }).then((rows) => new Chart(document.getElementById("types"), {
      type: "bar",
      data: { labels: rows.map((r) => r.type),
              datasets: [{ label: "events", data: rows.map((r) => r.events),
                           backgroundColor: rows.map((r) => (r.quad_class >= 3 ? "#c0392b" : "#2e8b57")) }] },
      options: { animation: false, indexAxis: "y", plugins: { legend: { display: false } } },
    }));
  }

  function network() {
    const form = document.getElementById("network-form");
    const draw = () => {
      const params = Object.fromEntries(new FormData(form).entries());
      api("/api/network", params).then((data) => {
        const max = Math.max(1, ...data.edges.map((e) => e.events));
        const elements = [
          ...data.nodes.map((n) => ({ data: { id: n.id, label: n.id, weight: n.events } })),
          ...data.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, events: e.events,
                                                  colour: goldsteinColour(e.goldstein_mean), width: 1 + 7 * e.events / max } })),
        ];
        const cy = cytoscape({
          container: document.getElementById("network"), elements,
          style: [
            { selector: "node", style: { label: "data(label)", "font-size": 11, width: "mapData(weight, 1, 60, 14, 46)",
                                         height: "mapData(weight, 1, 60, 14, 46)", "background-color": "#2f5aa8", color: "#1d2330" } },
            { selector: "edge", style: { width: "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
                                         "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.8 } },
          ],
          layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000 },
        });
        const by = params.by || "country";
        cy.on("tap", "edge", (evt) => {
          const d = evt.target.data();
          window.location.href = `/dyad?source=${encodeURIComponent(d.source)}&target=${encodeURIComponent(d.target)}`;
        });
        cy.on("tap", "node", (evt) => {
          if (by === "actor") window.location.href = `/actor/${encodeURIComponent(evt.target.id())}`;
          else window.location.href = `/events?country=${encodeURIComponent(evt.target.id())}`;
        });
        document.getElementById("network").dataset.ready = String(data.nodes.length);
      });
    };
    form.addEventListener("submit", (e) => { e.preventDefault(); draw(); });
    draw();
  }

  function dyad() {
    const canvas = document.getElementById("dyad-chart");
    const { source, target } = canvas.dataset;
    Promise.all([api("/api/timeline", { source, target, period: "month" }),
                 api("/api/timeline", { source: target, target: source, period: "month" })]).then(([ab, ba]) => {
      const labels = [...new Set([...ab, ...ba].map((r) => r.period.slice(0, 10)))].sort();
      const series = (rows) => labels.map((l) => (rows.find((r) => r.period.slice(0, 10) === l) || {}).goldstein_sum ?? 0);
      new Chart(canvas, { type: "bar", data: { labels, datasets: [
        { label: `${source} → ${target} (Goldstein)`, data: series(ab), backgroundColor: "#2f5aa8" },
        { label: `${target} → ${source} (Goldstein)`, data: series(ba), backgroundColor: "#d97706" }] },
        options: { animation: false } });
    });
  }

  function actor() {
    const canvas = document.getElementById("actor-chart");
    const name = canvas.dataset.actor;
    Promise.all([api("/api/timeline", { source: name, period: "month", modality: "all" }),
                 api("/api/timeline", { target: name, period: "month", modality: "all" })]).then(([did, got]) => {
      const labels = [...new Set([...did, ...got].map((r) => r.period.slice(0, 10)))].sort();
      const series = (rows) => labels.map((l) => (rows.find((r) => r.period.slice(0, 10) === l) || {}).events ?? 0);
      new Chart(canvas, { type: "bar", data: { labels, datasets: [
        { label: "did", data: series(did), backgroundColor: "#2f5aa8" },
        { label: "done to it", data: series(got), backgroundColor: "#d97706" }] }, options: { animation: false } });
    });
  }

  function extract(maxChars) {
    const form = document.getElementById("extract-form");
    const text = document.getElementById("extract-text");
    const error = document.getElementById("extract-error");
    document.getElementById("extract-file").addEventListener("change", (e) => {
      const file = e.target.files[0];
      if (!file) return;
      if (file.size > maxChars * 4) { error.textContent = `${file.name}: too large (the limit is ${maxChars} characters)`; return; }
      file.text().then((t) => { text.value = t; error.textContent = ""; });
    });
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      error.textContent = "";
      if (!text.value.trim()) { error.textContent = "Paste an article first."; return; }
      if (text.value.length > maxChars) { error.textContent = `The article is ${text.value.length} characters; the limit is ${maxChars}.`; return; }
      const body = { text: text.value, save: document.getElementById("extract-save").checked };
      const published = document.getElementById("extract-published").value;
      if (published) body.published = published;
      const response = await fetch("/api/extract", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      const data = await response.json();
      if (!response.ok) {
        const detail = Array.isArray(data.detail) ? data.detail.map((d) => d.msg).join("; ") : data.detail;
        error.textContent = `Not extracted: ${detail}`;
        return;
      }
      document.getElementById("extract-result").hidden = false;
      document.getElementById("extract-marked").innerHTML = data.html;  // built and escaped by the server
      const fill = (id, rows) => { const body = document.getElementById(id); body.replaceChildren();
        for (const values of rows) { const tr = document.createElement("tr"); values.forEach((v) => cell(tr, v)); body.appendChild(tr); } };
      const r = data.record;
      fill("extract-events", r.events.map((ev) => [ev.type || ev.cameo_name, `${ev.source ? ev.source.name : "?"} → ${ev.target ? ev.target.name : "—"}`, ev.modality, ev.date || ""]));
      fill("extract-quotes", r.quotes.map((qt) => [qt.kind, qt.speaker ? qt.speaker.name : "unknown", qt.text]));
      const places = document.getElementById("extract-places"); places.replaceChildren();
      for (const p of r.places) { const li = document.createElement("li"); li.textContent = `${p.name} ${p.country || ""}`; places.appendChild(li); }
      if (data.saved) { const li = document.createElement("p"); li.className = "muted"; li.textContent = "Saved into the store."; document.getElementById("extract-marked").prepend(li); }
    });
  }

  return { overview, network, dyad, actor, extract };
})();
