// One customer: details, subscriptions (new hotspot or PPPoE login; renew with cash, STK push, suspend,
// resume, end), wallet, payments and the messages sent to them.
import { html, useState } from '../ui/html.js';
import { api, query } from '../api.js';
import { can, currency } from '../access.js';
import { t } from '../i18n.js';
import { DataTable } from '../ui/table.js';
import { Field, FormError } from '../ui/field.js';
import { Check, useForm } from '../ui/form.js';
import { ConfirmDialog } from '../ui/dialog.js';
import { ErrorBox, Loading, PageHeader, errorMessage, usePageData } from '../ui/page.js';
import { dateTime, decimalOf, fractionDigits, minorOf, money } from '../ui/format.js';
import { toast } from '../ui/toast.js';
import { CUSTOMER_FIELDS, CustomerFields, customerBody } from './subscribers.js';
import { firstItemPath } from '../ui/sample.js';

/** A key per attempt, so a repeated click or a retry after a lost answer renews (or tops up) once. */
function idempotencyKey() {
  return crypto.randomUUID();
}

/** The body of a cash renewal or top-up ({amountMinor, memo?}), or null with the amount's error on the form. */
function cashBody(form, values, code) {
  const amountMinor = minorOf(values.amount, code);
  if (amountMinor === null) {
    form.setErrors({ amountMinor: t('subscribers.amountInvalid') });
    return null;
  }
  const body = { amountMinor };
  if (values.memo.trim()) body.memo = values.memo.trim();
  return body;
}

function EditCustomer({ customer, onDone, onCancel }) {
  const form = useForm(Object.fromEntries(CUSTOMER_FIELDS.map(k => [k, customer[k] || ''])), CUSTOMER_FIELDS);
  const save = form.submit(async values => {
    await api.put(`/v1/customers/${encodeURIComponent(customer.id)}`, customerBody(values));
    toast(t('subscribers.customerSaved', { phone: values.phone }));
    onDone();
  });
  return html`
    <form class="card form" id="customer-edit" onSubmit=${save} novalidate>
      <h2>${t('subscribers.editCustomer')}</h2>
      <${CustomerFields} form=${form} />
      <${FormError} error=${form.error} />
      <div class="buttons">
        <button type="button" class="secondary" onClick=${onCancel}>${t('subscribers.cancel')}</button>
        <button type="submit" id="save-customer" disabled=${form.busy}>${t('subscribers.save')}</button>
      </div>
    </form>`;
}

const SUBSCRIPTION_FIELDS = ['kind', 'planId', 'routerId', 'username', 'password', 'staticIp', 'macAddress'];

