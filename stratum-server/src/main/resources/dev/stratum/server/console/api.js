// The console's only way to the server: the /v1 API with the key the reviewer signed in with, kept in
// sessionStorage so it is gone when the tab closes.

const KEY_STORAGE = 'stratum.console.key';

/** An error answer of the API: its HTTP status, its error code and the server's message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function storedKey() {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function storeKey(key) {
  sessionStorage.setItem(KEY_STORAGE, key);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY_STORAGE);
}

export async function request(method, path, body, key = storedKey()) {
  const headers = { Accept: 'application/json' };
  if (key) {
    headers.Authorization = `Bearer ${key}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'network', `could not reach the server (${e.message}); is it still running?`);
  }
  const text = await response.text();
  const type = response.headers.get('Content-Type') || '';
  const json = type.startsWith('application/json') && text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = json && json.error ? json.error : { code: 'http_' + response.status, message: text };
    throw new ApiError(response.status, error.code, error.message);
  }
  return json ?? text;
}

const enc = encodeURIComponent;

export const api = {
  /** Checks a key without storing it: any authenticated read will do. */
  checkKey: (key) => request('GET', '/v1/tasks', undefined, key),
  tasks: () => request('GET', '/v1/tasks').then((r) => r.tasks),
  task: (task) => request('GET', `/v1/tasks/${enc(task)}`),
  stats: (task) => request('GET', `/v1/tasks/${enc(task)}/stats`),
  models: (task) => request('GET', `/v1/tasks/${enc(task)}/models`).then((r) => r.models),
  history: (task, bucket = '1h', buckets = 48) =>
    request('GET', `/v1/tasks/${enc(task)}/stats/history?bucket=${enc(bucket)}&buckets=${buckets}`),
  ranking: (task) => request('GET', `/v1/tasks/${enc(task)}/review/ranking`),
  policy: (task) => request('GET', `/v1/tasks/${enc(task)}/policy`),
  reviewQueue: (task, status, limit = 200) =>
    request('GET', `/v1/tasks/${enc(task)}/review?status=${enc(status)}&limit=${limit}`).then((r) => r.items),
  claim: (id) => request('POST', `/v1/review/${enc(id)}/claim`),
  resolve: (id, decision) => request('POST', `/v1/review/${enc(id)}/resolve`,
    decision.outOfScope ? { out_of_scope: true } : { label: decision.label }),
  feedback: (predictionId, body) => request('POST', `/v1/predictions/${enc(predictionId)}/feedback`, body),
  /** Prometheus text, or null when this server serves no metrics. */
  metrics: () => request('GET', '/metrics').catch((e) => {
    if (e.status === 404) {
      return null;
    }
    throw e;
  }),
};
