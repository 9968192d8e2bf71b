// The hotspot page's login rule (hotspot/wispbill-login.js) under node's test runner:
//   node --test infra/hotspot-page/src/test/js
// Run from Maven by PageScriptTest. The typed-code table is the one the Java tests run.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "../../../../..");
const login = require(path.join(root, "hotspot/wispbill-login.js"));
const table = JSON.parse(fs.readFileSync(
  path.join(root, "functions/domain/src/test/resources/com/wispbill/domain/voucher-code-normalisation.json"), "utf8"));

test("the shared table has cases", () => {
  assert.ok(table.cases.length >= 10);
});

for (const c of table.cases) {
  test(`typed ${JSON.stringify(c.typed)}`, () => {
    const result = login.normaliseCode(c.typed);
    const sent = login.credentials(c.typed, "");
    if (c.code) {
      assert.deepEqual(result, { code: c.code });
      // A voucher logs in with its code as user name and password.
      assert.deepEqual(sent, { username: c.code, password: c.code });
    } else {
      const expected = c.error === "character" ? { error: "character", position: c.position } : { error: c.error };
      assert.deepEqual(result, expected);
      assert.deepEqual(sent, expected);
    }
  });
}

test("an account logs in with its name and password as typed, never normalised", () => {
  assert.deepEqual(login.credentials("  mwangi-home1 ", "Pa55 word"), { username: "mwangi-home1", password: "Pa55 word" });
  assert.deepEqual(login.credentials("   ", "secret"), { error: "required" });
});

test("md5 matches RFC 1321's test suite", () => {
  const vectors = {
    "": "d41d8cd98f00b204e9800998ecf8427e",
    "a": "0cc175b9c0f1b6a831c399e269772661",
    "abc": "900150983cd24fb0d6963f7d28e17f72",
    "message digest": "f96b697d7cb7938d525a2f31aaf161d0",
    "abcdefghijklmnopqrstuvwxyz": "c3fcd3d76192e4007dfb496cca67e13b",
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789": "d174ab98d277d9f5a5611c2c9f419d9f",
    "12345678901234567890123456789012345678901234567890123456789012345678901234567890": "57edf4a22be3c955ac49da2e2107b67a",
  };
  for (const [text, hex] of Object.entries(vectors)) {
    assert.equal(login.md5Hex(text), hex, text);
  }
});

test("the CHAP password is md5(chap-id + password + chap-challenge) over bytes, as RouterOS checks it", () => {
  for (let i = 0; i < 50; i++) {
    const id = crypto.randomBytes(1);
    const challenge = crypto.randomBytes(16);
    const password = login.normaliseCode("sfms-mf83-gr").code;
    // The page gets the bytes as '\ooo' escapes in a JavaScript string: one character per byte.
    const asPageString = (bytes) => String.fromCharCode(...bytes);
    const expected = crypto.createHash("md5").update(Buffer.concat([id, Buffer.from(password, "utf8"), challenge])).digest("hex");
    assert.equal(login.chapPassword(asPageString(id), password, asPageString(challenge)), expected);
  }
  // Non-ASCII account passwords go as UTF-8, as the router stores them.
  const expected = crypto.createHash("md5").update(Buffer.concat([Buffer.from([7]), Buffer.from("pässwörd", "utf8"), Buffer.alloc(16, 1)])).digest("hex");
  assert.equal(login.chapPassword("\x07", "pässwörd", "\x01".repeat(16)), expected);
});

test("codes are grouped as on the cards", () => {
  assert.equal(login.groupCode("SFMSMF83GR"), "SFMS-MF83-GR");
  assert.equal(login.groupCode("ABCDEFGH"), "ABCD-EFGH");
});

const strings = require(path.join(root, "hotspot/strings.js"));

test("every language has every text, with the same {placeholders}", () => {
  const keys = Object.keys(strings.en).sort();
  const placeholders = (text) => (text.match(/\{\w+\}/g) || []).sort().join(",");
  assert.ok(Object.keys(strings).includes("sw"), "Swahili");
  for (const [language, texts] of Object.entries(strings)) {
    assert.deepEqual(Object.keys(texts).sort(), keys, language);
    for (const key of keys) {
      assert.ok(texts[key].trim().length > 0, `${language}.${key}`);
      assert.equal(placeholders(texts[key]), placeholders(strings.en[key]), `${language}.${key}`);
    }
  }
  assert.notEqual(strings.sw.pay, strings.en.pay);
});

test("plan details leave out what the plan's name already says", () => {
  assert.equal(login.planDetails({ name: "Daily 1 GB", validity: "24 hours", dataLimit: "1 GB" }), "24 hours");
  assert.equal(login.planDetails({ name: "2 hours", validity: "2 hours", dataLimit: null }), "");
  assert.equal(login.planDetails({ name: "Weekly", validity: "7 days", dataLimit: "5 GB" }), "7 days · 5 GB");
});

test("texts are filled and phone examples are local", () => {
  assert.equal(login.fill("Pay {price}", { price: "KES 50.00" }), "Pay KES 50.00");
  assert.equal(login.fill("Character {position}", {}), "Character {position}");
  assert.equal(login.phoneExample("0712 345 678"), "0712 345 678");
  assert.equal(login.phoneExample(null), "+254712345678");
});

test("the page opens in the customer's choice, else the reseller's language, else config.js's, else English", () => {
  const available = { en: {}, sw: {} };
  assert.equal(login.pageLanguage(available, null, "sw", "en"), "sw");
  assert.equal(login.pageLanguage(available, "en", "sw", "sw"), "en");
  assert.equal(login.pageLanguage(available, null, "id", "sw"), "sw");
  assert.equal(login.pageLanguage(available, null, null, null), "en");
  assert.equal(login.pageLanguage(available, "toString", null, null), "en");
});