function NewSubscription({ customer, plans, routers, onDone, onCancel }) {
  const form = useForm({ kind: 'PPPOE', planId: plans[0] ? plans[0].id : '', routerId: routers[0] ? routers[0].id : '',
    username: '', password: '', staticIp: '', macAddress: '', autoRenew: false }, SUBSCRIPTION_FIELDS);
  const { values, set, errors } = form;
  const pppoe = values.kind === 'PPPOE';
  const create = form.submit(async v => {
    const body = { customerId: customer.id, planId: v.planId, routerId: v.routerId, kind: v.kind, username: v.username.trim(),
      password: v.password, autoRenew: v.autoRenew };
    if (pppoe && v.staticIp.trim()) body.staticIp = v.staticIp.trim();
    if (pppoe && v.macAddress.trim()) body.macAddress = v.macAddress.trim();
    const made = await api.post('/v1/subscriptions', body);
    // The router login is the subscriber's to keep; the form forgets it.
    form.setValues(x => ({ ...x, password: '' }));
    toast(t('subscribers.subscriptionMade', { username: made.subscription.username }));
    onDone();
  });
  return html`
    <form class="card form" id="subscription-form" onSubmit=${create} novalidate autocomplete="off">
      <h2>${t('subscribers.newSubscription')}</h2>
      <${Field} as="select" label=${t('subscribers.kind')} name="kind" value=${values.kind} onChange=${set('kind')} error=${errors.kind}>
        <option value="PPPOE">${t('subscribers.kindPPPOE')}</option>
        <option value="HOTSPOT">${t('subscribers.kindHOTSPOT')}</option>
      </${Field}>
      <${Field} as="select" label=${t('subscribers.plan')} name="planId" value=${values.planId} onChange=${set('planId')} error=${errors.planId} required>
        ${plans.map(p => html`<option value=${p.id}>${p.name} (${money(p.price)})</option>`)}
      </${Field}>
      <${Field} as="select" label=${t('subscribers.router')} name="routerId" value=${values.routerId} onChange=${set('routerId')} error=${errors.routerId} required>
        ${routers.map(r => html`<option value=${r.id}>${r.name}</option>`)}
      </${Field}>
      <${Field} label=${pppoe ? t('subscribers.secretName') : t('subscribers.username')} name="username" autocomplete="off"
        value=${values.username} onInput=${set('username')} error=${errors.username} required />
      <${Field} label=${t('subscribers.password')} name="password" type="password" autocomplete="new-password"
        value=${values.password} onInput=${set('password')} error=${errors.password} required />
      ${pppoe && html`
        <${Field} label=${t('subscribers.staticIp')} name="staticIp" inputmode="decimal" hint=${t('subscribers.optional')}
          value=${values.staticIp} onInput=${set('staticIp')} error=${errors.staticIp} />
        <${Field} label=${t('subscribers.macAddress')} name="macAddress" hint=${t('subscribers.optional')}
          value=${values.macAddress} onInput=${set('macAddress')} error=${errors.macAddress} />`}
      <${Check} name="autoRenew" label=${t('subscribers.autoRenew')} checked=${values.autoRenew} onChange=${set('autoRenew')} />
      <${FormError} error=${form.error} />
      <div class="buttons">
        <button type="button" class="secondary" onClick=${onCancel}>${t('subscribers.cancel')}</button>
        <button type="submit" id="create-subscription" disabled=${form.busy}>${t('subscribers.create')}</button>
      </div>
    </form>`;
}

/** Cash renewal: one period of the plan for the cash taken (the plan's price unless changed). */
function RenewDialog({ subscription, plan, onDone, onCancel }) {
  const code = plan ? plan.price.currency : currency();
  const form = useForm({ amount: plan ? decimalOf(plan.price.amountMinor, fractionDigits(code)) : '', memo: '' }, ['amountMinor', 'memo']);
  const [key] = useState(idempotencyKey);
  const renew = form.submit(async v => {
    const body = cashBody(form, v, code);
    if (!body) return;
    const renewed = await api.post(`/v1/subscriptions/${encodeURIComponent(subscription.id)}/renew`, body,
      { headers: { 'Idempotency-Key': key } });
    toast(t('subscribers.renewed', { until: dateTime(renewed.subscription.expiresAt) }));
    onDone();
  });
  return html`
    <${ConfirmDialog} title=${t('subscribers.renewTitle', { username: subscription.username })}
      message=${t('subscribers.renewMessage', { plan: plan ? plan.name : subscription.planId })}
      confirmLabel=${t('subscribers.renewConfirm')} busy=${form.busy} onConfirm=${renew} onCancel=${onCancel}>
      <${Field} label=${t('subscribers.cashTaken', { currency: code })} name="amount" inputmode="decimal" value=${form.values.amount}
        onInput=${form.set('amount')} error=${form.errors.amountMinor} />
      <${Field} label=${t('subscribers.memo')} name="memo" value=${form.values.memo} onInput=${form.set('memo')} error=${form.errors.memo} />
      <${FormError} error=${form.error} />
    </${ConfirmDialog}>`;
}

