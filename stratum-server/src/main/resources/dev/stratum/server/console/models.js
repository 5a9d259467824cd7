// Model versions of a task (GET /v1/tasks/{task}/models, newest first): provenance and metrics of each, and a
// chart of one metric across versions.

import { api } from './api.js';
import { bars } from './chart.js';
import { formatNumber, formatTime, h, show, taskPicker } from './dom.js';

/** The metric charted first when a version has it: the out-of-fold accuracy the ODD calibration measured. */
const PREFERRED_METRIC = 'odd_accuracy';

function provenance(p) {
  if (!p) {
    return h('p', { class: 'muted' }, 'no provenance recorded');
  }
  const rows = [
    ['examples', formatNumber(p.example_count)],
    ['data fingerprint', p.data_fingerprint],
    ['encoders', (p.encoder_ids || []).join(', ')],
    ['seed', p.seed],
    ['code version', p.code_version],
    ['trigger', p.trigger],
    ['hyperparameters', p.hyperparameters ? JSON.stringify(p.hyperparameters) : null],
  ];
  return h('dl', { class: 'facts' }, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '–')]));
}

function metricsTable(metrics) {
  const names = Object.keys(metrics || {}).sort();
  if (names.length === 0) {
    return h('p', { class: 'muted' }, 'no metrics recorded');
  }
  return h('table', { class: 'metrics' }, h('tbody', {}, names.map((n) =>
    h('tr', { 'data-metric': n }, h('th', {}, n), h('td', { class: 'num' }, formatNumber(metrics[n], 4))))));
}

function version(model) {
  const state = model.state || (model.current ? 'current' : null);
  return h('section', { class: 'card model', 'data-model': model.id, 'data-version': model.version },
    h('h2', {}, `v${model.version} `, h('span', { class: 'muted' }, model.id),
      state ? h('span', { class: `badge ${model.current ? 'current' : ''}` }, state) : null),
    h('p', { class: 'muted' }, `${model.kind}, trained ${formatTime(model.created_at)}`),
    h('div', { class: 'columns' },
      h('div', {}, h('h3', {}, 'Provenance'), provenance(model.provenance)),
      h('div', {}, h('h3', {}, 'Metrics'), metricsTable(model.metrics))));
}

function metricChart(models) {
  const names = [...new Set(models.flatMap((m) => Object.keys(m.metrics || {})))].sort();
  if (names.length === 0) {
    return null;
  }
  const holder = h('div', { class: 'chart-holder' });
  const draw = (name) => {
    const items = models.slice().reverse().filter((m) => m.metrics && name in m.metrics)
      .map((m) => ({ name: `v${m.version}`, value: m.metrics[name] }));
    holder.replaceChildren(bars(items, { label: `${name} by version` }));
  };
  const first = names.includes(PREFERRED_METRIC) ? PREFERRED_METRIC : names[0];
  const select = h('select', { id: 'metric-picker', onchange: (e) => draw(e.target.value) },
    names.map((n) => h('option', { value: n, selected: n === first }, n)));
  draw(first);
  return h('div', { class: 'card' }, h('label', {}, 'Metric by version ', select), holder);
}

export async function render([taskId]) {
  const tasks = await api.tasks();
  if (tasks.length === 0) {
    show(h('h1', {}, 'Model versions'), h('p', {}, 'No tasks yet.'));
    return;
  }
  const task = taskId && tasks.some((t) => t.id === taskId) ? taskId : tasks[0].id;
  const models = await api.models(task);
  show(
    h('h1', {}, 'Model versions'),
    taskPicker(tasks, task, (t) => `#/models/${encodeURIComponent(t)}`),
    models.length === 0
      ? h('p', { id: 'no-models' }, `Task ${task} has no trained model yet; train one with POST /v1/tasks/${task}/train.`)
      : h('div', { id: 'models' }, metricChart(models), models.map(version)),
  );
}
