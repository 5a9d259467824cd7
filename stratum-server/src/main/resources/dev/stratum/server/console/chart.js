// Two small SVG charts drawn by hand: a stacked share bar (how a whole splits into parts) and vertical bars (one
// number per version). Colours come from CSS classes, so the stylesheet decides the palette.

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

/**
 * A horizontal bar split into parts: [{name, value}] with a legend of counts and shares. Nothing is drawn for an
 * empty whole; the caller says why.
 */
export function shareBar(parts, { width = 320, height = 18, label = '' } = {}) {
  const total = parts.reduce((sum, p) => sum + p.value, 0);
  const root = svg('svg', {
    class: 'chart share', width, height: height + 20, viewBox: `0 0 ${width} ${height + 20}`, role: 'img',
    'aria-label': label,
  });
  if (total <= 0) {
    return root;
  }
  let x = 0;
  parts.forEach((part, i) => {
    const w = (part.value / total) * width;
    const rect = svg('rect', { x, y: 0, width: Math.max(w, 0), height, class: `part part-${i} part-${part.name}` });
    rect.append(svg('title', {}, `${part.name}: ${part.value} (${Math.round((100 * part.value) / total)}%)`));
    root.append(rect);
    x += w;
  });
  let legendX = 0;
  parts.forEach((part, i) => {
    if (part.value === 0) {
      return;
    }
    const text = `${part.name} ${Math.round((100 * part.value) / total)}%`;
    root.append(svg('rect', { x: legendX, y: height + 6, width: 10, height: 10, class: `part part-${i} part-${part.name}` }));
    root.append(svg('text', { x: legendX + 14, y: height + 15, class: 'legend' }, text));
    legendX += 22 + text.length * 6.5;
  });
  return root;
}

/** Vertical bars, one per [{name, value}], scaled from 0 to the largest value (or 1 for shares). */
export function bars(items, { width = 420, height = 140, label = '', max } = {}) {
  const top = max ?? Math.max(1e-9, ...items.map((i) => i.value));
  const root = svg('svg', {
    class: 'chart bars', width, height: height + 34, viewBox: `0 0 ${width} ${height + 34}`, role: 'img',
    'aria-label': label,
  });
  const slot = width / Math.max(items.length, 1);
  const barWidth = Math.min(48, slot * 0.7);
  items.forEach((item, i) => {
    const h = (Math.max(item.value, 0) / top) * height;
    const x = i * slot + (slot - barWidth) / 2;
    const rect = svg('rect', { x, y: height - h + 14, width: barWidth, height: h, class: 'bar' });
    rect.append(svg('title', {}, `${item.name}: ${item.value}`));
    root.append(rect);
    root.append(svg('text', { x: x + barWidth / 2, y: height - h + 10, class: 'value', 'text-anchor': 'middle' },
      Number.isInteger(item.value) ? item.value : item.value.toFixed(3)));
    root.append(svg('text', { x: x + barWidth / 2, y: height + 28, class: 'legend', 'text-anchor': 'middle' },
      item.name));
  });
  return root;
}

const PAD = { left: 44, right: 12, top: 12, bottom: 34 };