function StkDialog({ subscription, customer, onDone, onCancel }) {
  const form = useForm({ phone: customer.phone }, ['phone']);
  const push = form.submit(async v => {
    const body = v.phone.trim() && v.phone.trim() !== customer.phone ? { phone: v.phone.trim() } : {};
    const sent = await api.post(`/v1/subscriptions/${encodeURIComponent(subscription.id)}/stk-push`, body);
    toast(sent.customerMessage || t('subscribers.stkSent'));
    onDone();
  });
  return html`
    <${ConfirmDialog} title=${t('subscribers.stkTitle', { username: subscription.username })} message=${t('subscribers.stkMessage')}
      confirmLabel=${t('subscribers.stkConfirm')} busy=${form.busy} onConfirm=${push} onCancel=${onCancel}>
      <${Field} label=${t('subscribers.phone')} name="stk-phone" type="tel" value=${form.values.phone} onInput=${form.set('phone')}
        error=${form.errors.phone} />
      <${FormError} error=${form.error} />
    </${ConfirmDialog}>`;
}

const LIFECYCLE = {
  suspend: { route: 'POST /v1/subscriptions/{subscriptionId}/suspend', when: s => s.status === 'ACTIVE' },
  resume: { route: 'POST /v1/subscriptions/{subscriptionId}/resume', when: s => s.status === 'SUSPENDED' },
  end: { route: 'POST /v1/subscriptions/{subscriptionId}/end', when: s => s.status !== 'CANCELLED', danger: true },
};

function Subscriptions({ customer, subscriptions, plans, onChanged }) {
  const [dialog, setDialog] = useState(null);
  const [busy, setBusy] = useState(false);
  const planOf = id => plans.find(p => p.id === id);
  const change = async () => {
    setBusy(true);
    try {
      await api.post(`/v1/subscriptions/${encodeURIComponent(dialog.subscription.id)}/${dialog.kind}`);
      toast(t(`subscribers.${dialog.kind}Done`, { username: dialog.subscription.username }));
      setDialog(null);
      onChanged();
    } catch (e) {
      toast(errorMessage(e), 'error');
      setDialog(null);
    } finally {
      setBusy(false);
    }
  };
  const done = () => {
    setDialog(null);
    onChanged();
  };
  const columns = [
    { key: 'username', label: t('subscribers.username') },
    { key: 'kind', label: t('subscribers.kind'), render: s => t(`subscribers.kind${s.kind}`) },
    { key: 'plan', label: t('subscribers.plan'), render: s => (planOf(s.planId) || {}).name || s.planId },
    { key: 'status', label: t('subscribers.status'), render: s => html`<span class="badge" data-status=${s.status}>${t(`subscribers.status${s.status}`)}</span>` },
    { key: 'expiresAt', label: t('subscribers.expires'), render: s => dateTime(s.expiresAt) },
  ];
  const actions = {
    label: t('subscribers.actions'),
    render: s => html`
      ${s.status !== 'CANCELLED' && can('POST /v1/subscriptions/{subscriptionId}/renew') && html`
        <button type="button" class="small" onClick=${() => setDialog({ kind: 'renew', subscription: s })}
          aria-label=${t('subscribers.renewNamed', { username: s.username })}>${t('subscribers.renew')}</button>`}
      ${s.status !== 'CANCELLED' && can('POST /v1/subscriptions/{subscriptionId}/stk-push') && html`
        <button type="button" class="small secondary" onClick=${() => setDialog({ kind: 'stk', subscription: s })}
          aria-label=${t('subscribers.stkNamed', { username: s.username })}>${t('subscribers.stk')}</button>`}
      ${Object.entries(LIFECYCLE).filter(([, a]) => a.when(s) && can(a.route)).map(([kind, a]) => html`
        <button type="button" class=${`small ${a.danger ? 'danger' : 'secondary'}`} onClick=${() => setDialog({ kind, subscription: s })}
          aria-label=${t(`subscribers.${kind}Named`, { username: s.username })}>${t(`subscribers.${kind}`)}</button>`)}`,
  };
  return html`
    <${DataTable} columns=${columns} rows=${subscriptions} actions=${actions} empty=${t('subscribers.noSubscriptions')} />
    ${dialog && dialog.kind === 'renew' && html`<${RenewDialog} subscription=${dialog.subscription} plan=${planOf(dialog.subscription.planId)}
      onDone=${done} onCancel=${() => setDialog(null)} />`}
    ${dialog && dialog.kind === 'stk' && html`<${StkDialog} subscription=${dialog.subscription} customer=${customer}
      onDone=${done} onCancel=${() => setDialog(null)} />`}
    ${dialog && LIFECYCLE[dialog.kind] && html`
      <${ConfirmDialog} title=${t(`subscribers.${dialog.kind}Title`, { username: dialog.subscription.username })}
        message=${t(`subscribers.${dialog.kind}Message`)} confirmLabel=${t(`subscribers.${dialog.kind}`)}
        danger=${Boolean(LIFECYCLE[dialog.kind].danger)} busy=${busy} onConfirm=${change} onCancel=${() => setDialog(null)} />`}`;
}

