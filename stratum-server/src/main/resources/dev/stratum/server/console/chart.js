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
