// Onboarding wizard, steps 2-5 for a router reached through the hub: the setup script to copy onto the
// router, its API login (write-only), the connection test with its stored result, and health once the
// scheduled poll reaches it. Every step shows what the API has stored, so the page can be left and resumed.
import { html, useEffect, useState } from '../ui/html.js';
import { api, query } from '../api.js';
import { can } from '../access.js';
import { t } from '../i18n.js';
import { Field, FormError } from '../ui/field.js';
import { useForm } from '../ui/form.js';
import { CopyButton } from '../ui/copy.js';
import { ErrorBox, Loading, PageHeader, errorMessage, usePageData } from '../ui/page.js';
import { dateTime } from '../ui/format.js';
import { toast } from '../ui/toast.js';
import { HealthBadge } from './routers.js';
import { firstItemPath } from '../ui/sample.js';

const STEPS = ['routers.stepCreate', 'routers.stepScript', 'routers.stepLogin', 'routers.stepTest', 'routers.stepHealth'];
/** How often the page asks again while a connection test runs (seconds), and while it waits for the poll (a minute). */
const TEST_POLL_MILLIS = 2000;
const HEALTH_POLL_MILLIS = 5000;
const SCRIPT_PASSWORD = /password="([^"]+)"/;

export function WizardSteps({ current }) {
  return html`
    <ol class="wizard-steps" aria-label=${t('routers.steps')}>
      ${STEPS.map((key, i) => html`
        <li class=${i < current ? 'done' : i === current ? 'current' : ''} aria-current=${i === current ? 'step' : undefined}>
          ${t(key)}</li>`)}
    </ol>`;
}

/** The hub's endpoint and key as whoever serves the console configured them (config.js), else typed in. */
function hubConfig() {
  const config = (typeof window !== 'undefined' && window.WISPBILL_CONSOLE) || {};
  return config.hub || {};
}

function SetupScript({ router, onScript }) {
  const hub = hubConfig();
  const form = useForm({ hubEndpoint: hub.endpoint || '', hubPublicKey: hub.publicKey || '', apiUser: 'wispbill', payPageUrl: '' },
    ['hubEndpoint', 'hubPublicKey', 'apiUser', 'payPageUrl']);
  const [script, setScript] = useState(null);
  const make = form.submit(async v => {
    const response = await api.get(`/v1/routers/${encodeURIComponent(router.id)}/setup-script${query(v)}`, { as: 'response' });
    const text = await response.text();
    const made = {
      text,
      apiUser: response.headers.get('x-router-api-username') || v.apiUser || 'wispbill',
      hubPeer: response.headers.get('x-hub-peer'),
      password: (SCRIPT_PASSWORD.exec(text) || [])[1] || null,
    };
    setScript(made);
    onScript(made);
  });
  const { values, set, errors } = form;
  return html`
    <section class="card" aria-labelledby="step-script">
      <h2 id="step-script">${t('routers.stepScript')}</h2>
      <p>${t('routers.scriptIntro', { address: router.tunnelAddress })}</p>
      <form class="form" id="script-form" onSubmit=${make} novalidate>
        <${Field} label=${t('routers.hubEndpoint')} name="hubEndpoint" hint=${t('routers.hubEndpointHint')} value=${values.hubEndpoint}
          onInput=${set('hubEndpoint')} error=${errors.hubEndpoint} required />
        <${Field} label=${t('routers.hubPublicKey')} name="hubPublicKey" value=${values.hubPublicKey} onInput=${set('hubPublicKey')}
          error=${errors.hubPublicKey} required />
        <${Field} label=${t('routers.apiUser')} name="apiUser" value=${values.apiUser} onInput=${set('apiUser')} error=${errors.apiUser} />
        <${Field} label=${t('routers.payPageUrl')} name="payPageUrl" type="url" hint=${t('routers.payPageUrlHint')}
          value=${values.payPageUrl} onInput=${set('payPageUrl')} error=${errors.payPageUrl} />
        <${FormError} error=${form.error} />
        <div class="buttons">
          <button type="submit" id="make-script" class=${script ? 'secondary' : ''} disabled=${form.busy}>
            ${script ? t('routers.makeScriptAgain') : t('routers.makeScript')}</button>
        </div>
      </form>
      ${script && html`
        <p class="warning">${t('routers.scriptSecret')}</p>
        <label for="setup-script">${t('routers.scriptLabel')}</label>
        <textarea id="setup-script" class="code" readonly rows="10">${script.text}</textarea>
        <div class="buttons"><${CopyButton} id="copy-script" text=${script.text} label=${t('routers.copyScript')} /></div>
        ${script.hubPeer && html`
          <p>${t('routers.hubPeer')} <code id="hub-peer">${script.hubPeer}</code></p>
          <div class="buttons"><${CopyButton} id="copy-peer" text=${script.hubPeer} label=${t('routers.copyPeer')} /></div>`}`}
    </section>`;
}

