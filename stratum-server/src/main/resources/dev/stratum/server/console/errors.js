// Error analysis of a task (GET /v1/tasks/{task}/analysis/...): examples by out-of-fold loss with the actions to fix
// or confirm a label, the confusion heat map and pairs, near-duplicates with different labels, the most confident
// predictions with the words that drive them, and groups of unanswered inputs that could become new labels. The
// out-of-fold lists come from a background analysis; while it runs the page shows its progress and asks again.

import { request } from './api.js';
import { confusionView } from './confusion.js';
import { errorBox, formatNumber, formatTime, h, show, taskPicker } from './dom.js';

const POLL_MS = 1000;
const enc = encodeURIComponent;
const base = (task) => `/v1/tasks/${enc(task)}/analysis`;

const analysis = {
  losses: (task, all) => request('GET', `${base(task)}/losses?limit=100${all ? '&include_confirmed=true' : ''}`),
  confusion: (task) => request('GET', `${base(task)}/confusion?pairs=8`),
  duplicates: (task) => request('GET', `${base(task)}/duplicates?limit=20`),
  confident: (task) => request('GET', `${base(task)}/confident?limit=8`),
  newLabels: (task) => request('GET', `${base(task)}/new-labels`),
  fix: (task, id, label) => request('POST', `${base(task)}/examples/${enc(id)}/fix`, { label }),
  confirm: (task, id) => request('POST', `${base(task)}/examples/${enc(id)}/confirm`),
};

function statusLine(run) {
  const text = {
    computing: `Computing out-of-fold predictions: step ${run.done} of ${run.total}. The lists fill in when it is done.`,
    failed: run.message,
    ready: `Analysed ${formatNumber(run.examples)} examples (model ${run.model_version ?? 'not trained yet'}), `
      + `finished ${formatTime(run.finished_at)}.`,
  }[run.status];
  return h('p', { id: 'analysis-status', 'data-status': run.status, class: run.status === 'failed' ? 'error' : 'muted' },
    text, run.status === 'computing' ? h('progress', { max: run.total, value: run.done }) : null);
}

function lossRow(task, item, labels) {
  const state = h('div', { class: 'state' }, item.confirmed ? h('span', { class: 'badge current' }, 'confirmed') : null);
  const labelCell = h('td', { class: 'label' }, item.label);
  const choice = h('select', { class: 'fix-label', 'aria-label': 'right label' },
    labels.map((l) => h('option', { value: l, selected: l === item.suggested_label }, l)));
  const buttons = [
    h('button', { type: 'button', class: 'fix', onclick: () => act(() => analysis.fix(task, item.example_id, choice.value),
      (fix) => {
        labelCell.textContent = fix.example.label;
        return `fixed: now ${fix.example.label} (example ${fix.example.id})`;
      }, 'fixed') }, 'Fix'),
    item.confirmed ? null : h('button', { type: 'button', class: 'confirm',
      onclick: () => act(() => analysis.confirm(task, item.example_id), () => 'confirmed', 'confirmed') }, 'Confirm'),
  ];
  const row = h('tr', { 'data-example-id': item.example_id, 'data-flagged': item.flagged },
    h('td', {}, h('q', {}, item.text)), labelCell,
    h('td', {}, item.suggested_label, h('span', { class: 'muted' }, ` ${formatNumber(item.suggested_probability, 2)}`)),
    h('td', { class: 'num' }, formatNumber(item.loss, 2)),
    h('td', {}, item.flagged ? h('span', { class: 'badge suspect' }, 'suspect') : null),
    h('td', { class: 'actions' }, choice, buttons, state));

  async function act(call, describe, done) {
    row.querySelectorAll('button, select').forEach((b) => { b.disabled = true; });
    try {
      const result = await call();
      row.dataset.state = done;
      state.replaceChildren(h('span', { class: 'badge current' }, describe(result)));
    } catch (error) {
      row.querySelectorAll('button, select').forEach((b) => { b.disabled = false; });
      state.replaceChildren(errorBox(error));
    }
  }
  return row;
}

function lossesView(task, losses, labels) {
  if (losses.items.length === 0) {
    return h('p', { class: 'muted' }, losses.status === 'ready' ? 'No example to list.' : 'Nothing listed yet.');
  }
  return h('div', {},
    h('p', {}, `${losses.suspects} suspected label errors among ${formatNumber(losses.listed)} examples; `
      + 'worst first. Fix replaces the label (the example counts towards the next training); confirm keeps it.'),
    h('table', { class: 'grid', id: 'losses-table' },
      h('thead', {}, h('tr', {}, ['text', 'label', 'suggested', 'loss', '', 'action'].map((c) => h('th', {}, c)))),
      h('tbody', {}, losses.items.map((item) => lossRow(task, item, labels)))));
}

function duplicatesView(d) {
  if (d.pairs.length === 0) {
    return h('p', { class: 'muted' }, d.status === 'ready' ? 'No near-duplicates with different labels.' : 'Shown once'
      + ' the analysis is ready.');
  }
  const side = (e) => h('td', {}, h('q', {}, e.text), h('span', { class: 'muted' }, ` ${e.label} (example ${e.id})`));
  return h('table', { class: 'grid', id: 'duplicates-table' },
    h('thead', {}, h('tr', {}, h('th', {}, 'similarity'), h('th', {}, 'one'), h('th', {}, 'the other'))),
    h('tbody', {}, d.pairs.map((p) => h('tr', {}, h('td', { class: 'num' }, formatNumber(p.similarity, 3)),
      side(p.first), side(p.second)))));
}

