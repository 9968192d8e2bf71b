// Subscribers: customers, found by phone or listed a page at a time (all of them as CSV), and a new
// customer (then their subscriptions on #/subscribers/<customerId>).
import { html, useState } from '../ui/html.js';
import { api, query } from '../api.js';
import { can } from '../access.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';
import { DataTable } from '../ui/table.js';
import { Field, FormError } from '../ui/field.js';
import { useForm } from '../ui/form.js';
import { ErrorBox, Loading, PageHeader, errorMessage, usePageData } from '../ui/page.js';
import { dateTime } from '../ui/format.js';
import { toast } from '../ui/toast.js';
import { ExportButton } from '../ui/export.js';

export const CUSTOMER_FIELDS = ['phone', 'name', 'email', 'location'];

/** The API's body for the customer form: every detail, the empty ones left out. */
export function customerBody(values) {
  return Object.fromEntries(CUSTOMER_FIELDS.filter(k => values[k].trim()).map(k => [k, values[k].trim()]));
}

export function CustomerFields({ form }) {
  const { values, set, errors } = form;
  return html`
    <${Field} label=${t('subscribers.phone')} name="phone" type="tel" autocomplete="off" hint=${t('subscribers.phoneHint')}
      value=${values.phone} onInput=${set('phone')} error=${errors.phone} required />
    <${Field} label=${t('subscribers.name')} name="name" value=${values.name} onInput=${set('name')} error=${errors.name} />
    <${Field} label=${t('subscribers.email')} name="email" type="email" value=${values.email} onInput=${set('email')} error=${errors.email} />
    <${Field} label=${t('subscribers.location')} name="location" value=${values.location} onInput=${set('location')} error=${errors.location} />`;
}

function NewCustomer({ onCancel }) {
  const form = useForm({ phone: '', name: '', email: '', location: '' }, CUSTOMER_FIELDS);
  const create = form.submit(async values => {
    const customer = await api.post('/v1/customers', customerBody(values));
    toast(t('subscribers.customerSaved', { phone: customer.phone }));
    navigate(`/subscribers/${encodeURIComponent(customer.id)}`);
  });
  return html`
    <form class="card form" id="customer-form" onSubmit=${create} novalidate>
      <h2>${t('subscribers.newCustomer')}</h2>
      <${CustomerFields} form=${form} />
      <${FormError} error=${form.error} />
      <div class="buttons">
        <button type="button" class="secondary" onClick=${onCancel}>${t('subscribers.cancel')}</button>
        <button type="submit" id="create-customer" disabled=${form.busy}>${t('subscribers.create')}</button>
      </div>
    </form>`;
}

function SubscribersPage() {
  const [phone, setPhone] = useState('');
  const [search, setSearch] = useState('');
  const [cursor, setCursor] = useState(null);
  const [creating, setCreating] = useState(false);
  const [more, setMore] = useState([]);
  const [moreError, setMoreError] = useState(null);
  const { data, error, loading } = usePageData('subscribers',
    () => api.get(`/v1/customers${query({ phone: search, limit: 50 })}`), [search]);
  const rows = data ? [...data.items, ...more] : [];
  const next = cursor === null ? data && data.nextCursor : cursor;
  const loadMore = async () => {
    try {
      const page = await api.get(`/v1/customers${query({ limit: 50, cursor: next })}`);
      setMore(m => [...m, ...page.items]);
      setCursor(page.nextCursor || '');
    } catch (e) {
      setMoreError(errorMessage(e));
    }
  };
  const find = event => {
    event.preventDefault();
    setMore([]);
    setCursor(null);
    setSearch(phone.trim());
  };
  const columns = [
    { key: 'phone', label: t('subscribers.phone'), render: c => html`<a href=${`#/subscribers/${encodeURIComponent(c.id)}`}>${c.phone}</a>` },
    { key: 'name', label: t('subscribers.name'), render: c => c.name || '—' },
    { key: 'location', label: t('subscribers.location'), render: c => c.location || '—' },
    { key: 'createdAt', label: t('subscribers.since'), render: c => dateTime(c.createdAt) },
  ];
  return html`
    <${PageHeader} title=${t('subscribers.title')}>
      <${ExportButton} id="export-customers" path="/v1/exports/customers" />
      ${can('POST /v1/customers') && !creating && html`
        <button type="button" id="new-customer" onClick=${() => setCreating(true)}>${t('subscribers.newCustomer')}</button>`}
    </${PageHeader}>
    ${creating && html`<${NewCustomer} onCancel=${() => setCreating(false)} />`}
    <form class="search" role="search" onSubmit=${find}>
      <${Field} label=${t('subscribers.findByPhone')} name="search-phone" type="tel" value=${phone}
        onInput=${e => setPhone(e.target.value)} />
      <button type="submit" class="secondary" id="find-customer">${t('subscribers.find')}</button>
    </form>
    <${ErrorBox} error=${error} />
    ${loading && !data ? html`<${Loading} />` : data && html`
      <${DataTable} columns=${columns} rows=${rows} empty=${search ? t('subscribers.noneFound') : t('subscribers.empty')} />
      ${next && !search && html`<div class="buttons"><button type="button" class="secondary" onClick=${loadMore}>${t('subscribers.more')}</button></div>`}
      ${moreError && html`<p class="form-error" role="alert">${moreError}</p>`}`}`;
}

export default { id: 'subscribers', path: '/subscribers', nav: 'subscribers.nav', route: 'GET /v1/customers', view: SubscribersPage };
