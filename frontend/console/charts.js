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

/**
 * A line chart of whole numbers by category (months). `labels` name the x positions, `series` is
 * [{label, values}], `categoryLabel` names the x axis. Returns the figure; the chart is drawn once the figure is in the page.
 */
export function lineChart(caption, labels, series, categoryLabel = "") {
  const plot = h("div", { class: "chart", "aria-hidden": "true" });
  const tableView = h("table", { class: "chart-table" },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, categoryLabel), series.map((item) => h("th", { scope: "col" }, item.label)))),
    h("tbody", {}, labels.map((label, index) => h("tr", {}, h("th", { scope: "row" }, label),
      series.map((item) => h("td", {}, formatNumber(item.values[index])))))));
  const figure = h("figure", { class: "chart-figure" }, plot, h("div", { class: "table-wrap" }, tableView));
  const draw = () => {
    if (!plot.isConnected) {
      window.requestAnimationFrame(draw);
      return;
    }
    const options = {
      width: Math.max(280, plot.clientWidth), height: 260,
      scales: { x: { time: false } },
      axes: [{ values: (_, ticks) => ticks.map((tick) => labels[tick] ?? "") },
        { values: (_, ticks) => ticks.map((tick) => formatNumber(tick)), size: 70 }],
      series: [{ label: categoryLabel, value: (_, index) => labels[index] ?? "" }, ...series.map((item, index) => ({
        label: item.label, ...SERIES_STYLES[index % SERIES_STYLES.length], points: { size: 7 } }))],
    };
    new uPlot(options, [labels.map((_, index) => index), ...series.map((item) => item.values.map(Number))], plot);
  };
  window.requestAnimationFrame(draw);
  return figure;
}
