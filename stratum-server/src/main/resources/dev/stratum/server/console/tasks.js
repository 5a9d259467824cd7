// Tasks overview: per task its examples, predictions, open reviews and current model (GET /v1/tasks/{task}/stats
// and /models), and from /metrics the share answered by each layer, the ODD outcomes and the feedback agreement
// since the server started.

import { api } from './api.js';
import { shareBar } from './chart.js';
import { errorBox, formatNumber, h, show } from './dom.js';

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

export async function render() {
  const [tasks, metricsText] = await Promise.all([api.tasks(), api.metrics().catch(() => null)]);
  const samples = metricsText === null ? null : parseMetrics(metricsText);
  const rows = await Promise.all(tasks.map((t) => row(t, samples)));
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
  );
}