function explained(p) {
  const words = p.words.slice(0, 8);
  const top = Math.max(1e-3, ...words.map((w) => Math.abs(w.drop)));
  return h('li', { class: 'card explained', 'data-prediction-id': p.prediction_id },
    h('p', {}, h('q', {}, p.text), ' → ', h('strong', {}, p.label),
      h('span', { class: 'muted' }, ` ${formatNumber(p.confidence)} from ${p.source} (${p.model_version})`)),
    words.length === 0
      ? h('p', { class: 'muted' }, 'No word scores: the layer that answered cannot be asked again here.')
      : h('div', { class: 'words' }, words.map((w) => h('span', {
        class: `word ${w.drop >= 0 ? 'drives' : 'against'}`, 'data-word': w.word,
        title: `without it the probability of ${p.label} ${w.drop >= 0 ? 'falls' : 'rises'} by `
          + `${formatNumber(Math.abs(w.drop))}`,
      }, w.word, h('meter', { min: 0, max: top, value: Math.abs(w.drop) })))),
    h('details', {}, h('summary', {}, 'Nearest examples'),
      h('ul', {}, p.neighbours.map((n) => h('li', {}, h('q', {}, n.text),
        h('span', { class: 'muted' }, ` ${n.label} (${formatNumber(n.similarity)})`))))));
}

function confidentView(c) {
  return c.items.length === 0
    ? h('p', { class: 'muted' }, 'No answered prediction yet.')
    : h('ol', { id: 'confident-list', class: 'plain' }, c.items.map(explained));
}

function newLabelsView(s) {
  if (s.candidates.length === 0) {
    return h('p', { class: 'muted' }, s.message || 'No candidate label.');
  }
  return h('div', { id: 'candidates' }, s.candidates.map((c) => h('div', { class: 'card candidate-label' },
    h('h3', {}, c.terms.length ? c.terms.join(' · ') : c.representative),
    h('p', { class: 'muted' }, `${c.members.length} inputs, cohesion ${formatNumber(c.cohesion)} (threshold `
      + `${formatNumber(s.cohesion_threshold)}); closest existing label ${c.nearest_label ?? '–'}`),
    h('ul', {}, c.members.map((m) => h('li', {}, h('q', {}, m.text), h('span', { class: 'muted' }, ` ${m.origin}`)))))));
}

function section(id, title, note) {
  const body = h('div', { class: 'section-body' }, h('p', { class: 'muted' }, 'Loading…'));
  return { body, element: h('section', { class: 'card', id }, h('h2', {}, title), note ? h('p', { class: 'muted' },
    note) : null, body) };
}

async function fill(target, load, view) {
  try {
    const data = await load();
    target.body.replaceChildren(view(data));
    return data;
  } catch (error) {
    target.body.replaceChildren(errorBox(error));
    return null;
  }
}

export async function render([taskId]) {
  const tasks = (await request('GET', '/v1/tasks')).tasks.filter((t) => t.kind !== 'generation');
  if (tasks.length === 0) {
    show(h('h1', {}, 'Error analysis'), h('p', {}, 'No classification task yet.'));
    return null;
  }
  const task = taskId && tasks.some((t) => t.id === taskId) ? taskId : tasks[0].id;
  const labels = tasks.find((t) => t.id === task).labels.map((l) => l.name);
  const status = h('div', { id: 'analysis-progress' });
  const losses = section('losses', 'Suspected label errors', 'Each example predicted by a model trained without it '
    + '(5 folds); loss is −ln p(label).');
  const confusion = section('confusion', 'Confusion', 'Rows: the examples\u2019 labels; columns: the out-of-fold '
    + 'prediction; shade: share of the row.');
  const duplicates = section('duplicates', 'Near-duplicates with different labels');
  const confident = section('confident', 'Most confident predictions', 'The words that drive each answer: how much '
    + 'its probability falls without the word. One word carrying it all is a shortcut.');
  const candidates = section('new-labels', 'Candidate new labels', 'Out-of-scope, out-of-domain and rejected inputs '
    + 'as alike as the examples of a typical label.');
  show(h('h1', {}, 'Error analysis'), taskPicker(tasks, task, (t) => `#/errors/${enc(t)}`), status,
    losses.element, confusion.element, duplicates.element, confident.element, candidates.element);

  let timer = null;
  let alive = true;
  const refresh = async () => {
    const listed = await fill(losses, () => analysis.losses(task), (l) => lossesView(task, l, labels));
    if (!alive) {
      return;
    }
    status.replaceChildren(listed ? statusLine(listed) : null);
    if (!listed) {
      confusion.body.replaceChildren(h('p', { class: 'muted' }, 'Needs the out-of-fold analysis (see above).'));
      duplicates.body.replaceChildren(h('p', { class: 'muted' }, 'Needs the out-of-fold analysis (see above).'));
      return;
    }
    await Promise.all([fill(confusion, () => analysis.confusion(task), confusionView),
      fill(duplicates, () => analysis.duplicates(task), duplicatesView)]);
    if (alive && listed.status === 'computing') {
      timer = setTimeout(refresh, POLL_MS);
    }
  };
  await Promise.all([refresh(), fill(confident, () => analysis.confident(task), confidentView),
    fill(candidates, () => analysis.newLabels(task), newLabelsView)]);
  return () => {
    alive = false;
    clearTimeout(timer);
  };
}
