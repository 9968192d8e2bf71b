// Operator: the platform's resellers (create, list, suspend and reactivate), each one's voucher quota,
// API keys (issue, rotate, revoke: a secret is shown once, in the answer that made it) and approved SMS
// sender ids, its staff (disable, enable), and the addresses platform alerts are emailed to. Operator keys
// and staff only.
import { html, useEffect, useState } from '../ui/html.js';
import { api } from '../api.js';
import { can } from '../access.js';
import { t } from '../i18n.js';
import { DataTable } from '../ui/table.js';
import { Field, FormError } from '../ui/field.js';
import { ConfirmDialog } from '../ui/dialog.js';
import { ErrorBox, Loading, PageHeader, errorMessage, usePageData, useSubmit } from '../ui/page.js';
import { dateTime } from '../ui/format.js';
import { toast } from '../ui/toast.js';
import { AlertEmailsForm, fieldError, listOf } from './settings.js';

async function load() {
  const [resellers, platformAlertEmails] = await Promise.all([
    api.get('/v1/resellers?limit=100'),
    can('GET /v1/platform/alert-emails') ? api.get('/v1/platform/alert-emails') : Promise.resolve(null),
  ]);
  return { resellers: resellers.items, platformAlertEmails };
}

function NewResellerForm({ onDone, onCancel }) {
  const [form, setForm] = useState({ name: '', zone: 'Africa/Nairobi', currency: 'KES', outstandingVoucherLimit: '' });
  const set = key => e => setForm({ ...form, [key]: e.target.value });
  const submit = useSubmit(async () => {
    const body = { name: form.name.trim(), zone: form.zone.trim(), currency: form.currency.trim().toUpperCase() };
    if (form.outstandingVoucherLimit.trim()) body.outstandingVoucherLimit = Number(form.outstandingVoucherLimit);
    const created = await api.post('/v1/resellers', body);
    toast(t('operator.created'));
    onDone(created.reseller);
  });
  return html`
    <form class="card form" id="reseller-form" onSubmit=${submit.submit} novalidate>
      <h2>${t('operator.newReseller')}</h2>
      <${Field} label=${t('operator.name')} name="reseller-name" value=${form.name} onInput=${set('name')} error=${submit.errors.name} required />
      <div class="row">
        <${Field} label=${t('operator.zone')} name="reseller-zone" value=${form.zone} onInput=${set('zone')} error=${submit.errors.zone}
          hint=${t('operator.zoneHint')} required />
        <${Field} label=${t('operator.currency')} name="reseller-currency" value=${form.currency} maxlength="3"
          onInput=${set('currency')} error=${submit.errors.currency} required />
      </div>
      <${Field} label=${t('operator.quota')} name="reseller-quota" type="number" min="0" value=${form.outstandingVoucherLimit}
        onInput=${set('outstandingVoucherLimit')} error=${submit.errors.outstandingVoucherLimit} hint=${t('operator.quotaHint')} />
      <${FormError} error=${submit.error} />
      <div class="buttons">
        <button type="button" class="secondary" onClick=${onCancel}>${t('common.cancel')}</button>
        <button type="submit" id="create-reseller" disabled=${submit.busy}>${t('operator.create')}</button>
      </div>
    </form>`;
}

function QuotaForm({ reseller }) {
  const [limit, setLimit] = useState('');
  const [quota, setQuota] = useState(null);
  const submit = useSubmit(async () => {
    setQuota(await api.put(`/v1/resellers/${reseller.id}/voucher-quota`, { limit: limit === '' ? null : Number(limit) }));
    toast(t('operator.quotaSaved'));
  });
  return html`
    <form class="form" id="quota-form" onSubmit=${submit.submit} novalidate>
      <${Field} label=${t('operator.quota')} name="quota-limit" type="number" min="0" value=${limit}
        onInput=${e => setLimit(e.target.value)} error=${submit.errors.limit} hint=${t('operator.quotaHint')} required />
      ${quota && html`<p id="quota-now">${t('operator.quotaNow', quota)}</p>`}
      <${FormError} error=${submit.error} />
      <div class="buttons"><button type="submit" id="save-quota" disabled=${submit.busy}>${t('common.save')}</button></div>
    </form>`;
}

