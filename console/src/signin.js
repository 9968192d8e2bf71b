// The sign-in page: email and password, then a TOTP code when the account has one enrolled; a locked
// account says for how long. Wrong email and wrong password get the same answer (so does the API).
import { html, useState } from './ui/html.js';
import { Field, FormError } from './ui/field.js';
import { api, ApiError } from './api.js';
import { t } from './i18n.js';

function minutes(seconds) {
  return Math.max(1, Math.ceil((seconds || 60) / 60));
}

export function SignIn({ onSignedIn, notice }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [askTotp, setAskTotp] = useState(false);
  const [error, setError] = useState(null);
  const [totpError, setTotpError] = useState(null);
  const [busy, setBusy] = useState(false);
  // Each answer shows as a new message element, so the same words twice still read as a new answer.
  const [answers, setAnswers] = useState(0);

  const submit = async event => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setTotpError(null);
    try {
      const body = { email: email.trim(), password };
      if (askTotp) body.totp = totp.trim();
      const answer = await api.post('/v1/auth/sign-in', body, { public: true });
      onSignedIn(answer);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'totp_required') {
        setAskTotp(true);
      } else if (e instanceof ApiError && e.code === 'totp_invalid') {
        setAskTotp(true);
        setTotpError(t('signIn.totpInvalid'));
      } else if (e instanceof ApiError && e.code === 'locked') {
        setError(t('signIn.locked', { minutes: minutes(e.retryAfterSeconds) }));
      } else if (e instanceof ApiError && e.status === 401) {
        setError(t('signIn.wrong'));
      } else if (e instanceof ApiError && e.status === 400) {
        setError(e.errors.map(x => `${x.field}: ${x.message}`).join('; ') || e.detail);
      } else {
        setError(t('common.offline'));
      }
    } finally {
      setAnswers(n => n + 1);
      setBusy(false);
    }
  };

  return html`
    <main class="sign-in" data-ready="sign-in">
      <form class="card" onSubmit=${submit} novalidate>
        <h1>${t('signIn.title')}</h1>
        ${notice && html`<p class="notice" role="status">${notice}</p>`}
        <${Field} label=${t('signIn.email')} name="email" type="email" autocomplete="username" required
          value=${email} onInput=${e => setEmail(e.target.value)} />
        <${Field} label=${t('signIn.password')} name="password" type="password" autocomplete="current-password" required
          value=${password} onInput=${e => setPassword(e.target.value)} />
        ${askTotp && html`
          <${Field} label=${t('signIn.totp')} name="totp" inputmode="numeric" autocomplete="one-time-code"
            hint=${t('signIn.totpHint')} error=${totpError} required
            value=${totp} onInput=${e => setTotp(e.target.value)} />`}
        <${FormError} key=${answers} error=${error} />
        <button type="submit" id="sign-in" disabled=${busy}>${t('signIn.submit')}</button>
      </form>
    </main>`;
}
