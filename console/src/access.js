// What the signed-in caller may do: GET /v1/me's routes ("METHOD /template"), straight from the one
// role→route table the API enforces. The console keeps no copy of it; it only asks.
let me = null;

export function setMe(value) {
  me = value;
}

export function currentMe() {
  return me;
}

/** Whether the caller may call route, e.g. can('POST /v1/voucher-batches'). */
export function can(route) {
  return Boolean(me && Array.isArray(me.routes) && me.routes.includes(route));
}

/** The reseller's IANA zone, in which the console shows every time. */
export function zone() {
  return me?.reseller?.zone || 'UTC';
}

export function currency() {
  return me?.reseller?.currency || 'KES';
}
