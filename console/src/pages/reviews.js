// Paybill reviews: M-Pesa paybill payments that matched no account, resolved by assigning them to a
// subscription (which renews it) or by noting the refund made outside.
import { html, useState } from '../ui/html.js';
import { api } from '../api.js';
import { can } from '../access.js';
import { t } from '../i18n.js';
import { DataTable } from '../ui/table.js';
import { Field, FormError } from '../ui/field.js';
import { useForm } from '../ui/form.js';
import { ConfirmDialog } from '../ui/dialog.js';
import { ErrorBox, Loading, PageHeader, usePageData } from '../ui/page.js';
import { dateTime, money } from '../ui/format.js';
import { toast } from '../ui/toast.js';

function Resolve({ review, kind, onDone, onCancel }) {
  const field = kind === 'assign' ? 'subscriptionId' : 'note';
  const form = useForm({ [field]: '' }, [field]);
  const resolve = form.submit(async v => {
    await api.post(`/v1/paybill/payments/${encodeURIComponent(review.transId)}/${kind}`, { [field]: v[field].trim() });
    toast(t(`reviews.${kind}Done`, { transId: review.transId }));
    onDone();
  });
  return html`
    <${ConfirmDialog} title=${t(`reviews.${kind}Title`, { transId: review.transId, amount: money(review.amount) })}
      message=${t(`reviews.${kind}Message`)} confirmLabel=${t(`reviews.${kind}`)} busy=${form.busy} onConfirm=${resolve} onCancel=${onCancel}>
      ${kind === 'assign'
        ? html`<${Field} label=${t('reviews.subscriptionId')} name="subscriptionId" hint=${t('reviews.subscriptionIdHint')}
            value=${form.values.subscriptionId} onInput=${form.set('subscriptionId')} error=${form.errors.subscriptionId} required />`
        : html`<${Field} as="textarea" label=${t('reviews.note')} name="note" rows="3" value=${form.values.note}
            onInput=${form.set('note')} error=${form.errors.note} required />`}
      <${FormError} error=${form.error} />
    </${ConfirmDialog}>`;
}

function ReviewsPage() {
  const { data, error, loading, reload } = usePageData('reviews', () => api.get('/v1/paybill/reviews?limit=100'));
  const [resolving, setResolving] = useState(null);
  const columns = [
    { key: 'receivedAt', label: t('reviews.received'), render: r => dateTime(r.receivedAt) },
    { key: 'amount', label: t('reviews.amount'), render: r => (r.amount ? money(r.amount) : t('reviews.amountUnreadable')) },
    { key: 'msisdn', label: t('reviews.payer'), render: r => [r.payerName, r.msisdn].filter(Boolean).join(' ') },
    { key: 'accountNumber', label: t('reviews.account'), render: r => r.accountNumber || '—' },
    // A confirmation kept unprocessed says why (reason) and what exactly (problem).
    { key: 'reason', label: t('reviews.reason'), render: r => [r.reason, r.problem].filter(Boolean).join(': ') || '—' },
    { key: 'transId', label: t('reviews.transId') },
  ];
  const actions = {
    label: t('reviews.actions'),
    render: r => html`
      ${can('POST /v1/paybill/payments/{transId}/assign') && r.amount && html`<button type="button" class="small"
        onClick=${() => setResolving({ review: r, kind: 'assign' })} aria-label=${t('reviews.assignNamed', { transId: r.transId })}>${t('reviews.assign')}</button>`}
      ${can('POST /v1/paybill/payments/{transId}/refund') && html`<button type="button" class="small secondary"
        onClick=${() => setResolving({ review: r, kind: 'refund' })} aria-label=${t('reviews.refundNamed', { transId: r.transId })}>${t('reviews.refund')}</button>`}`,
  };
  return html`
    <${PageHeader} title=${t('reviews.title')} />
    <p>${t('reviews.intro')}</p>
    <${ErrorBox} error=${error} />
    ${loading && !data ? html`<${Loading} />` : data && html`
      <${DataTable} columns=${columns} rows=${data.items} rowKey=${r => r.transId} actions=${actions} empty=${t('reviews.empty')} />`}
    ${resolving && html`<${Resolve} review=${resolving.review} kind=${resolving.kind} onCancel=${() => setResolving(null)}
      onDone=${() => { setResolving(null); reload(); }} />`}`;
}

export default { id: 'reviews', path: '/reviews', nav: 'reviews.nav', route: 'GET /v1/paybill/reviews', view: ReviewsPage };
