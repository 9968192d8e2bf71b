import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchProgress } from '../src/pages/vouchers.js';
import { lastDays, localDay } from '../src/pages/overview.js';
import { signInLinkUrl } from '../src/pages/staff.js';
import { validityText } from '../src/pages/plans.js';
import pages from '../src/pages/index.js';

const batch = (status, extra = {}) => ({ status, quantity: 50, generatedCount: 0, provisioningParts: 0, confirmedParts: 0, ...extra });

test('a batch moves from generating (first half) through the routers (second half) to READY', () => {
  assert.equal(batchProgress(batch('QUEUED')), 0);
  assert.equal(batchProgress(batch('GENERATING', { generatedCount: 25 })), 25);
  assert.equal(batchProgress(batch('PENDING_ROUTER', { generatedCount: 50, provisioningParts: 2, confirmedParts: 1 })), 75);
  assert.equal(batchProgress(batch('READY', { generatedCount: 50 })), 100);
  assert.equal(batchProgress(batch('FAILED', { generatedCount: 50 })), 0);
});

test("days are the reseller's calendar days", () => {
  const lateUtc = new Date('2026-12-05T22:30:00Z');
  assert.equal(localDay(0, 'Africa/Nairobi', lateUtc), '2026-12-06');
  assert.equal(localDay(0, 'UTC', lateUtc), '2026-12-05');
  assert.equal(localDay(29, 'Africa/Nairobi', lateUtc), '2026-11-07');
});

test("today, 7 and 30 days are the last days of the revenue answer's days", () => {
  const kes = amountMinor => ({ amountMinor, currency: 'KES' });
  const days = Array.from({ length: 30 }, (_, i) => ({ day: `2026-11-${String(i + 1).padStart(2, '0')}`, gross: kes(0), sales: 0 }));
  days[0] = { ...days[0], gross: kes(100000), sales: 9 };
  days[23] = { ...days[23], gross: kes(7000), sales: 2 };
  days[29] = { ...days[29], gross: kes(5000), sales: 1 };
  const revenue = { days };
  assert.deepEqual(lastDays(revenue, 1), { sales: 1, grossMinor: 5000 });
  assert.deepEqual(lastDays(revenue, 7), { sales: 3, grossMinor: 12000 });
  assert.deepEqual(lastDays(revenue, 30), { sales: 12, grossMinor: 112000 });
});

test('a sign-in link opens the console at #/link/<token>', () => {
  assert.equal(signInLinkUrl('abc/+', { origin: 'https://console.example', pathname: '/' }),
    'https://console.example/#/link/abc%2F%2B');
});

test('validity is worded from the API form', () => {
  assert.equal(validityText({ type: 'FIXED', duration: 'PT24H' }), '24 h');
  assert.equal(validityText({ type: 'FIXED', duration: 'P7D' }), '7 days');
  assert.equal(validityText({ type: 'FIXED', duration: 'PT3M' }), '3 min');
  assert.equal(validityText({ type: 'MONTHLY', months: 1 }), '1 month(s)');
});

test('every page descriptor has an id, a path, a route and a view; ids and paths are unique', () => {
  for (const page of pages) {
    assert.ok(page.id && page.path.startsWith('/') && /^(GET|POST|PUT|PATCH|DELETE) \/v1\//.test(page.route)
      && typeof page.view === 'function', JSON.stringify(page));
  }
  assert.equal(new Set(pages.map(p => p.id)).size, pages.length);
  assert.equal(new Set(pages.map(p => p.path)).size, pages.length);
});
