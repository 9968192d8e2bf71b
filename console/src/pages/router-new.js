// Onboarding wizard, step 1: the router's record. Without a host billing allocates it a tunnel address and
// the next steps (setup script, login, connection test, health) continue on #/routers/<id>/onboard.
import { html, useState } from '../ui/html.js';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';
import { Field, FormError } from '../ui/field.js';
import { Check, useForm } from '../ui/form.js';
import { PageHeader, usePageData } from '../ui/page.js';
import { WizardSteps } from './router-onboard.js';

const SHOWN = ['name', 'site', 'wifiName', 'hotspotServer', 'useTls', 'host', 'apiPort'];

/** The API's body for the router form (shared with the router's edit form). */
export function routerBody(values, includeHost) {
  const body = {
    name: values.name.trim(),
    useTls: values.transport === 'tls',
    allowPlainApi: values.transport === 'plain',
  };
  ['site', 'wifiName', 'hotspotServer'].forEach(key => {
    if (values[key].trim()) body[key] = values[key].trim();
  });
  if (includeHost && values.ownHost && values.host.trim()) body.host = values.host.trim();
  if (String(values.apiPort).trim()) body.apiPort = Number(values.apiPort);
  return body;
}

/** The router's fields: name, site, Wi-Fi name, hotspot server, how the driver connects, and (new, advanced) the host. */
export function RouterFields({ form, withHost }) {
  const { values, set, errors } = form;
  return html`
    <${Field} label=${t('routers.name')} name="name" value=${values.name} onInput=${set('name')} error=${errors.name} required />
    <${Field} label=${t('routers.site')} name="site" value=${values.site} onInput=${set('site')} error=${errors.site} />
    <${Field} label=${t('routers.wifiName')} name="wifiName" hint=${t('routers.wifiNameHint')} value=${values.wifiName}
      onInput=${set('wifiName')} error=${errors.wifiName} />
    <${Field} label=${t('routers.hotspotServer')} name="hotspotServer" hint=${t('routers.hotspotServerHint')}
      value=${values.hotspotServer} onInput=${set('hotspotServer')} error=${errors.hotspotServer} />
    <${Field} as="select" label=${t('routers.transport')} name="transport" value=${values.transport}
      onChange=${set('transport')} error=${errors.useTls}>
      <option value="tls">${t('routers.transportTls')}</option>
      <option value="plain">${t('routers.transportPlain')}</option>
    </${Field}>
    <${Field} label=${t('routers.apiPort')} name="apiPort" type="number" min="1" max="65535" inputmode="numeric"
      hint=${t('routers.apiPortHint')} value=${values.apiPort} onInput=${set('apiPort')} error=${errors.apiPort} />
    ${withHost && html`
      <${Check} name="ownHost" label=${t('routers.ownHost')} checked=${values.ownHost} onChange=${set('ownHost')} />
      ${values.ownHost && html`<${Field} label=${t('routers.host')} name="host" hint=${t('routers.hostHint')} value=${values.host}
        onInput=${set('host')} error=${errors.host} />`}`}`;
}

export const EMPTY_ROUTER = { name: '', site: '', wifiName: '', hotspotServer: '', transport: 'tls', apiPort: '', ownHost: false, host: '' };

function NewRouterPage() {
  usePageData('router-new', async () => null);
  const form = useForm(EMPTY_ROUTER, SHOWN, f => (f === 'allowPlainApi' ? 'useTls' : f));
  const [created, setCreated] = useState(null);
  const create = form.submit(async values => {
    const router = await api.post('/v1/routers', routerBody(values, true));
    setCreated(router);
    navigate(router.tunnelAddress ? `/routers/${encodeURIComponent(router.id)}/onboard` : `/routers/${encodeURIComponent(router.id)}`);
  });
  return html`
    <${PageHeader} title=${t('routers.wizardTitle')} />
    <${WizardSteps} current=${0} />
    <form class="card form" id="router-form" onSubmit=${create} novalidate>
      <h2>${t('routers.stepCreate')}</h2>
      <p>${t('routers.createIntro')}</p>
      <${RouterFields} form=${form} withHost=${true} />
      <${FormError} error=${form.error} />
      <div class="buttons">
        <a class="button secondary" href="#/routers">${t('routers.cancel')}</a>
        <button type="submit" id="create-router" disabled=${form.busy || created}>${t('routers.create')}</button>
      </div>
    </form>`;
}

export default { id: 'router-new', path: '/routers/new', route: 'POST /v1/routers', view: NewRouterPage };
