// Staff (settings, owner): the reseller's staff, a new account, change a role (the last active owner
// keeps OWNER: the API says no), disable/enable, end someone's sessions, and a one-time sign-in link
// (an invitation, or a way in after a lost password). An OPERATOR row offers these only to an operator.
import { html, useState } from '../ui/html.js';
import { api } from '../api.js';
import { can, currentMe } from '../access.js';
import { t } from '../i18n.js';
import { DataTable } from '../ui/table.js';
import { Field, FormError } from '../ui/field.js';
import { ConfirmDialog } from '../ui/dialog.js';
import { ErrorBox, Loading, PageHeader, errorMessage, usePageData, useSubmit } from '../ui/page.js';
import { dateTime } from '../ui/format.js';
import { toast } from '../ui/toast.js';

const ROLES = ['OWNER', 'MANAGER', 'CASHIER'];

/** The console address that signs in with linkToken (#/link/<token>). */
export function signInLinkUrl(linkToken, where = location) {
  return `${where.origin}${where.pathname}#/link/${encodeURIComponent(linkToken)}`;
}

function isDisabled(member) {
  return member.status ? member.status === 'DISABLED' : Boolean(member.disabled);
}

function NewStaff({ onDone, onCancel }) {
  const [form, setForm] = useState({ email: '', name: '', role: 'CASHIER', password: '' });
  const set = key => e => setForm({ ...form, [key]: e.target.value });
  const { submit, busy, error, errors } = useSubmit(async () => {
    const created = await api.post('/v1/staff', { ...form, email: form.email.trim(), name: form.name.trim() });
    toast(t('staff.created', { name: created.name || created.email }));
    onDone();
  });
  return html`
    <form class="card form" id="staff-form" onSubmit=${submit} novalidate>
      <h2>${t('staff.new')}</h2>
      <${Field} label=${t('staff.name')} name="name" value=${form.name} onInput=${set('name')} error=${errors.name} autocomplete="off" />
      <${Field} label=${t('staff.email')} name="email" type="email" value=${form.email} onInput=${set('email')} error=${errors.email}
        autocomplete="off" />
      <${Field} as="select" label=${t('staff.role')} name="role" value=${form.role} onChange=${set('role')} error=${errors.role}>
        ${ROLES.map(r => html`<option value=${r}>${t(`roles.${r}`)}</option>`)}
      </${Field}>
      <${Field} label=${t('staff.password')} name="password" type="password" autocomplete="new-password" hint=${t('staff.passwordHint')}
        value=${form.password} onInput=${set('password')} error=${errors.password} />
      <${FormError} error=${error} />
      <div class="buttons">
        <button type="button" class="secondary" onClick=${onCancel}>${t('common.cancel')}</button>
        <button type="submit" id="create-staff" disabled=${busy}>${t('staff.create')}</button>
      </div>
    </form>`;
}

/** Asks for member's new role and sets it (PUT /v1/staff/{staffId}/role); the API's refusal is shown in the dialog. */
function RoleDialog({ member, onDone, onCancel }) {
  const [role, setRole] = useState(member.role);
  const { submit, busy, error, errors } = useSubmit(async () => {
    const changed = await api.put(`/v1/staff/${encodeURIComponent(member.staffId)}/role`, { role });
    toast(t('staff.roleChanged', { name: changed.name || changed.email, role: t(`roles.${changed.role}`) }));
    onDone();
  });
  const name = member.name || member.email;
  return html`
    <${ConfirmDialog} title=${t('staff.roleFor', { name })} message=${t('staff.roleExplain')} confirmLabel=${t('common.save')}
      busy=${busy} onConfirm=${submit} onCancel=${onCancel}>
      <${Field} as="select" label=${t('staff.role')} name="new-role" value=${role} onChange=${e => setRole(e.target.value)} error=${errors.role}>
        ${ROLES.map(r => html`<option value=${r}>${t(`roles.${r}`)}</option>`)}
      </${Field}>
      <${FormError} error=${error} />
    </${ConfirmDialog}>`;
}

