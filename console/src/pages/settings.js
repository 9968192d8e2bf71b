// Settings: SMS language and sender id, the SMS texts per language, reminders before expiry, the
// addresses alerts are emailed to, and the WhatsApp Business number with its templates. Each section
// shows only when its routes are the caller's; credentials are write-only (the API never returns them).
import { html, useState } from '../ui/html.js';
import { api } from '../api.js';
import { can } from '../access.js';
import { t } from '../i18n.js';
import { Field, FormError } from '../ui/field.js';
import { ErrorBox, Loading, PageHeader, usePageData, useSubmit } from '../ui/page.js';
import { toast } from '../ui/toast.js';

/** "a@x.org, b@y.org" or one per line → ['a@x.org', 'b@y.org']. */
export function listOf(text) {
  return text.split(/[\s,;]+/).map(x => x.trim()).filter(Boolean);
}

/** The API's errors for a field and its elements (addresses, addresses[2]), joined. */
export function fieldError(errors, field) {
  const found = Object.entries(errors).filter(([key]) => key === field || key.startsWith(`${field}[`)).map(([, m]) => m);
  return found.length ? found.join('; ') : undefined;
}

const EVENTS = ['VOUCHER_ISSUED', 'SUBSCRIPTION_EXTENDED', 'EXPIRY_REMINDER', 'EXPIRED', 'DATA_EXHAUSTED'];

/** The sections' data, each read only when the caller may (a missing one is null). */
async function load() {
  const read = (route, path) => (can(route) ? api.get(path) : Promise.resolve(null));
  const [sms, reminders, alertEmails, whatsApp, whatsAppTemplates] = await Promise.all([
    read('GET /v1/settings/sms', '/v1/settings/sms'),
    read('GET /v1/settings/reminders', '/v1/settings/reminders'),
    read('GET /v1/settings/alert-emails', '/v1/settings/alert-emails'),
    read('GET /v1/settings/whatsapp', '/v1/settings/whatsapp'),
    read('GET /v1/settings/whatsapp/templates', '/v1/settings/whatsapp/templates'),
  ]);
  return { sms, reminders, alertEmails, whatsApp, whatsAppTemplates };
}

function Section({ id, title, children }) {
  return html`
    <section class="card" aria-labelledby=${`${id}-title`}>
      <h2 id=${`${id}-title`}>${title}</h2>
      ${children}
    </section>`;
}

function SaveButton({ id, busy, label }) {
  return html`<div class="buttons"><button type="submit" id=${id} disabled=${busy}>${label || t('common.save')}</button></div>`;
}

function SmsForm({ sms, reload }) {
  const [language, setLanguage] = useState(sms.language);
  const [senderId, setSenderId] = useState(sms.senderId || '');
  const form = useSubmit(async () => {
    await api.put('/v1/settings/sms', senderId ? { language, senderId } : { language });
    toast(t('settings.smsSaved'));
    reload();
  });
  const editable = can('PUT /v1/settings/sms');
  return html`
    <form class="form" id="sms-form" onSubmit=${form.submit} novalidate>
      <${Field} label=${t('settings.language')} name="sms-language" value=${language} maxlength="2" autocomplete="off"
        hint=${t('settings.languageHint')} onInput=${e => setLanguage(e.target.value.trim().toLowerCase())}
        error=${form.errors.language} disabled=${!editable} required />
      <${Field} as="select" label=${t('settings.senderId')} name="sms-sender" value=${senderId}
        onChange=${e => setSenderId(e.target.value)} error=${form.errors.senderId} disabled=${!editable}
        hint=${sms.approvedSenderIds.length ? null : t('settings.noApprovedSenders')}>
        <option value="">${t('settings.platformSender')}</option>
        ${sms.approvedSenderIds.map(s => html`<option value=${s}>${s}</option>`)}
      </${Field}>
      <${FormError} error=${form.error} />
      ${editable && html`<${SaveButton} id="save-sms" busy=${form.busy} />`}
    </form>`;
}

