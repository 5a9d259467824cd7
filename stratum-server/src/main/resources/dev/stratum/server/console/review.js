// The review queue, keyboard first: 1-9 pick a candidate, / searches the task's labels, x marks out of scope,
// u undoes the last decision, n skips. Each item is claimed when shown and each decision saved at once. Items come
// in the order the task's active-learning strategy ranked them (each shows its rank and score), then the rest.
//
// Undo: the API cannot re-open a resolved item. Undo brings the item back, and the next decision on it is sent as
// feedback on the item's prediction (correct with the new label replaces the example the first decision added;
// x sends reject, which removes it). The item itself keeps its first resolution in the queue's history.

import { api } from './api.js';
import { errorBox, formatNumber, h, show, taskPicker } from './dom.js';
import { labelSearch } from './search.js';

export async function render([taskId]) {
  const tasks = (await api.tasks()).filter((t) => t.kind === 'classification');
  if (tasks.length === 0) {
    show(h('h1', {}, 'Review'), h('p', {}, 'No classification tasks yet.'));
    return null;
  }
  const task = tasks.find((t) => t.id === taskId) || tasks[0];
  const [open, claimed] = await Promise.all([api.reviewQueue(task.id, 'open'), api.reviewQueue(task.id, 'claimed')]);
  const session = new ReviewSession(task, [...claimed, ...open]);
  show(
    h('h1', {}, 'Review'),
    taskPicker(tasks, task.id, (t) => `#/review/${encodeURIComponent(t)}`),
    h('p', { class: 'keys' }, ['1–9 pick a candidate', '/ search labels', 'x out of scope', 'u undo', 'n skip']
      .map((k) => h('span', { class: 'key-hint' }, k))),
    session.root,
  );
  await session.next();
  const onKey = (event) => session.key(event);
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}

/** Why the item is where it is: its rank by the task's strategy and the score it ranked by, or its priority. */
function place(item) {
  const r = item.ranking;
  if (!r) {
    return `not ranked, priority ${formatNumber(item.priority)}`;
  }
  const score = r.score === null ? '' : `, score ${formatNumber(r.score, 3)}`;
  const model = r.model_version ? ` over ${r.model_version}` : '';
  return `ranked ${r.rank} by ${r.strategy}${score}${model}`;
}

/** One reviewer's pass over a task's queue: the items left, the decisions made, and the item on screen. */
class ReviewSession {
  constructor(task, items) {
    this.task = task;
    this.queue = items;
    this.decisions = [];
    this.current = null;
    this.redo = null; // the decision being undone, while its item is on screen again
    this.busy = false;
    this.status = h('div', { id: 'review-status', 'data-state': 'idle' });
    this.card = h('div', { id: 'review-item', class: 'card' }, h('p', { class: 'muted' }, 'Loading the queue…'));
    this.log = h('ol', { id: 'decision-log', reversed: true });
    this.search = labelSearch(task.labels.map((l) => l.name), (label) => this.decide({ label }));
    this.root = h('div', { class: 'review' }, this.status, this.card, this.search.root,
      h('h2', {}, 'Decisions in this session'), this.log);
  }

  setStatus(state, ...content) {
    this.status.dataset.state = state;
    this.status.replaceChildren(...content);
  }

  /** Claims and shows the next item; items someone else holds are skipped with a note. */
  async next() {
    this.redo = null;
    while (this.queue.length > 0) {
      const item = this.queue.shift();
      try {
        this.current = await api.claim(item.id);
        this.draw();
        return;
      } catch (error) {
        if (error.status !== 409) {
          throw error;
        }
        this.setStatus('skipped', errorBox(error));
      }
    }
    this.current = null;
    this.card.dataset.itemId = '';
    this.card.replaceChildren(h('p', { id: 'queue-empty' }, `No open items in the review queue of ${this.task.id}.`));
  }

  draw() {
    const item = this.current;
    this.card.dataset.itemId = item.id;
    const candidates = item.candidates.slice(0, 9);
    this.card.replaceChildren(...[
      this.redo ? h('p', { class: 'notice', id: 'undo-notice' }, this.redoNotice()) : null,
      h('p', { class: 'muted', id: 'item-place' }, `Item ${item.id}, ${place(item)}; `
        + `${this.queue.length} more in this session's queue`),
      h('blockquote', { class: 'text' }, item.text),
      item.reason ? h('p', { class: 'reason' }, item.reason) : null,
      candidates.length === 0
        ? h('p', { class: 'muted' }, 'No candidate labels: press / to search the taxonomy.')
        : h('ol', { class: 'candidates' }, candidates.map((c, i) =>
          h('li', { 'data-label': c.label },
            h('button', { type: 'button', class: 'candidate', onclick: () => this.decide({ label: c.label }) },
              h('kbd', {}, String(i + 1)), ' ', c.label, h('span', { class: 'score' }, formatNumber(c.score, 2)))))),
      h('p', {}, h('button', { type: 'button', onclick: () => this.decide({ outOfScope: true }) },
        h('kbd', {}, 'x'), ' out of scope')),
    ].filter(Boolean));
  }

