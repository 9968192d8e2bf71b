// Plans: the list, and create, edit, deactivate (DELETE deactivates; vouchers sold on it keep working).
import { html, useState } from '../ui/html.js';
import { api, ApiError } from '../api.js';
import { can, currency } from '../access.js';
import { t } from '../i18n.js';
import { DataTable } from '../ui/table.js';
import { Field, FormError } from '../ui/field.js';
import { ConfirmDialog } from '../ui/dialog.js';
import { ErrorBox, Loading, PageHeader, errorMessage, usePageData } from '../ui/page.js';
import { money, minorOf, decimalOf } from '../ui/format.js';
import { toast } from '../ui/toast.js';

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

/** How long a plan lasts, worded: "24 hours", "7 days", "until midnight, 1 day", "1 month". */
export function validityText(validity) {
  if (!validity) return '';
  switch (validity.type) {
    case 'FIXED': {
      const m = DURATION.exec(validity.duration || '');
      if (!m) return validity.duration;
      const [, d, h, min] = m.map(x => (x === undefined ? 0 : Number(x)));
      if (d && !h && !min) return t('plans.days', { count: d });
      if (min && !d && !h) return t('plans.minutes', { count: min });
      return t('plans.hours', { count: d * 24 + h + (min ? Math.round((min / 60) * 10) / 10 : 0) });
    }
    case 'UNTIL_END_OF_DAY':
      return t('plans.untilEndOfDay', { count: validity.days });
    case 'MONTHLY':
      return t('plans.months', { count: validity.months });
    default:
      return validity.type;
  }
}

/** The form's starting values for a plan (or a new one). */
function formOf(plan) {
  if (!plan) {
    return { name: '', price: '', validityType: 'FIXED', amount: '24', unit: 'H', dataLimit: '', rateLimit: '', active: true };
  }
  const form = {
    name: plan.name, price: decimalOf(plan.price.amountMinor, minorDigits(plan.price.currency)),
    validityType: plan.validity.type, amount: '1', unit: 'D',
    dataLimit: plan.dataLimit ? plan.dataLimit.decimal.replace(/\s+/g, '') : '', rateLimit: plan.rateLimit || '',
    active: plan.active,
  };
  if (plan.validity.type === 'FIXED') {
    const m = DURATION.exec(plan.validity.duration || '');
    const [, d, h, min] = (m || []).map(x => (x === undefined ? 0 : Number(x)));
    if (min) Object.assign(form, { amount: String(d * 1440 + h * 60 + min), unit: 'M' });
    else if (h) Object.assign(form, { amount: String(d * 24 + h), unit: 'H' });
    else Object.assign(form, { amount: String(d), unit: 'D' });
  } else if (plan.validity.type === 'UNTIL_END_OF_DAY') {
    form.amount = String(plan.validity.days);
  } else {
    form.amount = String(plan.validity.months);
  }
  return form;
}

function minorDigits(code) {
  return new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits;
}

/** The API's body for the form, or the form's own errors (the API checks the rest). */
function bodyOf(form, editing) {
  const errors = {};
  const priceMinor = minorOf(form.price, currency());
  if (priceMinor === null) errors.priceMinor = t('plans.priceInvalid');
  const amount = Number.parseInt(form.amount, 10);
  if (!(amount > 0)) errors.validity = t('plans.validityInvalid');
  let validity;
  if (form.validityType === 'FIXED') {
    validity = { type: 'FIXED', duration: form.unit === 'D' ? `P${amount}D` : `PT${amount}${form.unit}` };
  } else if (form.validityType === 'UNTIL_END_OF_DAY') {
    validity = { type: 'UNTIL_END_OF_DAY', days: amount };
  } else {
    validity = { type: 'MONTHLY', months: amount };
  }
  const body = { name: form.name.trim(), priceMinor, validity };
  if (form.dataLimit.trim()) body.dataLimit = form.dataLimit.trim();
  if (form.rateLimit.trim()) body.rateLimit = form.rateLimit.trim();
  if (editing) body.active = form.active;
  return { body, errors };
}