function Login({ router, script }) {
  const form = useForm({ username: '', password: '', caCertificatePem: '' }, ['username', 'password', 'caCertificatePem']);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (script) form.setValues(v => ({ ...v, username: script.apiUser }));
  }, [script]);
  const store = async body => {
    await api.put(`/v1/routers/${encodeURIComponent(router.id)}/credentials`, body);
    // Write-only: nothing typed stays on the page once the API has it.
    form.setValues({ username: '', password: '', caCertificatePem: '' });
    setSaved(true);
    toast(t('routers.loginSaved'));
  };
  const save = form.submit(v => {
    const body = { username: v.username.trim(), password: v.password };
    if (v.caCertificatePem.trim()) body.caCertificatePem = v.caCertificatePem.trim();
    return store(body);
  });
  const fromScript = form.submit(() => store({ username: script.apiUser, password: script.password }));
  const { values, set, errors } = form;
  return html`
    <section class="card" aria-labelledby="step-login">
      <h2 id="step-login">${t('routers.stepLogin')}</h2>
      <p>${t('routers.loginIntro')}</p>
      ${saved && html`<p class="success" role="status" id="login-saved">${t('routers.loginSavedNote')}</p>`}
      ${script && script.password && html`
        <div class="buttons"><button type="button" class="secondary" id="login-from-script" onClick=${fromScript}
          disabled=${form.busy}>${t('routers.loginFromScript')}</button></div>`}
      <form class="form" id="login-form" onSubmit=${save} novalidate autocomplete="off">
        <${Field} label=${t('routers.username')} name="username" autocomplete="off" value=${values.username}
          onInput=${set('username')} error=${errors.username} required />
        <${Field} label=${t('routers.password')} name="password" type="password" autocomplete="new-password"
          value=${values.password} onInput=${set('password')} error=${errors.password} required />
        <${Field} as="textarea" label=${t('routers.caCertificate')} name="caCertificatePem" rows="3"
          hint=${t('routers.caCertificateHint')} value=${values.caCertificatePem} onInput=${set('caCertificatePem')}
          error=${errors.caCertificatePem} />
        <${FormError} error=${form.error} />
        <div class="buttons"><button type="submit" id="save-login" disabled=${form.busy}>${t('routers.saveLogin')}</button></div>
      </form>
    </section>`;
}

/** The connection test's stored result: what the router said, or why it failed. */
export function ConnectionTest({ test }) {
  if (!test) return html`<p id="test-result">${t('routers.testNever')}</p>`;
  if (test.status === 'PENDING') {
    return html`<p id="test-result" data-status="PENDING" aria-busy="true">${t('routers.testPending', { at: dateTime(test.requestedAt) })}</p>`;
  }
  if (test.status === 'OK') {
    return html`
      <div id="test-result" data-status="OK">
        <p class="success">${t('routers.testOk', { at: dateTime(test.checkedAt) })}</p>
        <dl class="details">
          <dt>${t('routers.identity')}</dt><dd>${test.identity}</dd>
          <dt>${t('routers.routerOs')}</dt><dd>${test.routerOsVersion}</dd>
          <dt>${t('routers.hotspot')}</dt><dd>${test.hotspotPresent ? t('routers.yes') : t('routers.no')}</dd>
          <dt>${t('routers.ppp')}</dt><dd>${test.pppPresent ? t('routers.yes') : t('routers.no')}</dd>
        </dl>
      </div>`;
  }
  return html`<p id="test-result" data-status=${test.status} class="form-error">${t('routers.testFailed', { at: dateTime(test.checkedAt), error: test.error || '' })}</p>`;
}

