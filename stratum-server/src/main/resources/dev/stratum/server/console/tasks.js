// Tasks overview: per task its examples, predictions, open reviews and current model (GET /v1/tasks/{task}/stats
// and /models), and from /metrics the share answered by each layer, the ODD outcomes and the feedback agreement
// since the server started. Below, each task over time from the store (GET /v1/tasks/{task}/stats/history):
// traffic, the layers that answered, the abstention rate and the accuracy on feedback per interval, and the
// learning curve of its model versions.

import { api } from './api.js';
import { lineChart, shareBar, shareColumns } from './chart.js';
import { errorBox, formatNumber, formatTime, h, show } from './dom.js';

const LAYERS = ['hyperlocal', 'specific', 'general'];

/** Prometheus text exposition into [{name, labels, value}]; comments and malformed lines are skipped. */
export function parseMetrics(text) {
  const samples = [];
  for (const line of (text || '').split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) {
      continue;
    }
    const labels = {};
    for (const pair of (match[2] || '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1]] = pair[2].replace(/\\(.)/g, '$1');
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

function sum(samples, name, task, by) {
  const out = {};
  for (const s of samples) {
    if (s.name === name && s.labels.task === task) {
      out[s.labels[by]] = (out[s.labels[by]] || 0) + s.value;
    }
  }
  return out;
}

function layerMix(samples, task) {
  const counts = sum(samples, 'stratum_predictions_total', task, 'layer');
  const parts = LAYERS.map((name) => ({ name, value: counts[name] || 0 }));
  if (parts.every((p) => p.value === 0)) {
    return h('span', { class: 'muted' }, 'no predictions since the server started');
  }
  return shareBar(parts, { label: `layer mix of ${task}` });
}

function oddOutcomes(samples, task) {
  const counts = sum(samples, 'stratum_odd_checks_total', task, 'action');
  const parts = ['answer', 'fallback', 'abstain', 'review'].map((name) => ({ name, value: counts[name] || 0 }));
  if (parts.every((p) => p.value === 0)) {
    return h('span', { class: 'muted' }, 'no ODD checks (no policy, or no predictions since start)');
  }
  return shareBar(parts, { label: `ODD outcomes of ${task}` });
}

function agreement(samples, task) {
  const gauge = samples.find((s) => s.name === 'stratum_feedback_agreement' && s.labels.task === task);
  return gauge && Number.isFinite(gauge.value) ? `${Math.round(gauge.value * 100)}%` : '–';
}

async function row(task, samples) {
  const enc = encodeURIComponent(task.id);
  try {
    const [stats, models] = await Promise.all([api.stats(task.id), api.models(task.id)]);
    const current = models.find((m) => m.current);
    return h('tr', { 'data-task': task.id },
      h('td', {}, h('strong', {}, task.id), h('div', { class: 'muted' }, `${task.kind}, ${task.labels.length} labels`)),
      h('td', { class: 'num', 'data-field': 'examples' }, formatNumber(stats.examples)),
      h('td', { class: 'num', 'data-field': 'predictions' }, formatNumber(stats.predictions)),
      h('td', { class: 'num', 'data-field': 'open_reviews' },
        h('a', { href: `#/review/${enc}` }, formatNumber(stats.open_reviews))),
      h('td', { 'data-field': 'current_model' }, current
        ? h('a', { href: `#/models/${enc}` }, `v${current.version}`, h('span', { class: 'muted' }, ` ${current.kind}`))
        : h('span', { class: 'muted' }, 'not trained')),
      h('td', {}, samples ? layerMix(samples, task.id) : '–'),
      h('td', {}, samples ? oddOutcomes(samples, task.id) : '–'),
      h('td', { class: 'num' }, samples ? agreement(samples, task.id) : '–'));
  } catch (error) {
    return h('tr', { 'data-task': task.id }, h('td', {}, task.id), h('td', { colspan: 7 }, errorBox(error)));
  }
}

/** The spans a person can pick: interval and how many of them. */
const SPANS = {
  '5m': { bucket: '5m', buckets: 48, text: 'last 4 hours, per 5 minutes' },
  '1h': { bucket: '1h', buckets: 48, text: 'last 48 hours, per hour' },
  '1d': { bucket: '1d', buckets: 30, text: 'last 30 days, per day' },
};
let span = '1h';

function when(iso, bucketSeconds) {
  const time = formatTime(iso);
  return bucketSeconds >= 86400 ? time.slice(0, 10) : time.slice(5, 16);
}

function historyCharts(history) {
  const at = (b) => Date.parse(b.start);
  const xFormat = (x) => when(new Date(x).toISOString(), history.bucket_seconds);
  const width = history.bucket_seconds * 1000;
  const xDomain = [Date.parse(history.from), Date.parse(history.to) - width];
  const buckets = history.buckets;
  // Every interval of the span gets a column, so that quiet hours show as gaps.
  const byStart = new Map(buckets.map((b) => [Date.parse(b.start), b]));
  const allStarts = [];
  for (let t = xDomain[0]; t <= xDomain[1]; t += width) {
    allStarts.push(t);
  }
  const judged = buckets.filter((b) => b.accuracy !== null);
  const layers = [...new Set([...LAYERS, ...buckets.flatMap((b) => Object.keys(b.answered_by_layer))])]
    .filter((l) => buckets.some((b) => b.answered_by_layer[l]));
  const figure = (caption, chart) => h('figure', {}, h('figcaption', {}, caption), chart);
  const curve = history.learning_curve;
  return h('div', { class: 'history-grid' },
    figure('Predictions per interval', lineChart([{
      name: 'predictions',
      points: buckets.map((b) => ({ x: at(b), y: b.predictions,
        label: `${when(b.start, history.bucket_seconds)}: ${b.predictions} predictions` })),
    }], { name: 'traffic', label: 'predictions over time', xFormat, xDomain })),
    figure('Share answered by each layer', shareColumns(allStarts.map((t) => ({
      name: xFormat(t),
      parts: layers.map((l) => ({ name: l, value: (byStart.get(t)?.answered_by_layer[l]) || 0 })),
    })), layers, { name: 'layers', label: 'layer mix over time' })),
    figure('Abstention rate (no label given)', lineChart([{
      name: 'abstention',
      points: buckets.map((b) => ({ x: at(b), y: b.abstention_rate,
        label: `${when(b.start, history.bucket_seconds)}: ${b.withheld} of ${b.predictions} withheld` })),
    }], { name: 'abstention', label: 'abstention rate over time', yMax: 1, yFormat: 'percent', xFormat,
      xDomain })),
    figure('Accuracy estimated from feedback', lineChart([{
      name: 'accuracy',
      points: judged.map((b) => ({ x: at(b), y: b.accuracy,
        label: `${when(b.start, history.bucket_seconds)}: ${b.correct} of ${b.judged} right` })),
    }], { name: 'accuracy', label: 'accuracy on feedback over time', yMax: 1, yFormat: 'percent', xFormat,
      xDomain })),
    figure('Learning curve: accuracy of each version against its examples', lineChart([{
      name: 'learning curve',
      points: curve.map((p) => ({ x: p.examples, y: p.accuracy,
        label: `v${p.version}: ${formatNumber(p.accuracy, 3)} on ${p.examples} examples (${p.state})` })),
    }], { name: 'learning-curve', label: 'learning curve', yMax: 1, yFormat: 'percent',
      xFormat: (x) => `${x} examples` })));
}

function historyTable(history) {
  return h('details', {},
    h('summary', {}, 'The numbers'),
    h('table', { class: 'history' },
      h('thead', {}, h('tr', {}, ['interval', 'predictions', 'by layer', 'withheld', 'judged', 'right']
        .map((c) => h('th', {}, c)))),
      h('tbody', {}, history.buckets.map((b) => h('tr', { 'data-start': b.start },
        h('td', {}, when(b.start, history.bucket_seconds)),
        h('td', { 'data-field': 'predictions' }, String(b.predictions)),
        h('td', { 'data-field': 'layers' }, Object.entries(b.answered_by_layer).map(([l, n]) => `${l} ${n}`)
          .join(', ')),
        h('td', { 'data-field': 'withheld' }, String(b.withheld)),
        h('td', { 'data-field': 'judged' }, String(b.judged)),
        h('td', { 'data-field': 'correct' }, String(b.correct)))))));
}

async function historySection(task) {
  try {
    const { bucket, buckets } = SPANS[span];
    const history = await api.history(task.id, bucket, buckets);
    return h('section', { class: 'card task-history', 'data-task': task.id },
      h('h2', {}, task.id), historyCharts(history), historyTable(history));
  } catch (error) {
    return h('section', { class: 'card task-history', 'data-task': task.id }, h('h2', {}, task.id),
      errorBox(error));
  }
}

export async function render() {
  const [tasks, metricsText] = await Promise.all([api.tasks(), api.metrics().catch(() => null)]);
  const samples = metricsText === null ? null : parseMetrics(metricsText);
  const rows = await Promise.all(tasks.map((t) => row(t, samples)));
  const histories = await Promise.all(tasks.filter((t) => t.kind === 'classification').map(historySection));
  const spanPicker = h('label', { class: 'picker' }, 'Over time: ',
    h('select', {
      id: 'span-picker',
      onchange: (e) => {
        span = e.target.value;
        render();
      },
    }, Object.entries(SPANS).map(([key, s]) => h('option', { value: key, selected: key === span }, s.text))));
  show(
    h('h1', {}, 'Tasks'),
    h('p', { class: 'muted' }, 'Counts are from the store. The charts and the feedback agreement (accepts among '
      + 'accepts and corrections) are counted by this server process since it started, from /metrics'
      + (samples ? '' : ', which this server does not serve, so they are left out') + '.'),
    tasks.length === 0
      ? h('p', {}, 'No tasks yet. Create one with POST /v1/tasks (see the README).')
      : h('table', { id: 'tasks', class: 'grid' },
        h('thead', {}, h('tr', {},
          ['task', 'examples', 'predictions', 'open reviews', 'current model', 'answered by layer', 'ODD outcome',
            'feedback agreement'].map((c) => h('th', {}, c)))),
        h('tbody', {}, rows)),
    histories.length === 0 ? null : h('h2', {}, 'Over time'),
    histories.length === 0 ? null : h('p', { class: 'muted' }, 'From the store, so they survive restarts: '
      + 'predictions per interval, the layers that answered them, the share withheld under the ODD policy, the '
      + 'accuracy of labels that got feedback (accepts and corrections), and each model version\'s out-of-fold '
      + 'accuracy against the examples it learnt from. Hover a point for its numbers. ', spanPicker),
    histories,
  );
}