function PlanForm({ plan, onDone, onCancel }) {
  const [form, setForm] = useState(formOf(plan));
  const [errors, setErrors] = useState({});
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = key => e => setForm({ ...form, [key]: e.target.type === 'checkbox' ? e.target.checked : e.target.value });
  const submit = async event => {
    event.preventDefault();
    const { body, errors: own } = bodyOf(form, Boolean(plan));
    setErrors(own);
    setError(null);
    if (Object.keys(own).length) return;
    setBusy(true);
    try {
      const saved = plan ? await api.put(`/v1/plans/${plan.id}`, body) : await api.post('/v1/plans', body);
      toast(t('plans.saved', { name: saved.name }));
      onDone(saved);
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) {
        const byField = {};
        e.errors.forEach(x => {
          const key = x.field.startsWith('validity') ? 'validity' : x.field;
          byField[key] = byField[key] ? `${byField[key]}; ${x.message}` : x.message;
        });
        setErrors(byField);
        const shown = ['name', 'priceMinor', 'validity', 'dataLimit', 'rateLimit'];
        const other = e.errors.filter(x => !shown.some(s => x.field.startsWith(s)));
        setError(other.length ? other.map(x => `${x.field}: ${x.message}`).join('; ') : null);
      } else {
        setError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  };
  const amountLabel = form.validityType === 'FIXED' ? t('plans.lasts')
    : form.validityType === 'UNTIL_END_OF_DAY' ? t('plans.daysLabel') : t('plans.monthsLabel');
  return html`
    <form class="card form" onSubmit=${submit} id="plan-form" novalidate>
      <h2>${plan ? t('plans.edit', { name: plan.name }) : t('plans.new')}</h2>
      <${Field} label=${t('plans.name')} name="name" value=${form.name} onInput=${set('name')} error=${errors.name} required />
      <${Field} label=${t('plans.price', { currency: currency() })} name="price" inputmode="decimal" value=${form.price}
        onInput=${set('price')} error=${errors.priceMinor} required />
      <${Field} as="select" label=${t('plans.validityType')} name="validityType" value=${form.validityType} onChange=${set('validityType')}>
        <option value="FIXED">${t('plans.fixed')}</option>
        <option value="UNTIL_END_OF_DAY">${t('plans.untilMidnight')}</option>
        <option value="MONTHLY">${t('plans.monthly')}</option>
      </${Field}>
      <div class="row">
        <${Field} label=${amountLabel} name="amount" type="number" min="1" value=${form.amount} onInput=${set('amount')}
          error=${errors.validity} required />
        ${form.validityType === 'FIXED' && html`
          <${Field} as="select" label=${t('plans.unit')} name="unit" value=${form.unit} onChange=${set('unit')}>
            <option value="M">${t('plans.unitMinutes')}</option>
            <option value="H">${t('plans.unitHours')}</option>
            <option value="D">${t('plans.unitDays')}</option>
          </${Field}>`}
      </div>
      <${Field} label=${t('plans.dataLimit')} name="dataLimit" hint=${t('plans.dataLimitHint')} value=${form.dataLimit}
        onInput=${set('dataLimit')} error=${errors.dataLimit} />
      <${Field} label=${t('plans.rateLimit')} name="rateLimit" hint=${t('plans.rateLimitHint')} value=${form.rateLimit}
        onInput=${set('rateLimit')} error=${errors.rateLimit} />
      ${plan && html`
        <div class="check">
          <input type="checkbox" id="field-active" checked=${form.active} onChange=${set('active')} />
          <label for="field-active">${t('plans.activeLabel')}</label>
        </div>`}
      <${FormError} error=${error} />
      <div class="buttons">
        <button type="button" class="secondary" onClick=${onCancel}>${t('common.cancel')}</button>
        <button type="submit" id="save-plan" disabled=${busy}>${t('common.save')}</button>
      </div>
    </form>`;
}

function PlansPage() {
  const { data, error, loading, reload } = usePageData('plans', () => api.get('/v1/plans?limit=100'));
  const [editing, setEditing] = useState(null);
  const [deleting, setDeleting] = useState(null);
  const [busy, setBusy] = useState(false);
  const deactivate = async () => {
    setBusy(true);
    try {
      await api.del(`/v1/plans/${deleting.id}`);
      toast(t('plans.deactivated', { name: deleting.name }));
      setDeleting(null);
      reload();
    } catch (e) {
      toast(errorMessage(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  const columns = [
    { key: 'name', label: t('plans.name') },
    { key: 'price', label: t('plans.priceColumn'), render: p => money(p.price) },
    { key: 'validity', label: t('plans.validity'), render: p => validityText(p.validity) },
    { key: 'dataLimit', label: t('plans.dataLimit'), render: p => (p.dataLimit ? p.dataLimit.decimal : t('plans.unlimited')) },
    { key: 'rateLimit', label: t('plans.rateLimit'), render: p => p.rateLimit || '—' },
    { key: 'active', label: t('plans.status'), render: p => (p.active ? t('plans.active') : t('plans.inactive')) },
  ];
  const actions = (can('PUT /v1/plans/{planId}') || can('DELETE /v1/plans/{planId}')) && {
    label: t('common.actions'),
    render: p => html`
      ${can('PUT /v1/plans/{planId}') && html`<button type="button" class="secondary small" id=${`edit-${p.id}`} onClick=${() => setEditing(p)}
        aria-label=${t('common.named', { action: t('common.edit'), name: p.name })}>${t('common.edit')}</button>`}
      ${can('DELETE /v1/plans/{planId}') && p.active && html`<button type="button" class="danger small" id=${`deactivate-${p.id}`}
        onClick=${() => setDeleting(p)} aria-label=${t('common.named', { action: t('plans.deactivate'), name: p.name })}>${t('plans.deactivate')}</button>`}`,
  };
  return html`
    <${PageHeader} title=${t('plans.title')}>
      ${can('POST /v1/plans') && !editing && html`<button type="button" id="new-plan" onClick=${() => setEditing('new')}>${t('plans.new')}</button>`}
    </${PageHeader}>
    ${editing && html`<${PlanForm} plan=${editing === 'new' ? null : editing} onCancel=${() => setEditing(null)}
      onDone=${() => { setEditing(null); reload(); }} />`}
    <${ErrorBox} error=${error} />
    ${loading && !data ? html`<${Loading} />` : data && html`
      <${DataTable} columns=${columns} rows=${data.items} actions=${actions} empty=${t('plans.empty')} />`}
    ${deleting && html`
      <${ConfirmDialog} title=${t('plans.deactivateTitle', { name: deleting.name })} message=${t('plans.deactivateMessage')}
        confirmLabel=${t('plans.deactivate')} danger busy=${busy} onConfirm=${deactivate} onCancel=${() => setDeleting(null)} />`}`;
}

export default { id: 'plans', path: '/plans', nav: 'nav.plans', route: 'GET /v1/plans', view: PlansPage };
