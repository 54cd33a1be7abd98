/**
 * The page's own script, inlined after uPlot: it reads the chart data from the JSON block and draws
 * the two charts, resizing them with the window (print shrinks them through CSS). It touches the DOM
 * only through uPlot and `textContent`, so outside text never reaches it as markup; the CSP admits
 * it by hash.
 * Plain ES2020 (no build step, no module): Chromium's test runs it as the file ships.
 */

/** Runs before uPlot reads `devicePixelRatio`: canvases at twice the pixels at least, so charts stay sharp on paper. */
export const PRELUDE = `(function () {
  var ratio = Math.max(2, window.devicePixelRatio || 1);
  try { Object.defineProperty(window, "devicePixelRatio", { configurable: true, get: function () { return ratio; } }); } catch (e) {}
})();`;

export const DRAW = `(function () {
  "use strict";
  var source = document.getElementById("omrecon-chart-data");
  if (!source || typeof uPlot !== "function") return;
  var data = JSON.parse(source.textContent);
  var charts = [];
  var FONT = "11px system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
  var GRID = { stroke: "#e5e7eb", width: 1 };
  var TICKS = { stroke: "#d1d5db", width: 1, size: 4 };

  function widthOf(el) { return Math.max(260, Math.min(el.clientWidth || 600, 760)); }
  function exact(series) {
    return function (u, v, si, i) { return i == null ? series.idle : series.exact[i] == null ? "—" : series.exact[i]; };
  }
  function short(v) {
    var a = Math.abs(v);
    if (a >= 1e6) return (v / 1e6).toFixed(a >= 1e7 ? 0 : 1) + "M";
    if (a >= 1e3) return (v / 1e3).toFixed(a >= 1e4 ? 0 : 1) + "k";
    return String(Math.round(v * 1000) / 1000);
  }
  function upTo(values) {
    var max = 0;
    for (var i = 0; i < values.length; i++) if (values[i] != null && values[i] > max) max = values[i];
    return max > 0 ? max * 1.12 : 1;
  }
  function indexAxis(labels) {
    var longest = labels.reduce(function (n, l) { return Math.max(n, l.length); }, 0);
    return {
      font: FONT, grid: { show: false }, ticks: TICKS, incrs: [1, 2, 3, 5, 7, 10, 14, 28], space: Math.max(36, longest * 7 + 8),
      values: function (u, splits) {
        return splits.map(function (v) { return Number.isInteger(v) && labels[v] != null ? labels[v] : ""; });
      }
    };
  }
  function valueAxis(scale, side, label) {
    return {
      scale: scale, side: side, font: FONT, labelFont: FONT, label: label, labelSize: 16, size: 52,
      grid: side === 1 ? { show: false } : GRID, ticks: TICKS,
      values: function (u, splits) { return splits.map(short); }
    };
  }
  function draw(id, options, columns) {
    var el = document.getElementById(id);
    if (!el) return;
    options.width = widthOf(el);
    options.height = 230;
    options.cursor = { drag: { x: false, y: false }, points: { size: 7 } };
    options.legend = { live: true };
    charts.push({ el: el, chart: new uPlot(options, columns, el) });
  }

  var d = data.daily;
  var n = d.days.length;
  var dayIndex = d.days.map(function (_, i) { return i; });
  var dayLabels = d.days.map(function (day, i) { return day.slice(5) + (d.partial[i] ? "*" : ""); });
  draw("chart-daily", {
    scales: {
      x: { time: false, range: function () { return [-0.5, n - 0.5]; } },
      ton: { range: function () { return [0, upTo(d.billed.values.concat(d.received.values, d.balance.values))]; } }
    },
    axes: [indexAxis(dayLabels), valueAxis("ton", 3, "TON")],
    series: [
      { label: "day", value: function (u, v) { return v == null ? "the period" : d.days[v] + (d.partial[v] ? " (partial)" : ""); } },
      { label: "billed", scale: "ton", stroke: "#1d4ed8", fill: "rgba(37, 99, 235, 0.28)", width: 1,
        paths: uPlot.paths.bars({ size: [0.62, 56] }), points: { show: false }, value: exact(d.billed) },
      { label: "received on chain", scale: "ton", stroke: "#047857", width: 2, points: { show: true, size: 6 },
        value: exact(d.received) },
      { label: "paid from balance", scale: "ton", stroke: "#b45309", width: 2, dash: [6, 4],
        points: { show: true, size: 6 }, value: exact(d.balance) }
    ]
  }, [dayIndex, d.billed.values, d.received.values, d.balance.values]);

  var h = data.history;
  var k = h.runs.length;
  draw("chart-history", {
    scales: {
      x: { time: false, range: function () { return [-0.5, Math.max(k, 1) - 0.5]; } },
      n: { range: function () { return [0, upTo(h.open)]; } },
      ton: { range: function () { return [0, upTo(h.stake.values)]; } }
    },
    axes: [
      indexAxis(h.labels.map(function (label, i) { return h.status[i] === "done" ? label : "✕ " + label; })),
      valueAxis("n", 3, "open findings"),
      valueAxis("ton", 1, "TON at stake")
    ],
    series: [
      { label: "run", value: function (u, v) {
          return v == null ? "latest" : h.runs[v] == null ? "—" : "run " + h.runs[v] + ", " + h.at[v] + (h.status[v] === "done" ? "" : " (" + h.status[v] + ")");
        } },
      { label: "open findings", scale: "n", stroke: "#7c3aed", fill: "rgba(124, 58, 237, 0.25)", width: 1,
        paths: uPlot.paths.bars({ size: [0.55, 40] }), points: { show: false },
        value: function (u, v, si, i) { return i == null ? h.openIdle : v == null ? "—" : String(v); } },
      { label: "TON at stake", scale: "ton", stroke: "#dc2626", width: 2, points: { show: true, size: 6 },
        spanGaps: false, value: exact(h.stake) }
    ]
  }, [h.runs.map(function (_, i) { return i; }), h.open, h.stake.values]);

  var pending = false;
  function resize() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () {
      pending = false;
      charts.forEach(function (c) {
        var w = widthOf(c.el);
        if (w !== c.chart.width) c.chart.setSize({ width: w, height: c.chart.height });
      });
    });
  }
  window.addEventListener("resize", resize);
  document.documentElement.classList.add("charts-drawn");
})();`;
