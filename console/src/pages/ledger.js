// The ledger: every money entry of a period (the reseller's days), the balance, and the period as CSV
// (RFC 4180, the same entries in the same order; a page of at most 500 rows per file, the rest follows).
import { html, useState } from '../ui/html.js';
import { api, query, saveFile } from '../api.js';
import { can } from '../access.js';
import { t } from '../i18n.js';
import { DataTable } from '../ui/table.js';
import { Field, FormError } from '../ui/field.js';
import { ErrorBox, Loading, PageHeader, errorMessage, usePageData } from '../ui/page.js';
import { dateTime, day, money } from '../ui/format.js';

function LedgerPage() {
  const [period, setPeriod] = useState({ from: '', to: '' });
  const [typed, setTyped] = useState({ from: '', to: '' });
  const [more, setMore] = useState({ items: [], cursor: null });
  const [problem, setProblem] = useState(null);
  const [exporting, setExporting] = useState(false);
  const { data, error, loading } = usePageData('ledger', async () => {
    const [entries, balance] = await Promise.all([
      api.get(`/v1/ledger${query({ ...period, limit: 100 })}`),
      can('GET /v1/balance') ? api.get('/v1/balance') : null,
    ]);
    return { entries, balance };
  }, [period.from, period.to]);
  const next = more.cursor === null ? data && data.entries.nextCursor : more.cursor;
  const show = event => {
    event.preventDefault();
    setMore({ items: [], cursor: null });
    setProblem(null);
    setPeriod({ ...typed });
  };
  const loadMore = async () => {
    try {
      const page = await api.get(`/v1/ledger${query({ ...period, limit: 100, cursor: next })}`);
      setMore(m => ({ items: [...m.items, ...page.items], cursor: page.nextCursor || '' }));
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };
  /** One file per export page: while the API says there is more (X-Next-Cursor), the next page follows. */
  const exportCsv = async () => {
    setExporting(true);
    setProblem(null);
    try {
      let cursor = null;
      let part = 1;
      do {
        const path = `/v1/exports/ledger${query({ ...period, cursor })}`;
        const response = await api.get(path, { as: 'response' });
        const blob = await response.blob();
        const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') || '');
        const base = named ? named[1].replace(/\.csv$/, '') : 'ledger';
        saveFile(blob, part === 1 ? `${base}.csv` : `${base}-${part}.csv`);
        cursor = response.headers.get('x-next-cursor');
        part += 1;
      } while (cursor);
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };
  const columns = [
    { key: 'at', label: t('ledger.at'), render: e => dateTime(e.at) },
    { key: 'businessDate', label: t('ledger.day'), render: e => day(e.businessDate) },
    { key: 'type', label: t('ledger.type'), render: e => t(`ledger.types.${e.type}`) },
    { key: 'amount', label: t('ledger.amount'), render: e => money(e.amount) },
    { key: 'memo', label: t('ledger.memo'), render: e => e.memo || '—' },
    { key: 'paymentId', label: t('ledger.payment'),
      render: e => (e.paymentId ? html`<a href=${`#/payments/${encodeURIComponent(e.paymentId)}`}>${t('ledger.open')}</a>` : '—') },
  ];
  return html`
    <${PageHeader} title=${t('ledger.title')}>
      ${can('GET /v1/exports/ledger') && html`<button type="button" class="secondary" id="export-ledger" disabled=${exporting}
        onClick=${exportCsv}>${t('ledger.export')}</button>`}
    </${PageHeader}>
    ${data && data.balance && html`<p class="card">${t('ledger.balance')} <strong id="ledger-balance">${money(data.balance.balance)}</strong></p>`}
    <form class="search" onSubmit=${show} aria-label=${t('ledger.period')}>
      <${Field} label=${t('ledger.from')} name="from" type="date" value=${typed.from} onInput=${e => setTyped({ ...typed, from: e.target.value })} />
      <${Field} label=${t('ledger.to')} name="to" type="date" value=${typed.to} onInput=${e => setTyped({ ...typed, to: e.target.value })} />
      <button type="submit" class="secondary" id="show-ledger">${t('ledger.show')}</button>
    </form>
    <${FormError} error=${problem} />
    <${ErrorBox} error=${error} />
    ${loading && !data ? html`<${Loading} />` : data && html`
      <${DataTable} columns=${columns} rows=${[...data.entries.items, ...more.items]} empty=${t('ledger.empty')}
        caption=${period.from || period.to ? t('ledger.captionPeriod', { from: day(period.from) || '…', to: day(period.to) || '…' }) : t('ledger.captionToday')} />
      ${next && html`<div class="buttons"><button type="button" class="secondary" onClick=${loadMore}>${t('ledger.more')}</button></div>`}`}`;
}

export default { id: 'ledger', path: '/ledger', nav: 'ledger.nav', route: 'GET /v1/ledger', view: LedgerPage };
