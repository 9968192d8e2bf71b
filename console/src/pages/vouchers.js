// Voucher batches: order (plan, count, router) and watch it to READY, print its sheet, export its vouchers
// as CSV, void what was never sold; look a voucher up by its printed code and revoke it with a reason.
import { html, useEffect, useRef, useState } from '../ui/html.js';
import { api, ApiError, query } from '../api.js';
import { can } from '../access.js';
import { t } from '../i18n.js';
import { DataTable } from '../ui/table.js';
import { Field, FormError } from '../ui/field.js';
import { ConfirmDialog } from '../ui/dialog.js';
import { ProgressBar } from '../ui/progress.js';
import { ErrorBox, Loading, PageHeader, errorMessage, usePageData } from '../ui/page.js';
import { dateTime, number } from '../ui/format.js';
import { toast } from '../ui/toast.js';
import { ExportButton } from '../ui/export.js';

const POLL_MS = 1000;
const FINAL = ['READY', 'FAILED'];
const LOGIN_URL_KEY = 'wispbill.sheetLoginUrl';
const DEFAULT_LOGIN_URL = 'http://hotspot.lan/login';

/**
 * How far a batch is, 0-100: generating the codes is the first half, putting them on the routers the
 * second (confirmed parts of the provisioning), READY is 100.
 */
export function batchProgress(batch) {
  if (batch.status === 'READY') return 100;
  if (batch.status === 'FAILED' || batch.quantity === 0) return 0;
  const generated = Math.min(1, batch.generatedCount / batch.quantity);
  const provisioned = batch.status === 'PENDING_ROUTER' && batch.provisioningParts > 0
    ? Math.min(1, batch.confirmedParts / batch.provisioningParts) : 0;
  return Math.floor(generated * 50 + provisioned * 50);
}

function statusText(batch) {
  switch (batch.status) {
    case 'QUEUED': return t('vouchers.queued');
    case 'GENERATING': return t('vouchers.generating', { done: number(batch.generatedCount), total: number(batch.quantity) });
    case 'PENDING_ROUTER': return batch.pendingReason
      ? t('vouchers.pendingReason', { reason: batch.pendingReason })
      : t('vouchers.onRouter', { done: batch.confirmedParts, total: batch.provisioningParts });
    case 'READY': return t('vouchers.ready');
    case 'FAILED': return t('vouchers.failed', { reason: batch.failureReason || '' });
    default: return batch.status;
  }
}

function newIdempotencyKey() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

/** Polls the batch until it is READY or FAILED, calling onChange with each new state. */
function useBatchWatch(batch, onChange) {
  const timer = useRef(null);
  useEffect(() => {
    if (!batch || FINAL.includes(batch.status)) return undefined;
    let stopped = false;
    const tick = async () => {
      try {
        const fresh = await api.get(`/v1/voucher-batches/${encodeURIComponent(batch.id)}`);
        if (stopped) return;
        onChange(fresh);
        if (!FINAL.includes(fresh.status)) timer.current = setTimeout(tick, POLL_MS);
      } catch (e) {
        if (!stopped) timer.current = setTimeout(tick, POLL_MS * 3);
      }
    };
    timer.current = setTimeout(tick, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer.current);
    };
  }, [batch?.id, batch && FINAL.includes(batch.status)]);
}

