// One payment: what the provider was asked and what became of it.
import { html } from '../ui/html.js';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { ErrorBox, Loading, PageHeader, usePageData } from '../ui/page.js';
import { dateTime, money } from '../ui/format.js';
import { firstItemPath } from '../ui/sample.js';

function PaymentPage({ params }) {
  const { data: p, error, loading } = usePageData('payment',
    () => api.get(`/v1/payments/${encodeURIComponent(params.paymentId)}`), [params.paymentId]);
  if (loading && !p) return html`<${PageHeader} title=${t('payments.payment')} /><${Loading} />`;
  if (!p) return html`<${PageHeader} title=${t('payments.payment')} /><${ErrorBox} error=${error} />`;
  return html`
    <${PageHeader} title=${t('payments.paymentOf', { amount: money(p.amount), phone: p.customerPhone })}>
      <a class="button secondary" href="#/payments">${t('payments.back')}</a>
    </${PageHeader}>
    <dl class="details card" id="payment-facts">
      <dt>${t('payments.status')}</dt><dd>${p.status}</dd>
      <dt>${t('payments.amount')}</dt><dd>${money(p.amount)}</dd>
      <dt>${t('payments.provider')}</dt><dd>${p.provider}</dd>
      <dt>${t('payments.reference')}</dt><dd>${p.providerReference || '—'}</dd>
      <dt>${t('payments.phone')}</dt><dd>${p.customerPhone}</dd>
      <dt>${t('payments.plan')}</dt><dd>${p.planId || '—'}</dd>
      <dt>${t('payments.subscription')}</dt><dd>${p.subscriptionId || '—'}</dd>
      <dt>${t('payments.router')}</dt><dd>${p.routerId || '—'}</dd>
      ${p.failureReason && html`<dt>${t('payments.failure')}</dt><dd>${p.failureReason}</dd>`}
      <dt>${t('payments.created')}</dt><dd>${dateTime(p.createdAt)}</dd>
      <dt>${t('payments.updated')}</dt><dd>${dateTime(p.updatedAt)}</dd>
      <dt>${t('payments.id')}</dt><dd>${p.id}</dd>
    </dl>`;
}

export default {
  id: 'payment', path: '/payments/:paymentId', route: 'GET /v1/payments/{paymentId}', view: PaymentPage,
  sample: client => firstItemPath(client, '/v1/payments', id => `/payments/${id}`),
};