function Wallet({ customer, wallet, onChanged }) {
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState(null);
  const code = wallet.balance.currency;
  const form = useForm({ amount: '', memo: '' }, ['amountMinor', 'memo']);
  const topUp = form.submit(async v => {
    const body = cashBody(form, v, code);
    if (!body) return;
    await api.post(`/v1/customers/${encodeURIComponent(customer.id)}/wallet/top-ups`, body, { headers: { 'Idempotency-Key': key } });
    toast(t('subscribers.toppedUp'));
    setOpen(false);
    onChanged();
  });
  return html`
    <section class="card" aria-labelledby="wallet">
      <h2 id="wallet">${t('subscribers.wallet')}</h2>
      <p>${t('subscribers.walletBalance')} <strong id="wallet-balance">${money(wallet.balance)}</strong></p>
      ${can('POST /v1/customers/{customerId}/wallet/top-ups') && html`
        <div class="buttons"><button type="button" class="secondary" onClick=${() => { setKey(idempotencyKey()); setOpen(true); }}>
          ${t('subscribers.topUp')}</button></div>`}
      ${open && html`
        <${ConfirmDialog} title=${t('subscribers.topUpTitle')} confirmLabel=${t('subscribers.topUp')} busy=${form.busy}
          onConfirm=${topUp} onCancel=${() => setOpen(false)}>
          <${Field} label=${t('subscribers.cashTaken', { currency: code })} name="top-up-amount" inputmode="decimal"
            value=${form.values.amount} onInput=${form.set('amount')} error=${form.errors.amountMinor} required />
          <${Field} label=${t('subscribers.memo')} name="top-up-memo" value=${form.values.memo} onInput=${form.set('memo')} error=${form.errors.memo} />
          <${FormError} error=${form.error} />
        </${ConfirmDialog}>`}
    </section>`;
}

function Messages({ messages }) {
  const columns = [
    { key: 'sentAt', label: t('subscribers.sentAt'), render: m => dateTime(m.sentAt) },
    { key: 'channel', label: t('subscribers.channel') },
    { key: 'event', label: t('subscribers.event') },
    { key: 'status', label: t('subscribers.status'), render: m => (m.providerResponse ? `${m.status} (${m.providerResponse})` : m.status) },
  ];
  return html`<${DataTable} columns=${columns} rows=${messages} rowKey=${m => m.messageId} empty=${t('subscribers.noMessages')} />`;
}

