// One router: its record, health and last connection test; edit (PATCH), retire, delete (a retired router no
// portal sells on), and the way back into the onboarding wizard.
import { html, useState } from '../ui/html.js';
import { api } from '../api.js';
import { can } from '../access.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';
import { FormError } from '../ui/field.js';
import { useForm } from '../ui/form.js';
import { ConfirmDialog } from '../ui/dialog.js';
import { ErrorBox, Loading, PageHeader, errorMessage, usePageData } from '../ui/page.js';
import { dateTime, number } from '../ui/format.js';
import { toast } from '../ui/toast.js';
import { HealthBadge } from './routers.js';
import { ConnectionTest } from './router-onboard.js';
import { RouterFields, routerBody } from './router-new.js';
import { firstItemPath } from '../ui/sample.js';

function formOf(router) {
  return {
    name: router.name, site: router.site || '', wifiName: router.wifiName || '', hotspotServer: router.hotspotServer || '',
    transport: router.useTls ? 'tls' : 'plain', apiPort: String(router.apiPort), host: '',
  };
}

function EditRouter({ router, onDone, onCancel }) {
  const form = useForm(formOf(router), ['name', 'site', 'wifiName', 'hotspotServer', 'useTls', 'apiPort'],
    f => (f === 'allowPlainApi' ? 'useTls' : f));
  const save = form.submit(async values => {
    const saved = await api.patch(`/v1/routers/${encodeURIComponent(router.id)}`, routerBody(values, false));
    toast(t('routers.saved', { name: saved.name }));
    onDone(saved);
  });
  return html`
    <form class="card form" id="router-edit" onSubmit=${save} novalidate>
      <h2>${t('routers.edit')}</h2>
      <${RouterFields} form=${form} withHost=${false} />
      <${FormError} error=${form.error} />
      <div class="buttons">
        <button type="button" class="secondary" onClick=${onCancel}>${t('routers.cancel')}</button>
        <button type="submit" id="save-router" disabled=${form.busy}>${t('routers.save')}</button>
      </div>
    </form>`;
}

function RouterPage({ params }) {
  const path = `/v1/routers/${encodeURIComponent(params.routerId)}`;
  const { data: router, error, loading, reload } = usePageData('router', () => api.get(path), [path]);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(null);
  const [busy, setBusy] = useState(false);
  const act = async () => {
    setBusy(true);
    try {
      if (confirming === 'retire') {
        await api.post(`${path}/retire`);
        toast(t('routers.retiredNote', { name: router.name }));
        setConfirming(null);
        reload();
      } else {
        await api.del(path);
        toast(t('routers.deletedNote', { name: router.name }));
        setConfirming(null);
        navigate('/routers');
      }
    } catch (e) {
      toast(errorMessage(e), 'error');
      setConfirming(null);
    } finally {
      setBusy(false);
    }
  };
  if (loading && !router) return html`<${PageHeader} title=${t('routers.title')} /><${Loading} />`;
  if (!router) return html`<${PageHeader} title=${t('routers.title')} /><${ErrorBox} error=${error} />`;
  const retired = router.status === 'RETIRED';
  const health = router.health;
  return html`
    <${PageHeader} title=${router.name}>
      ${!retired && can('POST /v1/routers/{routerId}/test-connection') && html`<a class="button secondary" id="onboard-router" href=${`#/routers/${encodeURIComponent(router.id)}/onboard`}>
        ${t('routers.onboard')}</a>`}
      ${!retired && can('PATCH /v1/routers/{routerId}') && !editing && html`
        <button type="button" class="secondary" id="edit-router" onClick=${() => setEditing(true)}>${t('routers.edit')}</button>`}
      ${!retired && can('POST /v1/routers/{routerId}/retire') && html`
        <button type="button" class="danger" id="retire-router" onClick=${() => setConfirming('retire')}>${t('routers.retire')}</button>`}
      ${retired && can('DELETE /v1/routers/{routerId}') && html`
        <button type="button" class="danger" id="delete-router" onClick=${() => setConfirming('delete')}>${t('routers.delete')}</button>`}
    </${PageHeader}>
    ${editing && html`<${EditRouter} router=${router} onCancel=${() => setEditing(false)} onDone=${() => { setEditing(false); reload(); }} />`}
    <section class="card" aria-labelledby="router-facts">
      <h2 id="router-facts">${t('routers.details')}</h2>
      <dl class="details">
        <dt>${t('routers.health')}</dt><dd><${HealthBadge} router=${router} /></dd>
        <dt>${t('routers.address')}</dt><dd>${router.tunnelAddress ? t('routers.throughHub', { address: router.tunnelAddress }) : router.host}</dd>
        <dt>${t('routers.transport')}</dt><dd>${router.useTls ? t('routers.transportTls') : t('routers.transportPlain')} (${router.apiPort})</dd>
        <dt>${t('routers.site')}</dt><dd>${router.site || '—'}</dd>
        <dt>${t('routers.wifiName')}</dt><dd>${router.wifiName || '—'}</dd>
        <dt>${t('routers.hotspotServer')}</dt><dd>${router.hotspotServer || '—'}</dd>
        <dt>${t('routers.sessions')}</dt><dd>${health && health.activeSessions != null ? number(health.activeSessions) : '—'}</dd>
        <dt>${t('routers.lastSeen')}</dt><dd>${health && health.lastSeenAt ? dateTime(health.lastSeenAt) : '—'}</dd>
        ${health && health.lastError && html`<dt>${t('routers.lastError')}</dt><dd>${health.lastError}</dd>`}
        <dt>${t('routers.created')}</dt><dd>${dateTime(router.createdAt)}</dd>
      </dl>
    </section>
    <section class="card" aria-labelledby="router-test">
      <h2 id="router-test">${t('routers.stepTest')}</h2>
      <${ConnectionTest} test=${router.connectionTest} />
    </section>
    ${confirming && html`
      <${ConfirmDialog} title=${confirming === 'retire' ? t('routers.retireTitle', { name: router.name }) : t('routers.deleteTitle', { name: router.name })}
        message=${confirming === 'retire' ? t('routers.retireMessage') : t('routers.deleteMessage')}
        confirmLabel=${confirming === 'retire' ? t('routers.retire') : t('routers.delete')} danger busy=${busy}
        onConfirm=${act} onCancel=${() => setConfirming(null)} />`}`;
}

export default {
  id: 'router', path: '/routers/:routerId', route: 'GET /v1/routers/{routerId}', view: RouterPage,
  sample: client => firstItemPath(client, '/v1/routers', id => `/routers/${id}`),
};
