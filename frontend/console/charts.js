// Charts from the vendored uPlot (static/vendor/uplot, no network): each chart is a figure with a caption and
// the same numbers in a table, so screen-reader and keyboard users get every figure the picture shows.

import { h } from "/static/mall/dom.js";
import uPlot from "/static/vendor/uplot/uPlot.esm.js";
import { formatNumber } from "./i18n.js";

// Colours with at least 3:1 contrast on white, told apart by line style too (never colour alone).
const SERIES_STYLES = [
  { stroke: "#1f3a5f", width: 2 },
  { stroke: "#b4580b", width: 2, dash: [8, 4] },
  { stroke: "#2e7d32", width: 2, dash: [2, 3] },
];

function chartTable(caption, labels, series, categoryLabel, format) {
  return h("table", { class: "chart-table" },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, categoryLabel), series.map((item) => h("th", { scope: "col" }, item.label)))),
    h("tbody", {}, labels.map((label, index) => h("tr", {}, h("th", { scope: "row" }, label),
      series.map((item) => h("td", {}, item.values[index] == null ? "—" : format(item.values[index])))))));
}

/** The figure of a chart: the picture (drawn by `options(width)` once in the page) and its table. */
function chartFigure(caption, labels, series, categoryLabel, options, format = formatNumber) {
  const plot = h("div", { class: "chart", "aria-hidden": "true" });
  const figure = h("figure", { class: "chart-figure" }, plot,
    h("div", { class: "table-wrap" }, chartTable(caption, labels, series, categoryLabel, format)));
  const draw = () => {
    if (!plot.isConnected) {
      window.requestAnimationFrame(draw);
      return;
    }
    new uPlot(options(Math.max(280, plot.clientWidth)),
      [labels.map((_, index) => index), ...series.map((item) => item.values.map((value) => (value == null ? null : Number(value))))],
      plot);
  };
  window.requestAnimationFrame(draw);
  return figure;
}

function categoryAxes(labels, format) {
  return [{ values: (_, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? labels[tick] ?? "" : "")) },
    { values: (_, ticks) => ticks.map((tick) => format(tick)), size: 70 }];
}

/**
 * A line chart of numbers by category (months). `labels` name the x positions, `series` is [{label, values}]
 * (a null value is a gap), `categoryLabel` names the x axis, `format` writes a value (whole numbers by default).
 * Returns the figure; the chart is drawn once the figure is in the page.
 */
export function lineChart(caption, labels, series, categoryLabel = "", format = formatNumber) {
  return chartFigure(caption, labels, series, categoryLabel, (width) => ({
    width, height: 260,
    scales: { x: { time: false } },
    axes: categoryAxes(labels, format),
    series: [{ label: categoryLabel, value: (_, index) => labels[index] ?? "" }, ...series.map((item, index) => ({
      label: item.label, ...SERIES_STYLES[index % SERIES_STYLES.length], points: { size: 7 } }))],
  }), format);
}

/** A bar chart of one series of whole numbers by category (partners, categories), same figure and table. */
export function barChart(caption, labels, series, categoryLabel = "") {
  const bars = uPlot.paths.bars({ size: [0.6, 80] });
  return chartFigure(caption, labels, [series], categoryLabel, (width) => ({
    width, height: 260,
    scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: (_, min, max) => [0, Math.max(1, max) * 1.1] } },
    axes: categoryAxes(labels, formatNumber),
    series: [{ label: categoryLabel, value: (_, index) => labels[index] ?? "" },
      { label: series.label, stroke: SERIES_STYLES[0].stroke, fill: "rgba(31, 58, 95, 0.55)", paths: bars, points: { show: false } }],
  }));
}
