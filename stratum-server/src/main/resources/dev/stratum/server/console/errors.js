// Error analysis: a placeholder until the server offers the lists. Nothing here is computed in the browser or
// made up.

import { h, show } from './dom.js';

const PLANNED = [
  'Examples sorted by out-of-fold loss, worst first, with the suggested label: fix it or confirm it',
  'The most confident predictions, with their nearest training examples and the words that drive them',
  'The pairs of labels most often confused, with examples',
  'Groups of out-of-domain or rejected inputs that could become a new label',
  'Near-duplicate examples that carry different labels',
];

export function render() {
  show(
    h('h1', {}, 'Error analysis'),
    h('div', { id: 'errors-placeholder', class: 'card placeholder' },
      h('p', {}, h('strong', {}, 'Not available yet.'), ' The server has no API for these lists, so this page '
        + 'shows no data: nothing here is estimated in the browser or invented.'),
      h('p', {}, 'What will be here once the API serves it:'),
      h('ul', {}, PLANNED.map((item) => h('li', {}, item)))),
  );
}
