// The signed-in person's own account: change the password (every other session of the account ends;
// this one goes on), set up TOTP (scan the QR code, or type the key) or remove it.
import { html, useState } from '../ui/html.js';
import { api } from '../api.js';
import { currentMe } from '../access.js';
import { t } from '../i18n.js';
import { Field, FormError } from '../ui/field.js';
import { PageHeader, usePageData, useSubmit } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { QrCode } from '../ui/qr.js';

function Password() {
  const [form, setForm] = useState({ currentPassword: '', newPassword: '' });
  const { submit, busy, error, errors } = useSubmit(async () => {
    await api.put('/v1/auth/password', form);
    setForm({ currentPassword: '', newPassword: '' });
    toast(t('account.passwordChanged'));
  });
  return html`
    <form class="card form" onSubmit=${submit} novalidate>
      <h2>${t('account.password')}</h2>
      <${Field} label=${t('account.currentPassword')} name="currentPassword" type="password" autocomplete="current-password"
        value=${form.currentPassword} onInput=${e => setForm({ ...form, currentPassword: e.target.value })} error=${errors.currentPassword} />
      <${Field} label=${t('account.newPassword')} name="newPassword" type="password" autocomplete="new-password"
        hint=${t('account.newPasswordHint')} value=${form.newPassword} onInput=${e => setForm({ ...form, newPassword: e.target.value })}
        error=${errors.newPassword} />
      <${FormError} error=${error} />
      <div class="buttons"><button type="submit" id="change-password" disabled=${busy}>${t('account.changePassword')}</button></div>
    </form>`;
}

function Totp({ enabled: enabledAtStart }) {
  const [enabled, setEnabled] = useState(enabledAtStart);
  const [enrolment, setEnrolment] = useState(null);
  const [code, setCode] = useState('');
  const start = useSubmit(async () => setEnrolment(await api.post('/v1/auth/totp')));
  const confirm = useSubmit(async () => {
    await api.post('/v1/auth/totp/confirm', { code: code.trim() });
    setEnrolment(null);
    setEnabled(true);
    setCode('');
    toast(t('account.totpOn'));
  });
  const remove = useSubmit(async () => {
    await api.del('/v1/auth/totp', { code: code.trim() });
    setEnabled(false);
    setCode('');
    toast(t('account.totpOff'));
  });
  return html`
    <section class="card form" aria-labelledby="totp-title">
      <h2 id="totp-title">${t('account.totp')}</h2>
      <p>${t('account.totpExplain')}</p>
      ${enrolment ? html`
        <form onSubmit=${confirm.submit} novalidate>
          <p>${t('account.totpScan')}</p>
          ${enrolment.qr && html`<${QrCode} qr=${enrolment.qr} id="totp-qr" label=${t('account.totpQr')} />`}
          <p>${t('account.totpSecret')}</p>
          <p class="code secret" id="totp-secret">${enrolment.secret}</p>
          <p><a href=${enrolment.otpauthUri}>${t('account.totpOpen')}</a></p>
          <${Field} label=${t('account.totpCode')} name="totpCode" inputmode="numeric" autocomplete="one-time-code" value=${code}
            onInput=${e => setCode(e.target.value)} error=${confirm.errors.code} />
          <${FormError} error=${confirm.error} />
          <div class="buttons"><button type="submit" disabled=${confirm.busy}>${t('account.totpConfirm')}</button></div>
        </form>` : !enabled ? html`
        <div class="buttons"><button type="button" class="secondary" id="start-totp" onClick=${start.submit} disabled=${start.busy}>${t('account.totpStart')}</button></div>
        <${FormError} error=${start.error} />` : html`
        <p>${t('account.totpIsOn')}</p>
        <form onSubmit=${remove.submit} novalidate>
          <${Field} label=${t('account.totpCodeToRemove')} name="totpRemoveCode" inputmode="numeric" autocomplete="one-time-code"
            value=${code} onInput=${e => setCode(e.target.value)} error=${remove.errors.code} />
          <${FormError} error=${remove.error} />
          <div class="buttons"><button type="submit" class="danger" disabled=${remove.busy}>${t('account.totpRemove')}</button></div>
        </form>`}
    </section>`;
}

function AccountPage() {
  usePageData('account', async () => currentMe());
  const me = currentMe();
  return html`
    <${PageHeader} title=${t('account.title')} />
    ${me?.staff && html`<p>${t('account.signedInAs', { email: me.staff.email })}</p>`}
    ${me?.staff ? html`<${Password} />` : html`<p>${t('account.apiKey')}</p>`}
    ${me?.staff && html`<${Totp} enabled=${Boolean(me.staff.totpEnabled)} />`}`;
}

export default { id: 'account', path: '/account', nav: 'nav.account', route: 'PUT /v1/auth/password', view: AccountPage };