/**
 * A reseller's list at path (its items, reloaded after every action) and act(call, message, then): one
 * action at a time; then(answer) on success, the message or the error as a toast.
 */
function useManagedList(path) {
  const [items, setItems] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const reload = () => api.get(path).then(answer => setItems(answer.items), setError);
  useEffect(() => { reload(); }, [path]);
  const act = async (call, message, then) => {
    setBusy(true);
    try {
      const answer = await call();
      if (then) then(answer);
      toast(message);
      await reload();
    } catch (e) {
      toast(errorMessage(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  return { items, error, busy, act };
}

function ApiKeys({ reseller }) {
  const path = `/v1/resellers/${reseller.id}/api-keys`;
  const [issued, setIssued] = useState(null);
  const [role, setRole] = useState('RESELLER');
  const [revoking, setRevoking] = useState(null);
  const { items: keys, error, busy, act: listAct } = useManagedList(path);
  const act = (call, message) => listAct(call, message, answer => { if (answer && answer.secret) setIssued(answer); });
  const columns = [
    { key: 'visiblePrefix', label: t('operator.key') },
    { key: 'role', label: t('operator.role') },
    { key: 'status', label: t('operator.status') },
    { key: 'createdAt', label: t('operator.createdAt'), render: k => dateTime(k.createdAt) },
  ];
  const actions = {
    label: t('common.actions'),
    render: k => k.status === 'ACTIVE' && html`
      ${can('POST /v1/resellers/{resellerId}/api-keys/{keyId}/rotate') && html`
        <button type="button" class="secondary small" disabled=${busy} aria-label=${t('operator.rotateNamed', { key: k.visiblePrefix })}
          onClick=${() => act(() => api.post(`${path}/${k.keyId}/rotate`, {}), t('operator.rotated'))}>${t('operator.rotate')}</button>`}
      ${can('DELETE /v1/resellers/{resellerId}/api-keys/{keyId}') && html`
        <button type="button" class="danger small" disabled=${busy} aria-label=${t('operator.revokeNamed', { key: k.visiblePrefix })}
          onClick=${() => setRevoking(k)}>${t('operator.revoke')}</button>`}`,
  };
  return html`
    <h3>${t('operator.apiKeys')}</h3>
    ${issued && html`
      <div class="card" role="status" id="issued-key">
        <p>${t('operator.secretOnce')}</p>
        <p><code id="issued-secret">${issued.secret}</code></p>
        <button type="button" class="secondary small" onClick=${() => setIssued(null)}>${t('common.close')}</button>
      </div>`}
    <${ErrorBox} error=${error} />
    ${keys ? html`<${DataTable} columns=${columns} rows=${keys} rowKey=${k => k.keyId} actions=${actions} empty=${t('operator.noKeys')} />`
      : !error && html`<${Loading} />`}
    ${can('POST /v1/resellers/{resellerId}/api-keys') && html`
      <form class="form row" id="issue-key-form" onSubmit=${e => { e.preventDefault(); act(() => api.post(path, { role }), t('operator.issued')); }}>
        <${Field} as="select" label=${t('operator.role')} name="key-role" value=${role} onChange=${e => setRole(e.target.value)}>
          <option value="RESELLER">${t('operator.roleReseller')}</option>
          <option value="OPERATOR">${t('operator.roleOperator')}</option>
        </${Field}>
        <div class="buttons"><button type="submit" id="issue-key" disabled=${busy}>${t('operator.issue')}</button></div>
      </form>`}
    ${revoking && html`
      <${ConfirmDialog} title=${t('operator.revokeTitle', { key: revoking.visiblePrefix })} message=${t('operator.revokeMessage')}
        confirmLabel=${t('operator.revoke')} danger busy=${busy}
        onConfirm=${() => { const k = revoking; setRevoking(null); act(() => api.del(`${path}/${k.keyId}`), t('operator.revoked')); }}
        onCancel=${() => setRevoking(null)} />`}`;
}

/** The reseller's staff (its owner's page lists the same), each disabled or enabled by the operator. */
function ResellerStaff({ reseller }) {
  const path = `/v1/resellers/${reseller.id}/staff`;
  const [confirm, setConfirm] = useState(null);
  const { items: staff, error, busy, act: listAct } = useManagedList(path);
  const act = () => {
    const { member, action } = confirm;
    return listAct(() => api.post(`${path}/${encodeURIComponent(member.staffId)}/${action}`, {}),
      t(`operator.staff_done_${action}`, { name: member.name || member.email }), () => setConfirm(null));
  };
  const columns = [
    { key: 'name', label: t('operator.staffName') },
    { key: 'email', label: t('operator.staffEmail') },
    { key: 'role', label: t('operator.role'), render: m => t(`roles.${m.role}`) },
    { key: 'status', label: t('operator.status'), render: m => (m.disabledByOperator ? t('staff.disabledByOperator') : t(`operator.staff_${m.status}`)) },
  ];
  const actions = {
    label: t('common.actions'),
    render: m => {
      const action = m.status === 'DISABLED' ? 'enable' : 'disable';
      if (!can(`POST /v1/resellers/{resellerId}/staff/{staffId}/${action}`)) return null;
      return html`<button type="button" class=${action === 'disable' ? 'danger small' : 'secondary small'}
        aria-label=${t('common.named', { action: t(`operator.staff_${action}`), name: m.name || m.email })}
        onClick=${() => setConfirm({ member: m, action })}>${t(`operator.staff_${action}`)}</button>`;
    },
  };
  return html`
    <h3 id="reseller-staff-title">${t('operator.staff')}</h3>
    <${ErrorBox} error=${error} />
    ${staff ? html`<${DataTable} caption=${t('operator.staffOf', { name: reseller.name })} columns=${columns} rows=${staff}
        rowKey=${m => m.staffId} actions=${actions} empty=${t('operator.staffEmpty')} />`
      : !error && html`<${Loading} />`}
    ${confirm && html`
      <${ConfirmDialog} title=${t(`operator.staff_confirm_${confirm.action}`, { name: confirm.member.name || confirm.member.email })}
        message=${t(`operator.staff_explain_${confirm.action}`)} confirmLabel=${t(`operator.staff_${confirm.action}`)}
        danger=${confirm.action === 'disable'} busy=${busy} onConfirm=${act} onCancel=${() => setConfirm(null)} />`}`;
}

function SmsApprovalsForm({ reseller }) {
  const path = `/v1/resellers/${reseller.id}/sms-approvals`;
  const [form, setForm] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    api.get(path).then(a => setForm({ senderIds: a.senderIds.join(', '), linksAllowed: a.linksAllowed }), setError);
  }, [reseller.id]);
  const submit = useSubmit(async () => {
    await api.put(path, { senderIds: listOf(form.senderIds), linksAllowed: form.linksAllowed });
    toast(t('operator.approvalsSaved'));
  });
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (!form) return html`<${Loading} />`;
  return html`
    <form class="form" id="sms-approvals-form" onSubmit=${submit.submit} novalidate>
      <h3>${t('operator.smsApprovals')}</h3>
      <${Field} label=${t('operator.senderIds')} name="approved-senders" value=${form.senderIds} hint=${t('operator.senderIdsHint')}
        onInput=${e => setForm({ ...form, senderIds: e.target.value })} error=${fieldError(submit.errors, 'senderIds')} />
      <div class="check">
        <input type="checkbox" id="field-links-allowed" checked=${form.linksAllowed}
          onChange=${e => setForm({ ...form, linksAllowed: e.target.checked })} />
        <label for="field-links-allowed">${t('operator.linksAllowed')}</label>
      </div>
      <${FormError} error=${submit.error} />
      <div class="buttons"><button type="submit" id="save-approvals" disabled=${submit.busy}>${t('common.save')}</button></div>
    </form>`;
}

function ResellerPanel({ reseller, onChanged, onClose }) {
  const [busy, setBusy] = useState(false);
  const suspended = reseller.status === 'SUSPENDED';
  const toggle = async () => {
    setBusy(true);
    try {
      const changed = await api.post(`/v1/resellers/${reseller.id}/${suspended ? 'reactivate' : 'suspend'}`, {});
      toast(t(suspended ? 'operator.reactivated' : 'operator.suspended', { name: changed.name }));
      onChanged(changed);
    } catch (e) {
      toast(errorMessage(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  const canToggle = can(`POST /v1/resellers/{resellerId}/${suspended ? 'reactivate' : 'suspend'}`);
  return html`
    <section class="card" id="reseller-panel" aria-labelledby="reseller-panel-title">
      <div class="page-header">
        <h2 id="reseller-panel-title">${reseller.name}</h2>
        <div class="page-actions">
          ${canToggle && html`<button type="button" id="toggle-reseller" class=${suspended ? '' : 'danger'} disabled=${busy}
            onClick=${toggle}>${suspended ? t('operator.reactivate') : t('operator.suspend')}</button>`}
          <button type="button" class="secondary" onClick=${onClose}>${t('common.close')}</button>
        </div>
      </div>
      <p>${t('operator.summary', { zone: reseller.zone, currency: reseller.currency, status: t(`operator.state.${reseller.status}`) })}</p>
      ${can('PUT /v1/resellers/{resellerId}/voucher-quota') && html`<${QuotaForm} reseller=${reseller} />`}
      ${can('GET /v1/resellers/{resellerId}/api-keys') && html`<${ApiKeys} reseller=${reseller} />`}
      ${can('GET /v1/resellers/{resellerId}/sms-approvals') && html`<${SmsApprovalsForm} reseller=${reseller} />`}
      ${can('GET /v1/resellers/{resellerId}/staff') && html`<${ResellerStaff} reseller=${reseller} />`}
    </section>`;
}

function OperatorPage() {
  const { data, error, loading, reload } = usePageData('operator', load);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState(null);
  const columns = [
    { key: 'name', label: t('operator.name') },
    { key: 'zone', label: t('operator.zone') },
    { key: 'currency', label: t('operator.currency') },
    { key: 'status', label: t('operator.status'), render: r => t(`operator.state.${r.status}`) },
    { key: 'createdAt', label: t('operator.createdAt'), render: r => dateTime(r.createdAt) },
  ];
  const actions = {
    label: t('common.actions'),
    render: r => html`<button type="button" class="secondary small" onClick=${() => setSelected(r)}
      aria-label=${t('operator.manageNamed', { name: r.name })}>${t('operator.manage')}</button>`,
  };
  return html`
    <${PageHeader} title=${t('operator.title')}>
      ${can('POST /v1/resellers') && !creating && html`
        <button type="button" id="new-reseller" onClick=${() => setCreating(true)}>${t('operator.newReseller')}</button>`}
    </${PageHeader}>
    ${creating && html`<${NewResellerForm} onCancel=${() => setCreating(false)}
      onDone=${created => { setCreating(false); setSelected(created); reload(); }} />`}
    ${selected && html`<${ResellerPanel} key=${selected.id} reseller=${selected}
      onChanged=${changed => { setSelected(changed); reload(); }} onClose=${() => setSelected(null)} />`}
    <${ErrorBox} error=${error} />
    ${loading && !data ? html`<${Loading} />` : data && html`
      <${DataTable} caption=${t('operator.resellers')} columns=${columns} rows=${data.resellers} actions=${actions}
        empty=${t('operator.empty')} />
      ${data.platformAlertEmails && html`
        <section class="card" aria-labelledby="platform-alerts-title">
          <h2 id="platform-alerts-title">${t('operator.platformAlerts')}</h2>
          <${AlertEmailsForm} id="platform-alert-emails" addresses=${data.platformAlertEmails.addresses}
            path="/v1/platform/alert-emails" editable=${can('PUT /v1/platform/alert-emails')} reload=${reload} />
        </section>`}`}`;
}

export default { id: 'operator', path: '/operator', nav: 'operator.nav', route: 'GET /v1/resellers', view: OperatorPage };
