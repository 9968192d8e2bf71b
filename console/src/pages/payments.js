// Payments: every provider payment (portal purchases, STK renewals), newest first, optionally one phone's,
// and the same list as CSV.
import { html, useState } from '../ui/html.js';
import { api, query } from '../api.js';
import { t } from '../i18n.js';
import { DataTable } from '../ui/table.js';
import { Field } from '../ui/field.js';
import { ErrorBox, Loading, PageHeader, errorMessage, usePageData } from '../ui/page.js';
import { dateTime, money } from '../ui/format.js';
import { ExportButton } from '../ui/export.js';

export function paymentColumns() {
  return [
    { key: 'createdAt', label: t('payments.when'), render: p => html`<a href=${`#/payments/${encodeURIComponent(p.id)}`}>${dateTime(p.createdAt)}</a>` },
    { key: 'customerPhone', label: t('payments.phone') },
    { key: 'amount', label: t('payments.amount'), render: p => money(p.amount) },
    { key: 'provider', label: t('payments.provider') },
    { key: 'status', label: t('payments.status'), render: p => html`<span class="badge" data-status=${p.status}>${p.status}</span>` },
  ];
}

function PaymentsPage() {
  const [phone, setPhone] = useState('');
  const [search, setSearch] = useState('');
  const [more, setMore] = useState({ items: [], cursor: null, error: null });
  const { data, error, loading } = usePageData('payments', () => api.get(`/v1/payments${query({ phone: search, limit: 50 })}`), [search]);
  const next = more.cursor === null ? data && data.nextCursor : more.cursor;
  const loadMore = async () => {
    try {
      const page = await api.get(`/v1/payments${query({ phone: search, limit: 50, cursor: next })}`);
      setMore(m => ({ items: [...m.items, ...page.items], cursor: page.nextCursor || '', error: null }));
    } catch (e) {
      setMore(m => ({ ...m, error: errorMessage(e) }));
    }
  };
  const find = event => {
    event.preventDefault();
    setMore({ items: [], cursor: null, error: null });
    setSearch(phone.trim());
  };
  return html`
    <${PageHeader} title=${t('payments.title')}>
      <${ExportButton} id="export-payments" path="/v1/exports/payments" params=${{ phone: search }} />
    </${PageHeader}>
    <form class="search" role="search" onSubmit=${find}>
      <${Field} label=${t('payments.byPhone')} name="payments-phone" type="tel" value=${phone} onInput=${e => setPhone(e.target.value)} />
      <button type="submit" class="secondary" id="find-payments">${t('payments.find')}</button>
    </form>
    <${ErrorBox} error=${error} />
    ${loading && !data ? html`<${Loading} />` : data && html`
      <${DataTable} columns=${paymentColumns()} rows=${[...data.items, ...more.items]} empty=${t('payments.empty')} />
      ${next && html`<div class="buttons"><button type="button" class="secondary" onClick=${loadMore}>${t('payments.more')}</button></div>`}
      ${more.error && html`<p class="form-error" role="alert">${more.error}</p>`}`}`;
}

export default { id: 'payments', path: '/payments', nav: 'payments.nav', route: 'GET /v1/payments', view: PaymentsPage };
