// The confusion section of the error-analysis page: a heat map of the out-of-fold confusion matrix, drawn here as
// SVG (rows: the examples' labels, columns: what a model that never saw them predicts; each cell shaded by its share
// of the row), and the label pairs most confused with examples.

import { formatNumber, h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) {
    element.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

/** The matrix as a grid of cells; the shade is a presentation attribute, so the page needs no inline style. */
export function heatMap(labels, counts) {
  const n = labels.length;
  const cell = Math.max(6, Math.min(22, Math.floor(520 / Math.max(n, 1))));
  const margin = Math.min(190, 12 + 6.2 * Math.max(0, ...labels.map((l) => l.length)));
  const size = margin + n * cell + 4;
  // Column names lean right as they rise, so the picture is wider than the grid.
  const width = size + Math.round(margin * 0.55);
  const root = svg('svg', {
    id: 'confusion-map', class: 'chart heatmap', width, height: size, viewBox: `0 0 ${width} ${size}`,
    role: 'img', 'aria-label': 'out-of-fold confusion matrix: rows are labels, columns the predicted labels',
  });
  counts.forEach((row, i) => {
    const total = row.reduce((sum, c) => sum + c, 0);
    row.forEach((count, j) => {
      const share = total > 0 ? count / total : 0;
      const rect = svg('rect', {
        x: margin + j * cell, y: margin + i * cell, width: cell - 1, height: cell - 1,
        class: i === j ? 'cell diagonal' : 'cell', 'fill-opacity': count === 0 ? 0.04 : 0.15 + 0.85 * share,
        'data-row': labels[i], 'data-column': labels[j], 'data-count': count,
      });
      rect.append(svg('title', {}, `${labels[i]} predicted as ${labels[j]}: ${count} of ${total}`));
      root.append(rect);
    });
  });
  if (cell >= 9) {
    labels.forEach((label, i) => {
      const y = margin + i * cell + cell * 0.75;
      root.append(svg('text', { x: margin - 4, y, class: 'legend', 'text-anchor': 'end' }, label));
      const x = margin + i * cell + cell * 0.75;
      root.append(svg('text', { x, y: margin - 4, class: 'legend', transform: `rotate(-60 ${x} ${margin - 4})` },
        label));
    });
  }
  return root;
}

function pair(p) {
  return h('li', { class: 'pair', 'data-pair': `${p.first}|${p.second}` },
    h('strong', {}, `${p.first} ↔ ${p.second}`),
    h('span', { class: 'muted' }, ` ${p.first_as_second} labelled ${p.first} look like ${p.second}, `
      + `${p.second_as_first} the other way`),
    h('ul', { class: 'examples' }, p.examples.map((e) => h('li', {},
      h('q', {}, e.text), h('span', { class: 'muted' },
        ` labelled ${e.label}, predicted ${e.predicted_label} (${formatNumber(e.predicted_probability, 2)})`)))));
}

/** The section's content for GET .../analysis/confusion, or a note while the analysis has nothing to show. */
export function confusionView(summary) {
  if (summary.labels.length === 0) {
    return h('p', { class: 'muted' }, 'Shown once the out-of-fold analysis is ready.');
  }
  return h('div', {},
    h('div', { class: 'heatmap-holder' }, heatMap(summary.labels, summary.counts)),
    h('div', {}, h('h3', {}, 'Most confused pairs'),
      summary.pairs.length === 0
        ? h('p', { class: 'muted' }, 'No label is confused with another.')
        : h('ol', { id: 'confused-pairs' }, summary.pairs.map(pair))));
}
