// Routers: the list with each router's latest health; a new router starts the onboarding wizard.
import { html } from '../ui/html.js';
import { api } from '../api.js';
import { can } from '../access.js';
import { t } from '../i18n.js';
import { DataTable } from '../ui/table.js';
import { ErrorBox, Loading, PageHeader, usePageData } from '../ui/page.js';
import { dateTime, number } from '../ui/format.js';

/** A router's state in words: retired, up, down, or not polled yet. */
export function HealthBadge({ router }) {
  if (router.status === 'RETIRED') return html`<span class="badge">${t('routers.retired')}</span>`;
  const health = router.health;
  if (!health) return html`<span class="badge">${t('routers.notPolled')}</span>`;
  return health.reachable
    ? html`<span class="badge ok">${t('routers.up')}</span>`
    : html`<span class="badge bad">${t('routers.down')}</span>`;
}

function RoutersPage() {
  const { data, error, loading } = usePageData('routers', () => api.get('/v1/routers?limit=100'));
  const columns = [
    { key: 'name', label: t('routers.name'), render: r => html`<a href=${`#/routers/${encodeURIComponent(r.id)}`}>${r.name}</a>` },
    { key: 'site', label: t('routers.site'), render: r => r.site || '—' },
    { key: 'health', label: t('routers.health'), render: r => html`<${HealthBadge} router=${r} />` },
    { key: 'sessions', label: t('routers.sessions'),
      render: r => (r.health && r.health.activeSessions != null ? number(r.health.activeSessions) : '—') },
    { key: 'lastSeen', label: t('routers.lastSeen'), render: r => (r.health && r.health.lastSeenAt ? dateTime(r.health.lastSeenAt) : '—') },
  ];
  return html`
    <${PageHeader} title=${t('routers.title')}>
      ${can('POST /v1/routers') && html`<a class="button" id="new-router" href="#/routers/new">${t('routers.add')}</a>`}
    </${PageHeader}>
    <${ErrorBox} error=${error} />
    ${loading && !data ? html`<${Loading} />` : data && html`
      <${DataTable} columns=${columns} rows=${data.items} empty=${t('routers.empty')} />`}`;
}

export default { id: 'routers', path: '/routers', nav: 'routers.nav', route: 'GET /v1/routers', view: RoutersPage };