function TemplateForm({ template, reload }) {
  const [text, setText] = useState(template.text);
  const path = `/v1/settings/sms/templates/${template.language}/${template.template}`;
  const form = useSubmit(async () => {
    await api.put(path, { text });
    toast(t('settings.templateSaved'));
    reload();
  });
  const reset = useSubmit(async () => {
    await api.del(path);
    toast(t('settings.templateReset'));
    reload();
  });
  const name = t(`settings.event.${template.template}`);
  const id = `template-${template.template.toLowerCase()}`;
  const editable = can('PUT /v1/settings/sms/templates/{language}/{template}');
  return html`
    <form class="form" id=${`${id}-form`} onSubmit=${form.submit} novalidate>
      <${Field} as="textarea" label=${name} name=${id} value=${text} rows="3" maxlength="459"
        onInput=${e => setText(e.target.value)} error=${form.errors.text} disabled=${!editable}
        hint=${t('settings.placeholders', { list: template.placeholders.map(p => `{${p}}`).join(' ') })} />
      <p class="hint">${template.override ? t('settings.ownText') : t('settings.builtInText')}</p>
      <${FormError} error=${form.error || reset.error} />
      ${editable && html`
        <div class="buttons">
          ${template.override && can('DELETE /v1/settings/sms/templates/{language}/{template}') && html`
            <button type="button" class="secondary" id=${`${id}-reset`} disabled=${reset.busy} onClick=${reset.submit}
              aria-label=${t('settings.resetNamed', { name })}>${t('settings.reset')}</button>`}
          <button type="submit" id=${`${id}-save`} disabled=${form.busy}
            aria-label=${t('settings.saveNamed', { name })}>${t('common.save')}</button>
        </div>`}
    </form>`;
}

function RemindersForm({ reminders, reload }) {
  const [hours, setHours] = useState(String(reminders.reminderLeadMinutes / 60));
  const form = useSubmit(async () => {
    const minutes = Math.round(Number.parseFloat(hours) * 60);
    await api.put('/v1/settings/reminders', { reminderLeadMinutes: Number.isFinite(minutes) ? minutes : null });
    toast(t('settings.remindersSaved'));
    reload();
  });
  const editable = can('PUT /v1/settings/reminders');
  return html`
    <form class="form" id="reminders-form" onSubmit=${form.submit} novalidate>
      <${Field} label=${t('settings.reminderHours')} name="reminder-hours" type="number" min="0.1" step="0.1" inputmode="decimal"
        value=${hours} onInput=${e => setHours(e.target.value)} error=${form.errors.reminderLeadMinutes}
        hint=${t('settings.reminderHint', { hours: reminders.maxReminderLeadMinutes / 60 })} disabled=${!editable} />
      <${FormError} error=${form.error} />
      ${editable && html`<${SaveButton} id="save-reminders" busy=${form.busy} />`}
    </form>`;
}

/** Alert email addresses, one per line; shared with the operator page (platform alerts). */
export function AlertEmailsForm({ id, addresses, path, editable, reload }) {
  const [text, setText] = useState(addresses.join('\n'));
  const form = useSubmit(async () => {
    await api.put(path, { addresses: listOf(text) });
    toast(t('settings.alertEmailsSaved'));
    reload();
  });
  return html`
    <form class="form" id=${`${id}-form`} onSubmit=${form.submit} novalidate>
      <${Field} as="textarea" label=${t('settings.alertEmails')} name=${id} rows="3" value=${text}
        hint=${t('settings.alertEmailsHint')} onInput=${e => setText(e.target.value)} error=${fieldError(form.errors, 'addresses')}
        disabled=${!editable} />
      <${FormError} error=${form.error} />
      ${editable && html`<${SaveButton} id=${`save-${id}`} busy=${form.busy} />`}
    </form>`;
}

function WhatsAppForm({ whatsApp, reload }) {
  const empty = { phoneNumberId: whatsApp.phoneNumberId || '', accessToken: '', appSecret: '', verifyToken: '' };
  const [form, setForm] = useState(empty);
  const set = key => e => setForm({ ...form, [key]: e.target.value.trim() });
  const submit = useSubmit(async () => {
    await api.put('/v1/settings/whatsapp', form);
    toast(t('settings.whatsAppSaved'));
    setForm({ ...empty, phoneNumberId: form.phoneNumberId });
    reload();
  });
  return html`
    <p id="whatsapp-status">${whatsApp.connected ? t('settings.whatsAppConnected', { id: whatsApp.phoneNumberId })
      : t('settings.whatsAppNotConnected')}</p>
    ${can('PUT /v1/settings/whatsapp') && html`
      <form class="form" id="whatsapp-form" onSubmit=${submit.submit} novalidate>
        <p class="hint">${t('settings.writeOnly')}</p>
        <${Field} label=${t('settings.phoneNumberId')} name="wa-phone-number-id" inputmode="numeric" value=${form.phoneNumberId}
          onInput=${set('phoneNumberId')} error=${submit.errors.phoneNumberId} required />
        <${Field} label=${t('settings.accessToken')} name="wa-access-token" type="password" autocomplete="off" value=${form.accessToken}
          onInput=${set('accessToken')} error=${submit.errors.accessToken} required />
        <${Field} label=${t('settings.appSecret')} name="wa-app-secret" type="password" autocomplete="off" value=${form.appSecret}
          onInput=${set('appSecret')} error=${submit.errors.appSecret} required />
        <${Field} label=${t('settings.verifyToken')} name="wa-verify-token" type="password" autocomplete="off" value=${form.verifyToken}
          onInput=${set('verifyToken')} error=${submit.errors.verifyToken} required />
        <${FormError} error=${submit.error} />
        <${SaveButton} id="save-whatsapp" busy=${submit.busy} label=${t('settings.connect')} />
      </form>`}`;
}