  redoNotice() {
    const saved = this.redo.outOfScope ? 'out of scope' : `'${this.redo.label}'`;
    return `Undoing: this item is saved as ${saved}. The API cannot re-open it, so your next decision here is sent as `
      + 'feedback on its prediction (a label corrects the example; x rejects it, removing the example). '
      + 'Press n to keep the saved decision.';
  }

  async key(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || this.search.isOpen() || event.target.tagName === 'SELECT') {
      return;
    }
    const k = event.key;
    if (k === '/' && this.current) {
      event.preventDefault();
      this.search.open();
    } else if (/^[1-9]$/.test(k) && this.current) {
      const candidate = this.current.candidates[Number(k) - 1];
      if (candidate) {
        this.decide({ label: candidate.label });
      }
    } else if (k === 'x' && this.current) {
      this.decide({ outOfScope: true });
    } else if (k === 'u') {
      this.undo();
    } else if (k === 'n' && this.current) {
      this.skip();
    }
  }

  async decide(decision) {
    if (this.busy || !this.current) {
      return;
    }
    this.busy = true;
    const item = this.current;
    const what = decision.outOfScope ? 'out of scope' : `'${decision.label}'`;
    this.setStatus('saving', h('p', {}, `Saving ${what}…`));
    try {
      if (this.redo) {
        await this.correct(item, decision);
      } else {
        await api.resolve(item.id, decision);
      }
      this.decisions.push({ item, ...decision });
      this.log.prepend(h('li', { 'data-item-id': item.id, 'data-decision': decision.outOfScope ? 'out_of_scope'
        : decision.label }, `${what}: ${item.text}`, this.redo ? ' (changed by undo)' : ''));
      this.setStatus('saved', h('p', {}, `Saved ${what} for item ${item.id}.`));
      await this.next();
    } catch (error) {
      this.setStatus('failed', errorBox(error));
    } finally {
      this.busy = false;
    }
  }

  /** The second decision on an item after undo, as feedback on its prediction. */
  async correct(item, decision) {
    if (decision.outOfScope) {
      if (!this.redo.outOfScope) {
        await api.feedback(item.prediction_id, { action: 'reject', comment: 'out of scope, changed in review' });
      }
    } else {
      await api.feedback(item.prediction_id, { action: 'correct', label: decision.label, comment: 'changed in review' });
    }
  }

  undo() {
    if (this.busy) {
      return;
    }
    if (this.redo) {
      this.setStatus('undo-busy', h('p', {}, `Already undoing item ${this.current.id}: decide it again, or press n to `
        + 'keep its saved decision.'));
      return;
    }
    const last = this.decisions.at(-1);
    if (!last) {
      this.setStatus('undo-empty', h('p', {}, 'Nothing to undo in this session.'));
      return;
    }
    if (!last.item.prediction_id) {
      this.setStatus('undo-impossible', errorBox({ message: `The decision on item ${last.item.id} cannot be undone `
        + 'here: it has no prediction to send a correction to, and re-opening an item is not in the API.' }));
      return;
    }
    this.decisions.pop();
    const logged = this.log.querySelector('li:not(.undone)');
    if (logged) {
      logged.classList.add('undone');
      logged.append(' (undone)');
    }
    if (this.current) {
      this.queue.unshift(this.current);
    }
    this.current = last.item;
    this.redo = last;
    this.setStatus('undoing', h('p', {}, `Undoing the decision on item ${last.item.id}.`));
    this.draw();
  }

  skip() {
    if (this.busy) {
      return;
    }
    const was = this.redo ? 'kept the saved decision' : 'skipped (it stays claimed by you)';
    this.setStatus('skipped', h('p', {}, `Item ${this.current.id}: ${was}.`));
    if (this.redo) {
      this.decisions.push(this.redo);
      const undone = this.log.querySelector('li.undone');
      if (undone) {
        undone.classList.remove('undone');
        undone.lastChild.textContent = ' (undo cancelled, kept)';
      }
    }
    this.next();
  }
}
