// Portals: the public handles of hotspot login pages (/portal/<id>/...), each selling on one router.
import { html } from '../ui/html.js';
import { api } from '../api.js';
import { can } from '../access.js';
import { t } from '../i18n.js';
import { DataTable } from '../ui/table.js';
import { ErrorBox, Loading, PageHeader, usePageData } from '../ui/page.js';

function PortalsPage() {
  const { data, error, loading } = usePageData('portals', async () => {
    const [portals, routers] = await Promise.all([api.get('/v1/portals?limit=100'), api.get('/v1/routers?limit=100')]);
    return { portals: portals.items, routers: Object.fromEntries(routers.items.map(r => [r.id, r.name])) };
  });
  const columns = [
    { key: 'id', label: t('portals.id'), render: p => html`<a href=${`#/portals/${encodeURIComponent(p.id)}`}>${p.id}</a>` },
    { key: 'name', label: t('portals.brandName'), render: p => (p.branding && p.branding.name) || '—' },
    { key: 'router', label: t('portals.router'), render: p => data.routers[p.routerId] || p.routerId },
    { key: 'plans', label: t('portals.plans'), render: p => (p.planIds.length ? String(p.planIds.length) : t('portals.allPlans')) },
    { key: 'providers', label: t('portals.providers'), render: p => (p.providers.length ? p.providers.join(', ') : t('portals.allProviders')) },
    { key: 'language', label: t('portals.language'), render: p => p.language || '—' },
  ];
  return html`
    <${PageHeader} title=${t('portals.title')}>
      ${can('POST /v1/portals') && html`<a class="button" id="new-portal" href="#/portals/new">${t('portals.add')}</a>`}
    </${PageHeader}>
    <${ErrorBox} error=${error} />
    ${loading && !data ? html`<${Loading} />` : data && html`
      <${DataTable} columns=${columns} rows=${data.portals} empty=${t('portals.empty')} />`}`;
}

export default { id: 'portals', path: '/portals', nav: 'portals.nav', route: 'GET /v1/portals', view: PortalsPage };