function formatTick(value, format) {
  if (format === 'percent') {
    return `${Math.round(value * 100)}%`;
  }
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/**
 * Lines over a numeric x axis (epoch milliseconds for time, or any number): series = [{name, points: [{x, y,
 * label}]}]. Each point is a circle with a tooltip (its <title>) and data-x / data-y attributes, so tests and
 * screen readers read the same numbers as the chart shows. y runs from 0 to yMax (or the largest y).
 */
export function lineChart(series, {
  width = 360, height = 150, label = '', yMax, yFormat = 'number', xFormat = (x) => String(x), name = '', xDomain,
} = {}) {
  const points = series.flatMap((s) => s.points);
  const root = svg('svg', {
    class: 'chart line', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label,
    'data-chart': name,
  });
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const top = yMax ?? Math.max(1e-9, ...points.map((p) => p.y));
  const xs = points.map((p) => p.x);
  // A time chart spans the interval asked for, not just the intervals that had data.
  const xMin = xDomain ? xDomain[0] : Math.min(...xs);
  const xMax = xDomain ? xDomain[1] : Math.max(...xs);
  const xAt = (x) => PAD.left + (xMax === xMin ? plotW / 2 : ((x - xMin) / (xMax - xMin)) * plotW);
  const yAt = (y) => PAD.top + plotH - (Math.max(0, y) / top) * plotH;
  root.append(svg('line', { x1: PAD.left, y1: PAD.top + plotH, x2: PAD.left + plotW, y2: PAD.top + plotH,
    class: 'axis' }));
  root.append(svg('line', { x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: PAD.top + plotH, class: 'axis' }));
  for (const tick of [0, top / 2, top]) {
    root.append(svg('text', { x: PAD.left - 4, y: yAt(tick) + 4, class: 'legend', 'text-anchor': 'end' },
      formatTick(tick, yFormat)));
  }
  if (points.length === 0) {
    root.append(svg('text', { x: PAD.left + plotW / 2, y: PAD.top + plotH / 2, class: 'legend empty',
      'text-anchor': 'middle' }, 'no data yet'));
    return root;
  }
  root.append(svg('text', { x: PAD.left, y: height - 8, class: 'legend' }, xFormat(xMin)));
  if (xMax !== xMin) {
    root.append(svg('text', { x: PAD.left + plotW, y: height - 8, class: 'legend', 'text-anchor': 'end' },
      xFormat(xMax)));
  }
  series.forEach((s, i) => {
    const sorted = s.points.slice().sort((a, b) => a.x - b.x);
    if (sorted.length > 1) {
      root.append(svg('polyline', {
        points: sorted.map((p) => `${xAt(p.x)},${yAt(p.y)}`).join(' '), class: `series series-${i}`,
      }));
    }
    for (const p of sorted) {
      const dot = svg('circle', {
        cx: xAt(p.x), cy: yAt(p.y), r: 3.5, class: `point series-${i}`, 'data-series': s.name, 'data-x': p.x,
        'data-y': p.y,
      });
      dot.append(svg('title', {}, p.label ?? `${s.name}: ${formatTick(p.y, yFormat)}`));
      root.append(dot);
    }
  });
  return root;
}

/**
 * One column per [{name, parts: [{name, value}]}], each split into its parts' shares of the column's whole (a
 * column with no whole is left empty); a legend names the parts. For mixes over time, such as the layers that
 * answered.
 */
export function shareColumns(columns, partNames, { width = 360, height = 150, label = '', name = '' } = {}) {
  const root = svg('svg', {
    class: 'chart columns', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label,
    'data-chart': name,
  });
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(columns.length, 1);
  const barWidth = Math.max(2, Math.min(24, slot * 0.8));
  for (const tick of [0, 0.5, 1]) {
    root.append(svg('text', { x: PAD.left - 4, y: PAD.top + plotH - tick * plotH + 4, class: 'legend',
      'text-anchor': 'end' }, formatTick(tick, 'percent')));
  }
  columns.forEach((column, c) => {
    const total = column.parts.reduce((sum, p) => sum + p.value, 0);
    if (total <= 0) {
      return;
    }
    let y = PAD.top + plotH;
    column.parts.forEach((part) => {
      const h = (part.value / total) * plotH;
      const index = partNames.indexOf(part.name);
      const rect = svg('rect', {
        x: PAD.left + c * slot + (slot - barWidth) / 2, y: y - h, width: barWidth, height: h,
        class: `part part-${index} part-${part.name}`, 'data-column': column.name, 'data-part': part.name,
        'data-value': part.value,
      });
      rect.append(svg('title', {}, `${column.name}: ${part.name} ${part.value} of ${total} `
        + `(${Math.round((100 * part.value) / total)}%)`));
      root.append(rect);
      y -= h;
    });
  });
  let legendX = PAD.left;
  partNames.forEach((part, i) => {
    root.append(svg('rect', { x: legendX, y: height - 16, width: 10, height: 10, class: `part part-${i} part-${part}` }));
    root.append(svg('text', { x: legendX + 14, y: height - 7, class: 'legend' }, part));
    legendX += 24 + part.length * 6.5;
  });
  return root;
}
