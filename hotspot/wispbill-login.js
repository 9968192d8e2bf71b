/*
  WISPbill hotspot login: what the page sends to the router, and how it words plans and numbers. Loaded by login.html (a static file in
  the router's hotspot directory) and by the page's tests under node.

  One rule for every login (the server's HotspotCredentials): a voucher, printed or bought, logs in
  with the canonical code as user name AND password; a subscriber account with its user name and
  password exactly as typed. Codes are normalised as the server does (VoucherCodes.normalize):
  upper case, spaces/dashes/tabs dropped, O read as 0, I and L as 1. Both are tested against the same
  table of typed codes (voucher-code-normalisation.json).
*/
(function (root) {
  "use strict";

  var ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  var MIN_LENGTH = 10;
  var MAX_LENGTH = 32;
  var LOOK_ALIKES = { O: "0", I: "1", L: "1" };

  /** {code: "SFMSMF83GR"} or {error: "required" | "length" | "character", position: n (1-based, in the typed text)}. */
  function normaliseCode(typed) {
    if (typed == null || !/\S/.test(typed)) { return { error: "required" }; }
    var upper = String(typed).toUpperCase();
    var code = "";
    for (var i = 0; i < upper.length; i++) {
      var c = upper.charAt(i);
      if (c === " " || c === "-" || c === "\t") { continue; }
      var mapped = LOOK_ALIKES[c] || c;
      if (ALPHABET.indexOf(mapped) < 0) { return { error: "character", position: i + 1 }; }
      code += mapped;
    }
    if (code.length < MIN_LENGTH || code.length > MAX_LENGTH) { return { error: "length" }; }
    return { code: code };
  }

  /** "SFMSMF83GR" -> "SFMS-MF83-GR", as printed on the cards. */
  function groupCode(code) {
    return String(code).replace(/(.{4})(?=.)/g, "$1-");
  }

  /**
   * What the login form sends. Without an account password the text is a voucher code:
   * {username: code, password: code}, or {error, position} if it cannot be one. With an account
   * password: the user name (trimmed) and the password exactly as typed.
   */
  function credentials(typed, accountPassword) {
    if (accountPassword) {
      var name = String(typed == null ? "" : typed).trim();
      return name ? { username: name, password: accountPassword } : { error: "required" };
    }
    var result = normaliseCode(typed);
    return result.code ? { username: result.code, password: result.code } : result;
  }

  /**
   * The CHAP-MD5 password a RouterOS hotspot checks: hex md5(chap-id + password + chap-challenge).
   * chapId and chapChallenge are the page's $(chap-id) and $(chap-challenge): strings of bytes
   * (octal escapes in the page's JavaScript), one character per byte.
   */
  function chapPassword(chapId, password, chapChallenge) {
    return md5Hex(chapId + utf8(password) + chapChallenge);
  }

  function utf8(text) {
    return unescape(encodeURIComponent(text));
  }

  // ---- MD5 (RFC 1321) over a string whose characters are bytes (0-255).
  function md5Hex(bytes) {
    var n = bytes.length;
    var words = [];
    var i;
    for (i = 0; i < n; i++) { words[i >> 2] |= (bytes.charCodeAt(i) & 0xff) << ((i % 4) * 8); }
    words[n >> 2] |= 0x80 << ((n % 4) * 8);
    var total = (((n + 8) >> 6) + 1) * 16;
    for (i = 0; i < total; i++) { words[i] = words[i] | 0; }
    words[total - 2] = n * 8;
    var a = 0x67452301, b = 0xefcdab89 | 0, c = 0x98badcfe | 0, d = 0x10325476;
    var S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
    var K = [];
    for (i = 0; i < 64; i++) { K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296) | 0; }
    for (var block = 0; block < total; block += 16) {
      var aa = a, bb = b, cc = c, dd = d;
      for (i = 0; i < 64; i++) {
        var f, g, round = i >> 4;
        if (round === 0) { f = (b & c) | (~b & d); g = i; }
        else if (round === 1) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
        else if (round === 2) { f = b ^ c ^ d; g = (3 * i + 5) % 16; }
        else { f = c ^ (b | ~d); g = (7 * i) % 16; }
        var shift = S[round * 4 + (i % 4)];
        var sum = (a + f + K[i] + words[block + g]) | 0;
        a = d; d = c; c = b;
        b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
      }
      a = (a + aa) | 0; b = (b + bb) | 0; c = (c + cc) | 0; d = (d + dd) | 0;
    }
    var hex = "";
    [a, b, c, d].forEach(function (word) {
      for (var j = 0; j < 4; j++) { hex += ("0" + ((word >>> (j * 8)) & 0xff).toString(16)).slice(-2); }
    });
    return hex;
  }

  // ---- what the page shows

  /** The text with each {name} replaced by values[name]. */
  function fill(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (all, name) {
      return values && values[name] != null ? String(values[name]) : all;
    });
  }

  /**
   * A plan's details under its name: validity, data and speed, leaving out what the name already says
   * ("Daily 1 GB" with data "1 GB" shows "24 hours", not "1 GB" twice).
   */
  function planDetails(plan) {
    var name = String(plan.name || "").toLowerCase();
    return [plan.validity, plan.dataLimit].filter(function (part) {
      return part && name.indexOf(String(part).toLowerCase()) < 0;
    }).join(" · ");
  }

  /**
   * How a phone number is typed where the reseller works: the portal API's example (the server reads
   * the number with the same country and checks its length), else the international form.
   */
  function phoneExample(localExample) {
    return localExample || "+254712345678";
  }

  /**
   * The language the page shows: the customer's own choice on this phone, else the reseller's (the
   * portal API's, which is their SMS language), else config.js's, else English; each only if the
   * strings file has it.
   */
  function pageLanguage(available, chosen, reseller, configured) {
    var candidates = [chosen, reseller, configured, "en"];
    for (var i = 0; i < candidates.length; i++) {
      if (candidates[i] && Object.prototype.hasOwnProperty.call(available, candidates[i])) { return candidates[i]; }
    }
    return "en";
  }

  var api = {
    normaliseCode: normaliseCode,
    groupCode: groupCode,
    credentials: credentials,
    chapPassword: chapPassword,
    md5Hex: md5Hex,
    fill: fill,
    planDetails: planDetails,
    phoneExample: phoneExample,
    pageLanguage: pageLanguage
  };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; } else { root.WispbillLogin = api; }
})(this);
