// Building pages from data without innerHTML: every text from the API goes in as a text node, so a review text
// that contains markup is shown, never run.

/**
 * An element: h('a', {href: '#/x', class: 'y'}, 'text', child). Attributes starting with "on" become listeners;
 * null, undefined and false children are left out.
 */
export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2), value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the page's content. */
export function show(...children) {
  const page = document.getElementById('page');
  page.replaceChildren();
  append(page, children);
}

/** A visible error box with the server's own message, which says what to fix. */
export function errorBox(error) {
  const code = error.code ? ` (${error.code})` : '';
  return h('p', { class: 'error', role: 'alert' }, `${error.message}${code}`);
}

export function formatNumber(value, digits = 3) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  return Number.isInteger(value) ? value.toLocaleString('en') : value.toFixed(digits);
}

export function formatTime(iso) {
  return iso ? new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '–';
}

/** A select of the tasks, that moves to {@code hashFor(task)} when changed. */
export function taskPicker(tasks, current, hashFor) {
  return h('label', { class: 'picker' }, 'Task ',
    h('select', {
      id: 'task-picker',
      onchange: (e) => { location.hash = hashFor(e.target.value); },
    }, tasks.map((t) => h('option', { value: t.id, selected: t.id === current }, t.id))));
}