function StaffPage() {
  const { data, error, loading, reload } = usePageData('staff', () => api.get('/v1/staff?limit=100'));
  const [creating, setCreating] = useState(false);
  const [confirm, setConfirm] = useState(null);
  const [link, setLink] = useState(null);
  const [roleOf, setRoleOf] = useState(null);
  const [busy, setBusy] = useState(false);
  const me = currentMe();
  const act = async () => {
    setBusy(true);
    try {
      await api.post(`/v1/staff/${encodeURIComponent(confirm.member.staffId)}/${confirm.action}`);
      toast(t(`staff.done_${confirm.action.replace('/', '_')}`, { name: confirm.member.name || confirm.member.email }));
      setConfirm(null);
      reload();
    } catch (e) {
      toast(errorMessage(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  const makeLink = async member => {
    try {
      const answer = await api.post(`/v1/staff/${encodeURIComponent(member.staffId)}/sign-in-links`);
      setLink({ member, url: signInLinkUrl(answer.linkToken), expiresAt: answer.expiresAt });
    } catch (e) {
      toast(errorMessage(e), 'error');
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link.url);
      toast(t('staff.copied'));
    } catch {
      document.getElementById('sign-in-link')?.select();
    }
  };
  const items = data?.items || data?.staff || [];
  const columns = [
    { key: 'name', label: t('staff.name') },
    { key: 'email', label: t('staff.email') },
    { key: 'role', label: t('staff.role'), render: m => t(`roles.${m.role}`) },
    { key: 'status', label: t('staff.status'), render: m => (m.disabledByOperator ? t('staff.disabledByOperator')
      : isDisabled(m) ? t('staff.disabled') : t('staff.active')) },
  ];
  const self = m => me?.staff && me.staff.staffId === m.staffId;
  // what the operator disabled only the operator enables again, on its page (the API refuses anyone else)
  const mayEnable = m => isDisabled(m) && !m.disabledByOperator;
  // an OPERATOR account is only an operator's to disable, enable, sign out or sign in (the API refuses anyone else)
  const mayManage = m => m.role !== 'OPERATOR' || me?.role === 'OPERATOR';
  const actions = {
    label: t('common.actions'),
    render: m => html`
      ${ROLES.includes(m.role) && can('PUT /v1/staff/{staffId}/role') && html`<button type="button" class="secondary small"
        aria-label=${t('common.named', { action: t('staff.changeRole'), name: m.name })} onClick=${() => setRoleOf(m)}>${t('staff.changeRole')}</button>`}
      ${mayManage(m) && !self(m) && !isDisabled(m) && can('POST /v1/staff/{staffId}/disable') && html`<button type="button" class="danger small"
        aria-label=${t('common.named', { action: t('staff.disable'), name: m.name })} onClick=${() => setConfirm({ member: m, action: 'disable' })}>${t('staff.disable')}</button>`}
      ${mayManage(m) && mayEnable(m) && can('POST /v1/staff/{staffId}/enable') && html`<button type="button" class="secondary small"
        aria-label=${t('common.named', { action: t('staff.enable'), name: m.name })} onClick=${() => setConfirm({ member: m, action: 'enable' })}>${t('staff.enable')}</button>`}
      ${mayManage(m) && can('POST /v1/staff/{staffId}/sessions/revoke') && html`<button type="button" class="secondary small"
        aria-label=${t('common.named', { action: t('staff.revoke'), name: m.name })} onClick=${() => setConfirm({ member: m, action: 'sessions/revoke' })}>${t('staff.revoke')}</button>`}
      ${mayManage(m) && !isDisabled(m) && can('POST /v1/staff/{staffId}/sign-in-links') && html`<button type="button" class="secondary small"
        aria-label=${t('common.named', { action: t('staff.link'), name: m.name })} onClick=${() => makeLink(m)}>${t('staff.link')}</button>`}`,
  };
  return html`
    <${PageHeader} title=${t('staff.title')}>
      ${can('POST /v1/staff') && !creating && html`<button type="button" id="new-staff" onClick=${() => setCreating(true)}>${t('staff.new')}</button>`}
    </${PageHeader}>
    ${creating && html`<${NewStaff} onCancel=${() => setCreating(false)} onDone=${() => { setCreating(false); reload(); }} />`}
    ${link && html`
      <section class="card" id="link-card">
        <h2>${t('staff.linkFor', { name: link.member.name || link.member.email })}</h2>
        <${Field} label=${t('staff.linkLabel')} name="sign-in-link" id="sign-in-link" readonly value=${link.url}
          hint=${t('staff.linkHint', { when: dateTime(link.expiresAt) })} />
        <div class="buttons">
          <button type="button" class="secondary" onClick=${() => setLink(null)}>${t('common.close')}</button>
          <button type="button" onClick=${copy}>${t('staff.copy')}</button>
        </div>
      </section>`}
    <${ErrorBox} error=${error} />
    ${loading && !data ? html`<${Loading} />` : data && html`
      <${DataTable} columns=${columns} rows=${items} rowKey=${m => m.staffId} actions=${actions} empty=${t('staff.empty')} />`}
    ${roleOf && html`<${RoleDialog} member=${roleOf} onCancel=${() => setRoleOf(null)}
      onDone=${() => { setRoleOf(null); reload(); }} />`}
    ${confirm && html`
      <${ConfirmDialog} title=${t(`staff.confirm_${confirm.action.replace('/', '_')}`, { name: confirm.member.name || confirm.member.email })}
        message=${t(`staff.explain_${confirm.action.replace('/', '_')}`)} confirmLabel=${t('staff.yes')}
        danger=${confirm.action !== 'enable'} busy=${busy} onConfirm=${act} onCancel=${() => setConfirm(null)} />`}`;
}

export default { id: 'staff', path: '/settings/staff', nav: 'nav.staff', route: 'GET /v1/staff', view: StaffPage };
