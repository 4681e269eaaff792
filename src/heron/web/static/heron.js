/* Heron dashboard: charts (Chart.js, served by Heron from /static/vendor), the dyad explorer's
   period lists, and actor completion. Text from the server is only ever set with textContent,
   or inserted as HTML that the server rendered and escaped. */
"use strict";

(function () {
  const QUADS = {
    "1": ["verbal cooperation", "#7fb3e6"],
    "2": ["material cooperation", "#1d5fa8"],
    "3": ["verbal conflict", "#f0a35e"],
    "4": ["material conflict", "#b3261e"],
  };
  const PALETTE = ["#1d5fa8", "#b3261e", "#2e8b57", "#e08a00", "#7a3fb8", "#00838f", "#c2185b",
    "#6d4c41", "#546e7a", "#9e9d24", "#5c6bc0", "#ef6c00", "#8d6e63", "#26a69a"];
  window.heronCharts = {};

  function readJSON(id) {
    const el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function ready(canvas, chart) {
    window.heronCharts[canvas.id] = chart;
    canvas.dataset.ready = "1";
  }

  /* -- overview: events per week, stacked by quad class or PLOVER type -------------------- */
  function weeklyChart() {
    const canvas = document.getElementById("weekly-chart");
    const data = readJSON("weekly-data");
    if (!canvas || !data || typeof Chart === "undefined") return;
    let chart = null;
    function draw(split) {
      const rows = data[split] || [];
      const weeks = [...new Set(rows.map((r) => r.week))].sort();
      const keys = [...new Set(rows.map((r) => r.key))].sort();
      const datasets = keys.map((key, i) => {
        const counts = weeks.map((w) => {
          const hit = rows.find((r) => r.week === w && r.key === key);
          return hit ? hit.events : 0;
        });
        const quad = split === "quad" ? QUADS[key] : null;
        return {
          label: quad ? quad[0] : key,
          data: counts,
          backgroundColor: quad ? quad[1] : PALETTE[i % PALETTE.length],
          stack: "events",
        };
      });
      if (chart) chart.destroy();
      chart = new Chart(canvas, {
        type: "bar",
        data: { labels: weeks, datasets },
        options: {
          animation: false, responsive: true, maintainAspectRatio: false,
          scales: { x: { stacked: true, title: { display: true, text: "week starting" } },
                    y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
          plugins: { legend: { position: "bottom" } },
        },
      });
      ready(canvas, chart);
    }
    document.querySelectorAll("[data-split]").forEach((button) => {
      button.addEventListener("click", () => {
        document.querySelectorAll("[data-split]").forEach((b) =>
          b.setAttribute("aria-pressed", String(b === button)));
        draw(button.dataset.split);
      });
    });
    draw("quad");
  }

  /* -- dyad explorer: both directions over time; a click lists the period's events -------- */
  function seriesChart() {
    const canvas = document.getElementById("series-chart");
    const s = readJSON("series-data");
    if (!canvas || !s || typeof Chart === "undefined") return;
    const fwd = `${s.actor_query} → ${s.recipient_query}`;
    const back = `${s.recipient_query} → ${s.actor_query}`;
    const datasets = [];
    function line(label, rows, key, color, dashed) {
      datasets.push({
        label, data: rows.map((r) => r[key]), borderColor: color, backgroundColor: color,
        borderDash: dashed ? [6, 4] : [], tension: 0.2, pointRadius: 4, pointHoverRadius: 7,
      });
    }
    if (s.measure === "quad") {
      for (const [k, [name, color]] of Object.entries(QUADS)) {
        const key = name.replace(" ", "_");
        line(`${fwd}: ${name}`, s.forward, key, color, false);
        line(`${back}: ${name}`, s.backward, key, color, true);
      }
    } else {
      const key = s.measure === "count" ? "events" : s.measure;
      line(fwd, s.forward, key, "#1d5fa8", false);
      line(back, s.backward, key, "#b3261e", true);
    }
    const unit = s.unit === "clusters" ? "happenings (event clusters)" : "events";
    const yTitle = { count: unit, goldstein: "mean Goldstein", plover: "mean PLOVER score",
      quad: unit }[s.measure];
    const whole = s.measure === "count" || s.measure === "quad";
    const chart = new Chart(canvas, {
      type: "line",
      data: { labels: s.periods, datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: { y: { beginAtZero: whole, ticks: whole ? { precision: 0 } : {},
                       title: { display: true, text: yTitle } },
                  x: { title: { display: true, text: s.by } } },
        plugins: { legend: { position: "bottom" } },
        onClick: (event, elements) => {
          const hits = chart.getElementsAtEventForMode(event, "index", { intersect: false }, true);
          const index = hits.length ? hits[0].index : (elements[0] && elements[0].index);
          if (index !== undefined) showPeriod(s, s.periods[index]);
        },
      },
    });
    ready(canvas, chart);
    document.querySelectorAll("#series-table a[data-period]").forEach((a) => {
      a.addEventListener("click", (e) => {
        e.preventDefault();
        showPeriod(s, a.dataset.period);
      });
    });
  }

  async function showPeriod(s, period) {
    const box = document.getElementById("period-events");
    if (!box) return;
    const q = new URLSearchParams({ actor: s.actor, recipient: s.recipient, by: s.by, period,
      fragment: "1" });
    box.dataset.period = period;
    box.textContent = "Loading…";
    try {
      const response = await fetch(`/dyads/period?${q}`);
      const html = await response.text();
      if (!response.ok) throw new Error(`${response.status}`);
      box.innerHTML = html; // rendered and escaped by the server's templates
    } catch (err) {
      box.textContent = `Could not load the events of ${period} (${err.message}).`;
    }
  }

  /* -- completion for actor fields ------------------------------------------------------ */
  function completion() {
    const list = document.getElementById("actor-options");
    if (!list) return;
    let timer = null;
    let last = "";
    document.querySelectorAll("input[data-suggest]").forEach((input) => {
      input.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(async () => {
          const q = input.value.trim();
          if (q.length < 2 || q === last) return;
          last = q;
          try {
            const response = await fetch(`/api/actors?${new URLSearchParams({ q })}`);
            if (!response.ok) return;
            const found = await response.json();
            list.replaceChildren(...found.map((s) => {
              const option = document.createElement("option");
              option.value = s.value;
              option.label = [s.label, s.kind, s.events == null ? null : `${s.events} events`]
                .filter(Boolean).join(" · ");
              return option;
            }));
          } catch (err) { /* completion is a convenience: typing still works */ }
        }, 150);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    weeklyChart();
    seriesChart();
    completion();
  });
})();
