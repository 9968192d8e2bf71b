import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decimalOf, minorOf, money } from '../src/ui/format.js';

test('minor units become an exact decimal string', () => {
  assert.equal(decimalOf(12345, 2), '123.45');
  assert.equal(decimalOf(5, 2), '0.05');
  assert.equal(decimalOf(-150, 2), '-1.50');
  assert.equal(decimalOf(700, 0), '700');
  assert.equal(decimalOf(9007199254740993n, 2), '90071992547409.93');
});

test('money shows the currency with its own minor digits', () => {
  assert.match(money(123450, 'KES'), /1,234\.50/);
  assert.match(money({ amountMinor: 2000, currency: 'UGX' }), /2,000/);
  assert.doesNotMatch(money(2000, 'UGX'), /\./);
});

test('what a person types becomes minor units, or null', () => {
  assert.equal(minorOf('50', 'KES'), 5000);
  assert.equal(minorOf('49.5', 'KES'), 4950);
  assert.equal(minorOf('0.07', 'KES'), 7);
  assert.equal(minorOf('1.234', 'KES'), null);
  assert.equal(minorOf('abc', 'KES'), null);
  assert.equal(minorOf('-5', 'KES'), null);
  assert.equal(minorOf('300', 'UGX'), 300);
  assert.equal(minorOf('300.5', 'UGX'), null);
});
