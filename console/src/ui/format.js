// Numbers as people read them, in the console's language. Money comes from the API in integer minor
// units with its currency and is shown exactly: the amount is handed to Intl as a decimal string, never
// divided as a floating-point number. Times are shown in the reseller's zone (access.zone()).
import { locale } from '../i18n.js';
import { zone } from '../access.js';

export function fractionDigits(currency) {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
}

/** The decimal string of amountMinor in a currency with `digits` minor digits: (12345, 2) → "123.45". */
export function decimalOf(amountMinor, digits) {
  const minor = BigInt(amountMinor);
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, text.length - digits);
  const fraction = digits === 0 ? '' : `.${text.slice(text.length - digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** KES 1,234.50 from (123450, 'KES'); accepts the API's MoneyView {amountMinor, currency} too. */
export function money(amountMinor, currency) {
  if (amountMinor && typeof amountMinor === 'object') {
    return money(amountMinor.amountMinor, amountMinor.currency);
  }
  if (amountMinor === null || amountMinor === undefined) return '';
  const digits = fractionDigits(currency);
  return new Intl.NumberFormat(locale(), { style: 'currency', currency, minimumFractionDigits: digits })
    .format(decimalOf(amountMinor, digits));
}

/** Minor units from what a person typed ("150", "150.5") for a currency; null when it is not an amount. */
export function minorOf(text, currency) {
  const digits = fractionDigits(currency);
  const match = /^\s*(\d+)(?:[.,](\d*))?\s*$/.exec(String(text));
  if (!match || (match[2] || '').length > digits) return null;
  const fraction = (match[2] || '').padEnd(digits, '0');
  return Number(BigInt(match[1]) * 10n ** BigInt(digits) + BigInt(fraction || '0'));
}

export function number(value) {
  return new Intl.NumberFormat(locale()).format(value);
}

export function dateTime(instant, timeZone = zone()) {
  if (!instant) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(instant));
}

/** A calendar day from the API ("2026-12-05", already the reseller's day) shown as a date. */
export function day(isoDate) {
  if (!isoDate) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
}

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** Bytes in decimal units (10^3), as the plans' data limits count them. */
export function bytes(value) {
  let amount = Number(value) || 0;
  let unit = 0;
  while (amount >= 1000 && unit < BYTE_UNITS.length - 1) {
    amount /= 1000;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale(), { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(amount)} ${BYTE_UNITS[unit]}`;
}
