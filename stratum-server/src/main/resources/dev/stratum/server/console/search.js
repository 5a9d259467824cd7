// Label search for the review queue: / opens it, typing filters the taxonomy (every word must appear), arrows
// move, Enter picks, Escape closes.

import { h } from './dom.js';

const SHOWN = 12;

export function labelSearch(labels, onPick) {
  let matches = [];
  let selected = 0;
  const list = h('ul', { id: 'label-matches', class: 'matches', role: 'listbox' });
  const input = h('input', {
    id: 'label-search', type: 'search', autocomplete: 'off', placeholder: 'search labels', 'aria-label': 'search labels',
  });
  const root = h('div', { id: 'label-search-box', class: 'card search', hidden: true },
    h('label', { for: 'label-search' }, 'Label '), input, list);

  function filter() {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    matches = labels.filter((label) => words.every((w) => label.toLowerCase().includes(w)));
    // An exact name first, so typing a whole label and Enter always picks that label.
    const exact = matches.indexOf(input.value.trim());
    if (exact > 0) {
      matches.unshift(...matches.splice(exact, 1));
    }
    selected = 0;
    draw();
  }

  function draw() {
    list.replaceChildren(...matches.slice(0, SHOWN).map((label, i) => h('li', {
      role: 'option', 'aria-selected': i === selected ? 'true' : 'false', class: i === selected ? 'selected' : null,
      onmousedown: (e) => { e.preventDefault(); pick(label); },
    }, label)));
    if (matches.length === 0) {
      list.append(h('li', { class: 'muted' }, 'no label matches'));
    } else if (matches.length > SHOWN) {
      list.append(h('li', { class: 'muted' }, `${matches.length - SHOWN} more: type more of the name`));
    }
  }

  function close() {
    root.hidden = true;
    input.blur();
  }

  function pick(label) {
    close();
    onPick(label);
  }

  input.addEventListener('input', filter);
  input.addEventListener('keydown', (event) => {
    event.stopPropagation();
    if (event.key === 'Escape') {
      close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      selected = Math.min(Math.max(selected + step, 0), Math.min(matches.length, SHOWN) - 1);
      draw();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (matches[selected]) {
        pick(matches[selected]);
      }
    }
  });
  input.addEventListener('blur', () => setTimeout(() => { root.hidden = true; }, 0));

  return {
    root,
    isOpen: () => !root.hidden,
    open() {
      root.hidden = false;
      input.value = '';
      filter();
      input.focus();
    },
  };
}
