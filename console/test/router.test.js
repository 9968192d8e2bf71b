import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findPage, match } from '../src/router.js';

test('paths match with their parameters', () => {
  assert.deepEqual(match('/routers/:routerId', '/routers/r-1'), { routerId: 'r-1' });
  assert.equal(match('/routers/:routerId', '/routers'), null);
  assert.deepEqual(match('/plans', '/plans?x=1'), {});
});

test('a literal path wins over a parameter at the same place', () => {
  const pages = [{ id: 'router', path: '/routers/:routerId' }, { id: 'new', path: '/routers/new' }];
  assert.equal(findPage(pages, '/routers/new').page.id, 'new');
  assert.equal(findPage(pages, '/routers/r-9').page.id, 'router');
  assert.equal(findPage(pages, '/nowhere'), null);
});