function OrderForm({ plans, routers, onOrdered }) {
  const active = plans.filter(p => p.active);
  const [form, setForm] = useState({ planId: active[0]?.id || '', quantity: '50', routerId: routers[0]?.id || '' });
  const [key] = useState(newIdempotencyKey);
  const [errors, setErrors] = useState({});
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = name => e => setForm({ ...form, [name]: e.target.value });
  const submit = async event => {
    event.preventDefault();
    const quantity = Number.parseInt(form.quantity, 10);
    const own = {};
    if (!form.planId) own.planId = t('vouchers.choosePlan');
    if (!form.routerId) own.routerIds = t('vouchers.chooseRouter');
    if (!(quantity >= 1 && quantity <= 10000)) own.quantity = t('vouchers.quantityInvalid');
    setErrors(own);
    setError(null);
    if (Object.keys(own).length) return;
    setBusy(true);
    try {
      const batch = await api.post('/v1/voucher-batches', { planId: form.planId, routerIds: [form.routerId], quantity },
        { headers: { 'Idempotency-Key': key } });
      onOrdered(batch);
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) {
        const byField = {};
        e.errors.forEach(x => { byField[x.field.replace(/\[.*$/, '')] = x.message; });
        setErrors(byField);
      }
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return html`
    <form class="card form" id="order-form" onSubmit=${submit} novalidate>
      <h2>${t('vouchers.order')}</h2>
      <${Field} as="select" label=${t('vouchers.plan')} name="planId" value=${form.planId} onChange=${set('planId')} error=${errors.planId}>
        ${active.map(p => html`<option value=${p.id}>${p.name}</option>`)}
      </${Field}>
      <div class="row">
        <${Field} label=${t('vouchers.quantity')} name="quantity" type="number" min="1" max="10000" value=${form.quantity}
          onInput=${set('quantity')} error=${errors.quantity} />
        <${Field} as="select" label=${t('vouchers.router')} name="routerId" value=${form.routerId} onChange=${set('routerId')}
          error=${errors.routerIds}>
          ${routers.map(r => html`<option value=${r.id}>${r.name}</option>`)}
        </${Field}>
      </div>
      <${FormError} error=${error} />
      <div class="buttons"><button type="submit" id="order-batch" disabled=${busy}>${t('vouchers.orderButton')}</button></div>
    </form>`;
}

/**
 * Opens one sheet of the batch (HTML from the API, with the session; at most 1000 cards, from cursor)
 * in a new tab; returns the cursor of the next sheet, or null when this one was the last.
 */
async function openSheet(batch, loginUrl, cursor) {
  // Opened now, while the click still counts as the person's: a window opened after the fetch would be
  // blocked as a pop-up.
  const tab = window.open('', '_blank');
  try {
    const response = await api.get(
      `/v1/voucher-batches/${encodeURIComponent(batch.id)}/sheet${query({ loginUrl, format: 'html', cursor })}`, { as: 'response' });
    const sheet = response.status === 204 ? null : await response.text();
    if (!tab) {
      toast(t('vouchers.popupBlocked'), 'error');
      return cursor;
    }
    tab.document.open();
    tab.document.write(sheet || `<p>${t('vouchers.nothingToPrint')}</p>`);
    tab.document.close();
    adoptSheetStyles(tab);
    return response.headers.get('X-Next-Cursor');
  } catch (e) {
    tab?.close();
    toast(errorMessage(e), 'error');
    return cursor;
  }
}

/**
 * The tab opened by the console inherits the console's Content-Security-Policy (style-src 'self'), which
 * refuses the sheet's inline <style>. A constructed stylesheet is CSSOM, which style-src does not govern, so
 * the same CSS is applied that way (applying it twice where the <style> is allowed changes nothing).
 */
function adoptSheetStyles(tab) {
  const doc = tab.document;
  const css = [...doc.querySelectorAll('style')].map(style => style.textContent).join('\n');
  if (!css) return;
  const styles = new tab.CSSStyleSheet();
  styles.replaceSync(css);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, styles];
}

function Lookup() {
  const [code, setCode] = useState('');
  const [voucher, setVoucher] = useState(null);
  const [error, setError] = useState(null);
  const [revoking, setRevoking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const find = async event => {
    event.preventDefault();
    setError(null);
    setVoucher(null);
    try {
      setVoucher(await api.get(`/v1/vouchers${query({ code: code.trim() })}`));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? t('vouchers.notFound') : errorMessage(e));
    }
  };
  const revoke = async () => {
    setBusy(true);
    try {
      const body = reason.trim() ? { reason: reason.trim() } : {};
      setVoucher(await api.post(`/v1/vouchers/${encodeURIComponent(voucher.id)}/revoke`, body));
      setRevoking(false);
      setReason('');
      toast(t('vouchers.revoked'));
    } catch (e) {
      toast(errorMessage(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  return html`
    <section class="card" aria-labelledby="lookup-title">
      <h2 id="lookup-title">${t('vouchers.lookup')}</h2>
      <form onSubmit=${find} class="row lookup">
        <${Field} label=${t('vouchers.code')} name="code" autocomplete="off" value=${code} onInput=${e => setCode(e.target.value)} />
        <div class="buttons"><button type="submit" id="find-voucher">${t('vouchers.find')}</button></div>
      </form>
      <${FormError} error=${error} />
      ${voucher && html`
        <dl class="details" id="voucher-details">
          <dt>${t('vouchers.code')}</dt><dd class="code">${voucher.displayCode || voucher.code}</dd>
          <dt>${t('vouchers.status')}</dt><dd>${t(`vouchers.status_${voucher.status}`)}</dd>
          ${voucher.soldAt && html`<dt>${t('vouchers.soldAt')}</dt><dd>${dateTime(voucher.soldAt)}</dd>`}
          ${voucher.firstUsedAt && html`<dt>${t('vouchers.firstUsedAt')}</dt><dd>${dateTime(voucher.firstUsedAt)}</dd>`}
          ${voucher.expiresAt && html`<dt>${t('vouchers.expiresAt')}</dt><dd>${dateTime(voucher.expiresAt)}</dd>`}
          ${voucher.revokeReason && html`<dt>${t('vouchers.revokeReason')}</dt><dd>${voucher.revokeReason}</dd>`}
        </dl>
        ${can('POST /v1/vouchers/{voucherId}/revoke') && ['NEW', 'ACTIVE'].includes(voucher.status) && html`
          <button type="button" class="danger" id="revoke-voucher" onClick=${() => setRevoking(true)}>${t('vouchers.revoke')}</button>`}`}
      ${revoking && html`
        <${ConfirmDialog} title=${t('vouchers.revokeTitle')} message=${t('vouchers.revokeMessage')} confirmLabel=${t('vouchers.revoke')}
          danger busy=${busy} onConfirm=${revoke} onCancel=${() => setRevoking(false)}>
          <${Field} as="textarea" label=${t('vouchers.reason')} name="revokeReason" maxlength="500" value=${reason}
            onInput=${e => setReason(e.target.value)} />
        </${ConfirmDialog}>`}
    </section>`;
}

async function load() {
  const [batches, plans, routers] = await Promise.all([
    api.get('/v1/voucher-batches?limit=50'),
    can('GET /v1/plans') ? api.get('/v1/plans?limit=100') : Promise.resolve({ items: [] }),
    can('GET /v1/routers') ? api.get('/v1/routers?limit=100') : Promise.resolve({ items: [] }),
  ]);
  return { batches: batches.items, plans: plans.items, routers: routers.items.filter(r => r.status !== 'RETIRED') };
}

function VouchersPage() {
  const { data, error, loading, reload } = usePageData('vouchers', load);
  const [ordering, setOrdering] = useState(false);
  const [watched, setWatched] = useState(null);
  const [voiding, setVoiding] = useState(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [loginUrl, setLoginUrl] = useState(() => localStorage.getItem(LOGIN_URL_KEY) || DEFAULT_LOGIN_URL);
  // Where the next sheet of a batch starts, for batches of more than one sheet (1000 cards).
  const [nextSheet, setNextSheet] = useState({});
  const print = async (batch, cursor) => {
    const next = await openSheet(batch, loginUrl, cursor);
    setNextSheet(sheets => ({ ...sheets, [batch.id]: next }));
  };
  useBatchWatch(watched, fresh => {
    setWatched(fresh);
    if (FINAL.includes(fresh.status)) reload();
  });
  const planName = id => data?.plans.find(p => p.id === id)?.name || id;
  const routerName = id => data?.routers.find(r => r.id === id)?.name || id;
  const batchName = b => t('vouchers.batchOf', { count: number(b.quantity), plan: planName(b.planId) });
  const voidBatch = async () => {
    setBusy(true);
    try {
      let cursor = null;
      let voided = 0;
      do {
        const body = reason.trim() ? { reason: reason.trim() } : {};
        const answer = await api.post(`/v1/voucher-batches/${encodeURIComponent(voiding.id)}/void${query({ cursor })}`, body);
        voided += answer.voided;
        cursor = answer.nextCursor;
      } while (cursor);
      toast(t('vouchers.voided', { count: number(voided) }));
      setVoiding(null);
      setReason('');
      reload();
    } catch (e) {
      toast(errorMessage(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  const keepLoginUrl = e => {
    setLoginUrl(e.target.value);
    localStorage.setItem(LOGIN_URL_KEY, e.target.value);
  };
  const canSheet = can('GET /v1/voucher-batches/{batchId}/sheet');
  const columns = [
    { key: 'createdAt', label: t('vouchers.ordered'), render: b => dateTime(b.createdAt) },
    { key: 'planId', label: t('vouchers.plan'), render: b => planName(b.planId) },
    { key: 'quantity', label: t('vouchers.quantity'), render: b => number(b.quantity) },
    { key: 'routerIds', label: t('vouchers.router'), render: b => b.routerIds.map(routerName).join(', ') },
    { key: 'status', label: t('vouchers.status'), render: b => statusText(b) },
  ];
  const actions = {
    label: t('common.actions'),
    render: b => html`
      ${b.status === 'READY' && canSheet && html`<button type="button" class="secondary small" id=${`print-${b.id}`} onClick=${() => print(b, null)}
        aria-label=${t('common.named', { action: t('vouchers.print'), name: batchName(b) })}>${t('vouchers.print')}</button>`}
      ${b.status === 'READY' && canSheet && nextSheet[b.id] && html`<button type="button" class="secondary small"
        onClick=${() => print(b, nextSheet[b.id])}
        aria-label=${t('common.named', { action: t('vouchers.printNext'), name: batchName(b) })}>${t('vouchers.printNext')}</button>`}
      ${b.status === 'READY' && html`<${ExportButton} small id=${`export-${b.id}`}
        path="/v1/exports/vouchers" params=${{ batchId: b.id }} name=${batchName(b)} />`}
      ${b.status === 'READY' && can('POST /v1/voucher-batches/{batchId}/void') && html`<button type="button" class="danger small"
        id=${`void-${b.id}`} onClick=${() => setVoiding(b)} aria-label=${t('common.named', { action: t('vouchers.void'), name: batchName(b) })}>${t('vouchers.void')}</button>`}`,
  };
  return html`
    <${PageHeader} title=${t('vouchers.title')}>
      ${can('POST /v1/voucher-batches') && !ordering && html`<button type="button" id="new-batch" onClick=${() => setOrdering(true)}>${t('vouchers.order')}</button>`}
    </${PageHeader}>
    <${ErrorBox} error=${error} />
    ${ordering && data && html`<${OrderForm} plans=${data.plans} routers=${data.routers}
      onOrdered=${batch => { setOrdering(false); setWatched(batch); reload(); }} />`}
    ${watched && html`
      <section class="card" id="batch-progress" aria-live="polite">
        <h2>${t('vouchers.batchOf', { count: number(watched.quantity), plan: planName(watched.planId) })}</h2>
        <${ProgressBar} label=${t('vouchers.progress')} value=${batchProgress(watched)} max=${100} text=${statusText(watched)} />
        ${watched.status === 'READY' && canSheet && html`
          <div class="buttons"><button type="button" id="print-watched" onClick=${() => print(watched, null)}>${t('vouchers.print')}</button></div>`}
      </section>`}
    ${canSheet && html`
      <div class="card">
        <${Field} label=${t('vouchers.loginUrl')} name="loginUrl" type="url" hint=${t('vouchers.loginUrlHint')} value=${loginUrl}
          onInput=${keepLoginUrl} />
      </div>`}
    <section aria-labelledby="batches-title">
      <h2 id="batches-title">${t('vouchers.batches')}</h2>
      ${loading && !data ? html`<${Loading} />` : data && html`
        <${DataTable} columns=${columns} rows=${data.batches} actions=${actions} empty=${t('vouchers.noBatches')} />`}
    </section>
    ${can('GET /v1/vouchers') && html`<${Lookup} />`}
    ${voiding && html`
      <${ConfirmDialog} title=${t('vouchers.voidTitle', { count: number(voiding.quantity), plan: planName(voiding.planId) })}
        message=${t('vouchers.voidMessage')} confirmLabel=${t('vouchers.void')} danger busy=${busy} onConfirm=${voidBatch}
        onCancel=${() => setVoiding(null)}>
        <${Field} as="textarea" label=${t('vouchers.reason')} name="voidReason" maxlength="500" value=${reason}
          onInput=${e => setReason(e.target.value)} />
      </${ConfirmDialog}>`}`;
}

export default { id: 'vouchers', path: '/vouchers', nav: 'nav.vouchers', route: 'GET /v1/voucher-batches', view: VouchersPage };
