import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';

// sessionStorage as the browser has it (node has none), before api.js reads it.
const stored = new Map();
globalThis.sessionStorage = {
  getItem: k => (stored.has(k) ? stored.get(k) : null),
  setItem: (k, v) => stored.set(k, String(v)),
  removeItem: k => stored.delete(k),
};
const { api, ApiError, onUnauthorized, session } = await import('../src/api.js');

async function withServer(handler, body) {
  const server = createServer(handler);
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  globalThis.window = { WISPBILL_CONSOLE: { apiBaseUrl: `http://127.0.0.1:${server.address().port}/` } };
  try {
    await body();
  } finally {
    server.close();
  }
}

test('the token goes as a bearer credential and JSON comes back', async () => {
  session.set('wbs_abc');
  await withServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ auth: req.headers.authorization, path: req.url }));
  }, async () => {
    assert.deepEqual(await api.get('/v1/me'), { auth: 'Bearer wbs_abc', path: '/v1/me' });
  });
});

test('a problem document becomes an ApiError with its fields', async () => {
  session.set('wbs_abc');
  await withServer((req, res) => {
    res.statusCode = 400;
    res.setHeader('content-type', 'application/problem+json');
    res.end(JSON.stringify({ title: 'Invalid request', errors: [{ field: 'name', message: 'is required' }] }));
  }, async () => {
    const error = await api.post('/v1/plans', {}).catch(e => e);
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 400);
    assert.equal(error.fieldError('name'), 'is required');
  });
});

test('a locked sign-in carries its code and how long to wait', async () => {
  await withServer((req, res) => {
    res.statusCode = 429;
    res.setHeader('content-type', 'application/problem+json');
    res.setHeader('retry-after', '300');
    res.end(JSON.stringify({ title: 'Locked', code: 'locked' }));
  }, async () => {
    const error = await api.post('/v1/auth/sign-in', { email: 'a', password: 'b' }, { public: true }).catch(e => e);
    assert.equal(error.code, 'locked');
    assert.equal(error.retryAfterSeconds, 300);
  });
});

test('a 401 on a signed-in call forgets the token and tells the shell; a public 401 does not', async () => {
  let told = 0;
  const stop = onUnauthorized(() => { told += 1; });
  await withServer((req, res) => {
    res.statusCode = 401;
    res.setHeader('content-type', 'application/problem+json');
    res.end(JSON.stringify({ title: 'Unauthorized' }));
  }, async () => {
    session.set('wbs_abc');
    await api.post('/v1/auth/sign-in', {}, { public: true }).catch(() => {});
    assert.equal(told, 0);
    assert.equal(session.token(), 'wbs_abc');
    await api.get('/v1/me').catch(() => {});
    assert.equal(told, 1);
    assert.equal(session.token(), null);
  });
  stop();
});