function OnboardPage({ params }) {
  const path = `/v1/routers/${encodeURIComponent(params.routerId)}`;
  const { data, error, loading } = usePageData('router-onboard', () => api.get(path), [path]);
  // What the page polled since it loaded (a connection test started, the router's health), over what it loaded.
  const [live, setLive] = useState(null);
  const router = live && data && live.id === data.id ? live : data;
  const [script, setScript] = useState(null);
  const [starting, setStarting] = useState(false);
  const [testError, setTestError] = useState(null);
  const current = router && router.connectionTest;
  const testing = Boolean(current && current.status === 'PENDING');
  const waitingForHealth = Boolean(current && current.status === 'OK' && !(router && router.health && router.health.reachable));
  const interval = testing ? TEST_POLL_MILLIS : waitingForHealth ? HEALTH_POLL_MILLIS : null;
  useEffect(() => {
    if (!interval) return undefined;
    const timer = setInterval(async () => {
      try {
        setLive(await api.get(path));
      } catch (e) {
        setTestError(errorMessage(e));
      }
    }, interval);
    return () => clearInterval(timer);
  }, [interval, path]);
  const test = async () => {
    setStarting(true);
    setTestError(null);
    try {
      const started = await api.post(`${path}/test-connection`);
      setLive({ ...router, connectionTest: started });
    } catch (e) {
      setTestError(errorMessage(e));
    } finally {
      setStarting(false);
    }
  };
  if (loading && !router) return html`<${PageHeader} title=${t('routers.wizardTitle')} /><${Loading} />`;
  if (!router) return html`<${PageHeader} title=${t('routers.wizardTitle')} /><${ErrorBox} error=${error} />`;
  const up = Boolean(router.health && router.health.reachable);
  const step = up ? 5 : current && current.status === 'OK' ? 4 : current ? 3 : script ? 2 : 1;
  return html`
    <${PageHeader} title=${t('routers.onboardTitle', { name: router.name })}>
      <a class="button secondary" href=${`#/routers/${encodeURIComponent(router.id)}`}>${t('routers.details')}</a>
    </${PageHeader}>
    <${WizardSteps} current=${step} />
    ${!router.tunnelAddress ? html`<p class="card">${t('routers.ownHostNoScript', { host: router.host })}</p>`
      : can('GET /v1/routers/{routerId}/setup-script') && html`<${SetupScript} router=${router} onScript=${setScript} />`}
    ${can('PUT /v1/routers/{routerId}/credentials') && html`<${Login} router=${router} script=${script} />`}
    <section class="card" aria-labelledby="step-test">
      <h2 id="step-test">${t('routers.stepTest')}</h2>
      <p>${t('routers.testIntro')}</p>
      <${ConnectionTest} test=${current} />
      ${testError && html`<p class="form-error" role="alert">${testError}</p>`}
      ${can('POST /v1/routers/{routerId}/test-connection') && html`<div class="buttons">
        <button type="button" id="test-connection" onClick=${test} disabled=${starting || testing}>
          ${t('routers.testConnection')}</button>
      </div>`}
    </section>
    <section class="card" aria-labelledby="step-health">
      <h2 id="step-health">${t('routers.stepHealth')}</h2>
      <p id="health-state"><${HealthBadge} router=${router} /> ${up ? t('routers.upNote', { at: dateTime(router.health.checkedAt) })
        : router.health ? t('routers.downNote', { error: router.health.lastError || '' }) : t('routers.waitingForPoll')}</p>
      ${up && html`<div class="buttons"><a class="button" id="onboarding-done" href="#/routers">${t('routers.done')}</a></div>`}
    </section>`;
}

export default {
  id: 'router-onboard', path: '/routers/:routerId/onboard', route: 'GET /v1/routers/{routerId}', view: OnboardPage,
  sample: client => firstItemPath(client, '/v1/routers', id => `/routers/${id}/onboard`),
};