function WhatsAppTemplatesForm({ templates, reload }) {
  const [form, setForm] = useState(Object.fromEntries(EVENTS.map(e => [e, templates[e] || { name: '', language: '' }])));
  const set = (event, key) => e => setForm({ ...form, [event]: { ...form[event], [key]: e.target.value.trim() } });
  const submit = useSubmit(async () => {
    await api.put('/v1/settings/whatsapp/templates', {
      templates: Object.fromEntries(EVENTS.filter(e => form[e].name).map(e => [e, form[e]])),
    });
    toast(t('settings.whatsAppTemplatesSaved'));
    reload();
  });
  const editable = can('PUT /v1/settings/whatsapp/templates');
  return html`
    <form class="form" id="whatsapp-templates-form" onSubmit=${submit.submit} novalidate>
      <p class="hint">${t('settings.whatsAppTemplatesHint')}</p>
      ${EVENTS.map(event => html`
        <fieldset class="row">
          <legend>${t(`settings.event.${event}`)}</legend>
          <${Field} label=${t('settings.templateName')} name=${`wa-${event.toLowerCase()}-name`} value=${form[event].name}
            onInput=${set(event, 'name')} error=${submit.errors[`templates.${event}.name`]} disabled=${!editable} />
          <${Field} label=${t('settings.templateLanguage')} name=${`wa-${event.toLowerCase()}-language`} value=${form[event].language}
            onInput=${set(event, 'language')} error=${submit.errors[`templates.${event}.language`]} disabled=${!editable} />
        </fieldset>`)}
      <${FormError} error=${submit.error} />
      ${editable && html`<${SaveButton} id="save-whatsapp-templates" busy=${submit.busy} />`}
    </form>`;
}

function SettingsPage() {
  const { data, error, loading, reload } = usePageData('settings', load);
  // Each form is keyed by its data, so that when a save changes what the API says (a new language's
  // texts, a text back to built-in) that form starts again from it, and the others keep what is typed.
  const again = reload;
  const keyOf = value => JSON.stringify(value);
  return html`
    <${PageHeader} title=${t('settings.title')} />
    <${ErrorBox} error=${error} />
    ${loading && !data ? html`<${Loading} />` : data && html`
      <div>
        ${data.sms && html`
          <${Section} id="sms" title=${t('settings.sms')}>
            <${SmsForm} key=${keyOf([data.sms.language, data.sms.senderId, data.sms.approvedSenderIds])} sms=${data.sms} reload=${again} />
          </${Section}>
          <${Section} id="templates" title=${t('settings.templates', { language: data.sms.language })}>
            ${data.sms.templates.map(tp => html`<${TemplateForm} key=${keyOf(tp)} template=${tp} reload=${again} />`)}
          </${Section}>`}
        ${data.reminders && html`
          <${Section} id="reminders" title=${t('settings.reminders')}>
            <${RemindersForm} key=${keyOf(data.reminders)} reminders=${data.reminders} reload=${again} />
          </${Section}>`}
        ${data.alertEmails && html`
          <${Section} id="alert-emails" title=${t('settings.alerts')}>
            <${AlertEmailsForm} key=${keyOf(data.alertEmails)} id="alert-emails" addresses=${data.alertEmails.addresses} path="/v1/settings/alert-emails"
              editable=${can('PUT /v1/settings/alert-emails')} reload=${again} />
          </${Section}>`}
        ${data.whatsApp && html`
          <${Section} id="whatsapp" title=${t('settings.whatsApp')}>
            <${WhatsAppForm} key=${keyOf(data.whatsApp)} whatsApp=${data.whatsApp} reload=${again} />
            ${data.whatsAppTemplates && html`<${WhatsAppTemplatesForm} key=${keyOf(data.whatsAppTemplates)} templates=${data.whatsAppTemplates.templates} reload=${again} />`}
          </${Section}>`}
      </div>`}`;
}

export default { id: 'settings', path: '/settings', nav: 'settings.nav', route: 'GET /v1/settings/sms', view: SettingsPage };