function Payments({ payments }) {
  const columns = [
    { key: 'createdAt', label: t('payments.when'), render: p => html`<a href=${`#/payments/${encodeURIComponent(p.id)}`}>${dateTime(p.createdAt)}</a>` },
    { key: 'amount', label: t('payments.amount'), render: p => money(p.amount) },
    { key: 'provider', label: t('payments.provider') },
    { key: 'status', label: t('payments.status') },
  ];
  return html`<${DataTable} columns=${columns} rows=${payments} empty=${t('payments.empty')} />`;
}

async function load(customerId) {
  const base = `/v1/customers/${encodeURIComponent(customerId)}`;
  const customer = await api.get(base);
  const [subscriptions, plans, routers, wallet, messages, payments] = await Promise.all([
    api.get(`${base}/subscriptions?limit=100`),
    api.get('/v1/plans?limit=100'),
    api.get('/v1/routers?limit=100'),
    can('GET /v1/customers/{customerId}/wallet') ? api.get(`${base}/wallet`) : null,
    can('GET /v1/customers/{customerId}/messages') ? api.get(`${base}/messages`) : null,
    can('GET /v1/payments') ? api.get(`/v1/payments${query({ phone: customer.phone, limit: 20 })}`) : null,
  ]);
  return {
    customer, subscriptions: subscriptions.items, plans: plans.items, routers: routers.items.filter(r => r.status !== 'RETIRED'),
    wallet, messages: messages && messages.items, payments: payments && payments.items,
  };
}

function SubscriberPage({ params }) {
  const { data, error, loading, reload } = usePageData('subscriber', () => load(params.customerId), [params.customerId]);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  if (loading && !data) return html`<${PageHeader} title=${t('subscribers.title')} /><${Loading} />`;
  if (!data) return html`<${PageHeader} title=${t('subscribers.title')} /><${ErrorBox} error=${error} />`;
  const { customer } = data;
  return html`
    <${PageHeader} title=${customer.name || customer.phone}>
      ${can('PUT /v1/customers/{customerId}') && !editing && html`
        <button type="button" class="secondary" id="edit-customer" onClick=${() => setEditing(true)}>${t('subscribers.editCustomer')}</button>`}
    </${PageHeader}>
    ${editing ? html`<${EditCustomer} customer=${customer} onCancel=${() => setEditing(false)} onDone=${() => { setEditing(false); reload(); }} />`
      : html`
      <dl class="details card">
        <dt>${t('subscribers.phone')}</dt><dd>${customer.phone}</dd>
        <dt>${t('subscribers.email')}</dt><dd>${customer.email || '—'}</dd>
        <dt>${t('subscribers.location')}</dt><dd>${customer.location || '—'}</dd>
        <dt>${t('subscribers.since')}</dt><dd>${dateTime(customer.createdAt)}</dd>
      </dl>`}
    <section aria-labelledby="subscriptions">
      <div class="page-header">
        <h2 id="subscriptions">${t('subscribers.subscriptions')}</h2>
        ${can('POST /v1/subscriptions') && !adding && html`
          <div class="page-actions"><button type="button" id="new-subscription" onClick=${() => setAdding(true)}>${t('subscribers.newSubscription')}</button></div>`}
      </div>
      ${adding && html`<${NewSubscription} customer=${customer} plans=${data.plans.filter(p => p.active)} routers=${data.routers}
        onCancel=${() => setAdding(false)} onDone=${() => { setAdding(false); reload(); }} />`}
      <${Subscriptions} customer=${customer} subscriptions=${data.subscriptions} plans=${data.plans} onChanged=${reload} />
    </section>
    ${data.wallet && html`<${Wallet} customer=${customer} wallet=${data.wallet} onChanged=${reload} />`}
    ${data.payments && html`
      <section aria-labelledby="customer-payments"><h2 id="customer-payments">${t('subscribers.payments')}</h2>
        <${Payments} payments=${data.payments} /></section>`}
    ${data.messages && html`
      <section aria-labelledby="messages"><h2 id="messages">${t('subscribers.messages')}</h2>
        <${Messages} messages=${data.messages} /></section>`}`;
}

export default {
  id: 'subscriber', path: '/subscribers/:customerId', route: 'GET /v1/customers/{customerId}', view: SubscriberPage,
  sample: client => firstItemPath(client, '/v1/customers', id => `/subscribers/${id}`),
};
