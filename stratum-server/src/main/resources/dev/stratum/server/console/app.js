// The console's shell: sign-in, navigation and a router over location.hash (#/tasks, #/review/{task},
// #/models/{task}, #/errors). Each page is a module with a render(params) that fills #page.

import { api, forgetKey, storeKey, storedKey } from './api.js';
import { errorBox, h, show } from './dom.js';
import * as errors from './errors.js';
import * as models from './models.js';
import * as review from './review.js';
import * as tasks from './tasks.js';

const PAGES = { tasks, review, models, errors };
let leaving = null;

function signInPage(message) {
  const key = h('input', {
    id: 'api-key', type: 'password', autocomplete: 'off', required: true, placeholder: 'sk_...',
    'aria-label': 'API key',
  });
  const status = h('div', { id: 'sign-in-status' }, message ? errorBox({ message }) : null);
  const form = h('form', {
    id: 'sign-in',
    class: 'card narrow',
    onsubmit: async (event) => {
      event.preventDefault();
      const value = key.value.trim();
      status.replaceChildren(h('p', {}, 'Checking the key…'));
      try {
        await api.checkKey(value);
        storeKey(value);
        if (location.hash === '#/tasks') {
          route();
        } else {
          location.hash = '#/tasks';
        }
      } catch (error) {
        status.replaceChildren(errorBox(error));
      }
    },
  },
  h('h1', {}, 'Sign in'),
  h('p', {}, 'Use an API key of this server (the admin key is printed at first start). It is kept in this tab only '
    + 'and sent to this server as a Bearer token.'),
  key,
  h('button', { type: 'submit', id: 'sign-in-button' }, 'Sign in'),
  status);
  show(form);
  key.focus();
}

async function route() {
  if (leaving) {
    leaving();
    leaving = null;
  }
  const nav = document.getElementById('nav');
  if (!storedKey()) {
    nav.hidden = true;
    signInPage();
    return;
  }
  nav.hidden = false;
  const [name, ...params] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const page = PAGES[name] ? name : 'tasks';
  for (const link of nav.querySelectorAll('a')) {
    link.classList.toggle('active', link.dataset.page === page);
  }
  try {
    leaving = (await PAGES[page].render(params.filter((p) => p !== ''))) || null;
  } catch (error) {
    if (error.status === 401) {
      forgetKey();
      nav.hidden = true;
      signInPage(`${error.message}. Sign in again.`);
      return;
    }
    show(h('h1', {}, 'Something went wrong'), errorBox(error));
  }
}

document.getElementById('sign-out').addEventListener('click', () => {
  forgetKey();
  location.hash = '';
  route();
});
window.addEventListener('hashchange', route);
route();
