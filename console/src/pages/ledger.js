// The ledger: every money entry of a period (the reseller's days), the balance, and the period as CSV
// (RFC 4180, the same entries in the same order; a page of at most 500 rows per file, the rest follows).
import { html, useState } from '../ui/html.js';
import { api, query } from '../api.js';
import { can } from '../access.js';
import { t } from '../i18n.js';
import { DataTable } from '../ui/table.js';
import { Field, FormError } from '../ui/field.js';
import { ErrorBox, Loading, PageHeader, errorMessage, usePageData } from '../ui/page.js';
import { dateTime, day, money } from '../ui/format.js';
import { ExportButton } from '../ui/export.js';

function LedgerPage() {
  const [period, setPeriod] = useState({ from: '', to: '' });
  const [typed, setTyped] = useState({ from: '', to: '' });
  const [more, setMore] = useState({ items: [], cursor: null });
  const [problem, setProblem] = useState(null);
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
      <${ExportButton} id="export-ledger" path="/v1/exports/ledger" params=${period} />
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
