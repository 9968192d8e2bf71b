// Payment providers: keys set or replaced (write-only: the API checks them with the provider and never answers
// them), tested again, removed; the webhook path is shown once, when its token is made (first connection, rotation).
// Saving and removing both send the version the page showed, so neither undoes someone else's change unseen.
import { html, useState } from '../ui/html.js';
import { api, ApiError, baseUrl } from '../api.js';
import { can } from '../access.js';
import { t } from '../i18n.js';
import { Field, FormError } from '../ui/field.js';
import { useForm } from '../ui/form.js';
import { CopyButton } from '../ui/copy.js';
import { ConfirmDialog } from '../ui/dialog.js';
import { ErrorBox, Loading, PageHeader, errorMessage, usePageData } from '../ui/page.js';
import { dateTime } from '../ui/format.js';
import { toast } from '../ui/toast.js';

/** Each provider's key fields as the API reads them (ProviderKeysService); the optional ones last. */
const FIELDS = {
  mpesa: { required: ['consumerKey', 'consumerSecret', 'shortCode', 'passkey'], optional: ['transactionType', 'partyB'] },
  paystack: { required: ['secretKey'], optional: [] },
  stripe: { required: ['secretKey', 'webhookSecret'], optional: [] },
  midtrans: { required: ['serverKey'], optional: [] },
};
/** Fields that identify rather than unlock (shown as typed); every other key field is a password field. */
const PLAIN = ['shortCode', 'transactionType', 'partyB'];

function emptyOf(provider) {
  return Object.fromEntries([...FIELDS[provider].required, ...FIELDS[provider].optional].map(f => [f, '']));
}

/** The webhook URL, shown once: the API's base (where the webhooks are served) and the path. */
function WebhookOnce({ path }) {
  const url = `${baseUrl()}${path}`;
  return html`
    <div class="secret-once" role="status">
      <p class="warning">${t('providers.webhookOnce')}</p>
      <p><code id="webhook-url">${url}</code></p>
      <div class="buttons"><${CopyButton} text=${url} label=${t('providers.copyWebhook')} /></div>
    </div>`;
}

