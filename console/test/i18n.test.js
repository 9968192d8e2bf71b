import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setLanguage, t } from '../src/i18n.js';

const en = JSON.parse(readFileSync(new URL('../src/i18n/en.json', import.meta.url)));
const sw = JSON.parse(readFileSync(new URL('../src/i18n/sw.json', import.meta.url)));

function keys(node, prefix = '') {
  return Object.entries(node).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

test('strings come from the language chosen, with parameters filled in', () => {
  setLanguage('en');
  assert.equal(t('signIn.locked', { minutes: 5 }), 'Too many wrong attempts. Sign-in is locked; try again in 5 min.');
  setLanguage('sw');
  assert.equal(t('shell.signOut'), 'Ondoka');
  setLanguage('en');
  assert.equal(t('no.such.key'), 'no.such.key');
});

test('Swahili has every English string and nothing English lacks', () => {
  const enKeys = keys(en).sort();
  const swKeys = keys(sw).sort();
  assert.deepEqual(enKeys.filter(k => !swKeys.includes(k)), [], 'missing in sw.json');
  assert.deepEqual(swKeys.filter(k => !enKeys.includes(k)), [], 'only in sw.json');
});

test('the same parameters are used in both languages', () => {
  const params = (text) => (text.match(/\{\w+\}/g) || []).sort().join();
  for (const key of keys(en)) {
    setLanguage('en');
    const english = t(key);
    setLanguage('sw');
    assert.equal(params(t(key)), params(english), key);
  }
  setLanguage('en');
});
