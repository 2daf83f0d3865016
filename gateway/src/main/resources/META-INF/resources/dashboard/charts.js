// Hand-written SVG charts: no library, colours from the stylesheet (class s-<STATUS>), a text title for
// screen readers and a data table beside every chart for those who would rather read numbers.
import { h, label, table } from './ui.js';

function legend(keys) {
  return h('ul', { class: 'legend' }, keys.map((key) => h('li', { class: key }, label(key))));
}

function dataTable(caption, rows, keys, name) {
  return h('details', { class: 'data' }, h('summary', {}, 'Show the numbers'),
    table([{ title: name, cell: (r) => r.label }, ...keys.map((k) => ({ title: label(k), num: true, cell: (r) => r.values[k] ?? 0 })),
      { title: 'Total', num: true, cell: (r) => total(r, keys) }], rows, { caption }));
}

const total = (row, keys) => keys.reduce((sum, key) => sum + (row.values[key] ?? 0), 0);

/** Horizontal stacked bars, one row per `{label, values: {KEY: n}}`. */
export function stackedBars({ title, rows, keys, name = 'Country' }) {
  const rowHeight = 26;
  const labelWidth = 70;
  const width = 640;
  const barSpace = width - labelWidth - 50;
  const max = Math.max(1, ...rows.map((r) => total(r, keys)));
  const svg = h('svg', { class: 'chart bars', viewBox: `0 0 ${width} ${rows.length * rowHeight + 6}`, role: 'img', 'aria-label': title },
    h('title', {}, title),
    rows.map((row, i) => {
      const y = i * rowHeight + 3;
      let x = labelWidth;
      const segments = keys.filter((k) => row.values[k]).map((key) => {
        const w = (row.values[key] / max) * barSpace;
        const rect = h('rect', { x, y, width: Math.max(w, 1), height: rowHeight - 8, class: `s-${key}` },
          h('title', {}, `${row.label}: ${row.values[key]} ${label(key).toLowerCase()}`));
        x += w;
        return rect;
      });
      return h('g', {},
        h('text', { x: labelWidth - 8, y: y + rowHeight / 2, 'text-anchor': 'end' }, row.label),
        segments,
        h('text', { x: x + 6, y: y + rowHeight / 2 }, total(row, keys)));
    }));
  return h('figure', { class: 'chart-figure' }, svg, legend(keys), dataTable(title, rows, keys, name));
}

/** Vertical stacked columns over time, one per `{label, values}` bucket, with a y axis. */
export function timeline({ title, rows, keys }) {
  const width = 960;
  const height = 240;
  const left = 36;
  const bottom = 28;
  const plotHeight = height - bottom - 8;
  const max = Math.max(1, ...rows.map((r) => total(r, keys)));
  const step = (width - left - 8) / Math.max(rows.length, 1);
  const barWidth = Math.max(2, step * 0.7);
  const labelEvery = Math.ceil(rows.length / 8);
  const ticks = [...new Set([0, Math.round(max / 2), max])];
  const svg = h('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title },
    h('title', {}, title),
    ticks.map((t) => {
      const y = 8 + plotHeight - (t / max) * plotHeight;
      return h('g', {}, h('line', { x1: left, x2: width - 4, y1: y, y2: y, class: 'axis' }),
        h('text', { x: left - 6, y: y + 4, 'text-anchor': 'end' }, t));
    }),
    rows.map((row, i) => {
      const x = left + i * step + (step - barWidth) / 2;
      let y = 8 + plotHeight;
      const segments = keys.filter((k) => row.values[k]).map((key) => {
        const hgt = (row.values[key] / max) * plotHeight;
        y -= hgt;
        return h('rect', { x, y, width: barWidth, height: Math.max(hgt, 1), class: `s-${key}` },
          h('title', {}, `${row.label}: ${row.values[key]} to ${label(key).toLowerCase()}`));
      });
      return h('g', {}, segments,
        i % labelEvery === 0 ? h('text', { x: x + barWidth / 2, y: height - 8, 'text-anchor': 'middle' }, row.label) : null);
    }));
  return h('figure', { class: 'chart-figure' }, svg, legend(keys), dataTable(title, rows, keys, 'Period'));
}