function ProviderCard({ provider, onChanged }) {
  const name = provider.provider;
  const fields = [...FIELDS[name].required, ...FIELDS[name].optional];
  const form = useForm(emptyOf(name), fields);
  const [editing, setEditing] = useState(false);
  const [webhookPath, setWebhookPath] = useState(null);
  const [check, setCheck] = useState(null);
  const [confirming, setConfirming] = useState(null);
  const [busy, setBusy] = useState(false);
  const [staleRemoval, setStaleRemoval] = useState(false);
  const save = form.submit(async values => {
    const body = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim()).map(([k, v]) => [k, v.trim()]));
    // Saved only over the keys this page showed: the API refuses (409) keys someone else changed meanwhile.
    if (provider.version) body.version = provider.version;
    let saved;
    try {
      saved = await api.put(`/v1/providers/${name}`, body);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        // Read the keys' version again first, so the next save is over what is stored now.
        await onChanged();
        form.setError(t('providers.stale'));
        return;
      }
      throw e;
    }
    // Write-only: the keys leave the page once the provider and the API have them.
    form.setValues(emptyOf(name));
    setEditing(false);
    setWebhookPath(saved.webhookPath || null);
    toast(t('providers.saved', { provider: t(`providers.name.${name}`) }));
    onChanged();
  });
  const run = async what => {
    setBusy(true);
    setStaleRemoval(false);
    try {
      if (what === 'test') {
        setCheck(await api.post(`/v1/providers/${name}/test`));
      } else if (what === 'rotate') {
        const rotated = await api.post(`/v1/providers/${name}/rotate-webhook-token`);
        setWebhookPath(rotated.webhookPath || null);
      } else {
        // Removed only while they are the keys this page showed: the API refuses (409) keys someone else changed meanwhile.
        await api.del(`/v1/providers/${name}`, provider.version ? { version: provider.version } : {});
        setWebhookPath(null);
        setCheck(null);
        toast(t('providers.disconnected', { provider: t(`providers.name.${name}`) }));
        onChanged();
      }
    } catch (e) {
      if (what === 'delete' && e instanceof ApiError && e.status === 409) {
        // Read the keys' version again, so a second removal is over what is stored now.
        await onChanged();
        setStaleRemoval(true);
      } else {
        toast(errorMessage(e), 'error');
      }
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  };
  const label = t(`providers.name.${name}`);
  return html`
    <section class="card" aria-labelledby=${`provider-${name}`} id=${`provider-card-${name}`}>
      <h2 id=${`provider-${name}`}>${label}</h2>
      <p>${provider.connected ? html`<span class="badge ok">${t('providers.connected')}</span>`
        : html`<span class="badge">${t('providers.notConnected')}</span>`}</p>
      ${webhookPath && html`<${WebhookOnce} path=${webhookPath} />`}
      ${staleRemoval && html`<p class="form-error" role="alert" id=${`stale-removal-${name}`}>${t('providers.staleRemoval')}</p>`}
      ${check && html`<p class=${check.accepted ? 'success' : 'form-error'} role="status">
        ${check.accepted ? t('providers.testOk', { at: dateTime(check.checkedAt) }) : t('providers.testFailed', { detail: check.detail || '' })}</p>`}
      ${editing ? html`
        <form class="form" id=${`keys-${name}`} onSubmit=${save} novalidate autocomplete="off">
          <p>${t('providers.keysIntro')}</p>
          ${fields.map(f => html`
            <${Field} label=${t(`providers.field.${f}`)} name=${`${name}-${f}`} id=${`field-${name}-${f}`}
              type=${PLAIN.includes(f) ? 'text' : 'password'} autocomplete=${PLAIN.includes(f) ? 'off' : 'new-password'}
              hint=${FIELDS[name].optional.includes(f) ? t('providers.optional') : undefined}
              value=${form.values[f]} onInput=${form.set(f)} error=${form.errors[f]} />`)}
          <${FormError} error=${form.error} />
          <div class="buttons">
            <button type="button" class="secondary" onClick=${() => { setEditing(false); form.setValues(emptyOf(name)); }}>
              ${t('providers.cancel')}</button>
            <button type="submit" id=${`save-${name}`} disabled=${form.busy}>${t('providers.checkAndSave')}</button>
          </div>
        </form>`
      : html`
        <div class="buttons">
          ${can('PUT /v1/providers/{provider}') && html`<button type="button" id=${`set-${name}`} onClick=${() => setEditing(true)}>
            ${provider.connected ? t('providers.replaceKeys') : t('providers.setKeys')}</button>`}
          ${provider.connected && can('POST /v1/providers/{provider}/test') && html`
            <button type="button" class="secondary" id=${`test-${name}`} disabled=${busy} onClick=${() => run('test')}>${t('providers.test')}</button>`}
          ${provider.connected && can('POST /v1/providers/{provider}/rotate-webhook-token') && html`
            <button type="button" class="secondary" disabled=${busy} onClick=${() => setConfirming('rotate')}>${t('providers.rotate')}</button>`}
          ${provider.connected && can('DELETE /v1/providers/{provider}') && html`
            <button type="button" class="danger" id=${`disconnect-${name}`} disabled=${busy} onClick=${() => setConfirming('delete')}>${t('providers.disconnect')}</button>`}
        </div>`}
      ${confirming && html`
        <${ConfirmDialog} title=${confirming === 'rotate' ? t('providers.rotateTitle', { provider: label }) : t('providers.disconnectTitle', { provider: label })}
          message=${confirming === 'rotate' ? t('providers.rotateMessage') : t('providers.disconnectMessage')}
          confirmLabel=${confirming === 'rotate' ? t('providers.rotate') : t('providers.disconnect')} danger busy=${busy}
          onConfirm=${() => run(confirming)} onCancel=${() => setConfirming(null)} />`}
    </section>`;
}

function ProvidersPage() {
  const { data, error, loading, reload } = usePageData('providers', () => api.get('/v1/providers'));
  return html`
    <${PageHeader} title=${t('providers.title')} />
    <p>${t('providers.intro')}</p>
    <${ErrorBox} error=${error} />
    ${loading && !data ? html`<${Loading} />` : data && data.items.map(p => html`
      <${ProviderCard} key=${p.provider} provider=${p} onChanged=${reload} />`)}`;
}

export default { id: 'providers', path: '/providers', nav: 'providers.nav', route: 'GET /v1/providers', view: ProvidersPage };
