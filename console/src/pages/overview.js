// The overview: money in per day over 30 days (a chart) with today's, 7 and 30 days' totals, the plans that sell, sessions online,
// bandwidth, the routers' health and open alerts. Every figure is the API's; each part is shown only
// when the caller may call its route (a cashier sees none of the revenue).
import { html } from '../ui/html.js';
import { api, query } from '../api.js';
import { can, currency, zone } from '../access.js';
import { t } from '../i18n.js';
import { Chart } from '../ui/chart.js';
import { DataTable } from '../ui/table.js';
import { ErrorBox, Loading, PageHeader, usePageData } from '../ui/page.js';
import { bytes, dateTime, day, money, number } from '../ui/format.js';

const REVENUE = 'GET /v1/dashboard/revenue';
const POPULAR = 'GET /v1/dashboard/popular-plans';
const SESSIONS = 'GET /v1/dashboard/active-sessions';
const BANDWIDTH = 'GET /v1/dashboard/bandwidth';
const HEALTH = 'GET /v1/dashboard/router-health';
const ALERTS = 'GET /v1/dashboard/alerts';
const ROUTERS = 'GET /v1/routers';

/** The reseller's calendar day, `days` before today, as YYYY-MM-DD. */
export function localDay(daysBack, timeZone, now = new Date()) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - daysBack);
  return date.toISOString().slice(0, 10);
}

/**
 * Gross and sales of the last `count` days of the revenue answer (its days run oldest first and end
 * today in the reseller's zone, every day present), in minor units.
 */
export function lastDays(revenue, count) {
  return revenue.days.slice(-count).reduce((sum, d) => ({ sales: sum.sales + d.sales, grossMinor: sum.grossMinor + d.gross.amountMinor }),
    { sales: 0, grossMinor: 0 });
}

async function load() {
  const tz = zone();
  const when = f => (f ? f() : Promise.resolve(null));
  const [revenue, month, sessions, bandwidth, health, alerts, routers] = await Promise.all([
    when(can(REVENUE) && (() => api.get('/v1/dashboard/revenue?days=30'))),
    when(can(POPULAR) && (() => api.get(`/v1/dashboard/popular-plans${query({ from: localDay(29, tz), to: localDay(0, tz), limit: 100 })}`))),
    when(can(SESSIONS) && (() => api.get('/v1/dashboard/active-sessions'))),
    when(can(BANDWIDTH) && (() => api.get(`/v1/dashboard/bandwidth${query({ from: localDay(6, tz), to: localDay(0, tz) })}`))),
    when(can(HEALTH) && (() => api.get('/v1/dashboard/router-health'))),
    when(can(ALERTS) && (() => api.get('/v1/dashboard/alerts'))),
    when(can(ROUTERS) && (() => api.get('/v1/routers?limit=100'))),
  ]);
  return { revenue, month, sessions, bandwidth, health, alerts, routers };
}

function Tile({ id, label, value, state }) {
  return html`<div class=${`tile${state ? ` ${state}` : ''}`} id=${id}><span class="label">${label}</span><span class="value">${value}</span></div>`;
}

function Revenue({ revenue }) {
  const cur = revenue.days.length > 0 ? revenue.days[0].gross.currency : currency();
  const today = lastDays(revenue, 1);
  const week = lastDays(revenue, 7);
  const month = lastDays(revenue, 30);
  return html`
    <section aria-labelledby="revenue-title">
      <h2 id="revenue-title">${t('overview.revenue')}</h2>
      <div class="tiles">
        <${Tile} id="revenue-today" label=${t('overview.revenueToday')} value=${money(today.grossMinor, cur)} />
        <${Tile} id="sales-today" label=${t('overview.salesToday')} value=${number(today.sales)} />
        <${Tile} id="revenue-week" label=${t('overview.revenueWeek')} value=${money(week.grossMinor, cur)} />
        <${Tile} id="revenue-month" label=${t('overview.revenueMonth')} value=${money(month.grossMinor, cur)} />
        <${Tile} id="sales-month" label=${t('overview.salesMonth')} value=${number(month.sales)} />
      </div>
      <${Chart} id="revenue-chart" title=${t('overview.revenueChart')} xTitle=${t('overview.day')} bars
        x=${revenue.days.map(d => Date.parse(`${d.day}T00:00:00Z`) / 1000)}
        series=${[{ label: t('overview.gross'), values: revenue.days.map(d => d.gross.amountMinor), color: '#0a5bd3' }]}
        format=${v => money(Math.round(v), cur)} least=${10000} />
    </section>`;
}

function PopularPlans({ month }) {
  return html`
    <section aria-labelledby="popular-title">
      <h2 id="popular-title">${t('overview.popularPlans')}</h2>
      <${DataTable} rowKey=${p => p.planId} rows=${month.plans} empty=${t('overview.noSales')} columns=${[
        { key: 'planName', label: t('overview.plan'), render: p => p.planName || p.planId },
        { key: 'sales', label: t('overview.sales'), render: p => number(p.sales) },
        { key: 'gross', label: t('overview.gross'), render: p => money(p.gross) },
      ]} />
    </section>`;
}

function Bandwidth({ bandwidth }) {
  const days = bandwidth.days || [];
  const total = days.reduce((sum, d) => sum + d.totalBytes, 0);
  return html`
    <section aria-labelledby="bandwidth-title">
      <h2 id="bandwidth-title">${t('overview.bandwidth')}</h2>
      <div class="tiles">
        <${Tile} id="bandwidth-total" label=${t('overview.bandwidthWeek')} value=${bytes(total)} />
      </div>
      <${Chart} id="bandwidth-chart" title=${t('overview.bandwidthChart')} xTitle=${t('overview.day')}
        x=${days.map(d => Date.parse(`${d.day}T00:00:00Z`) / 1000)} format=${bytes} least=${1000000}
        series=${[
          { label: t('overview.download'), values: days.map(d => d.bytesOut), color: '#0a5bd3' },
          { label: t('overview.upload'), values: days.map(d => d.bytesIn), color: '#1e7a34' },
        ]} />
    </section>`;
}

function RouterHealth({ health, routers }) {
  const names = new Map((routers?.items || []).map(r => [r.id, r.name]));
  const items = health.routers || [];
  return html`
    <section aria-labelledby="health-title">
      <h2 id="health-title">${t('overview.routerHealth')}</h2>
      ${items.length === 0 ? html`<p class="empty">${t('overview.noRouters')}</p>` : html`
        <div class="tiles">
          ${items.map(h => html`
            <div class=${`tile ${h.reachable ? 'up' : 'down'}`} key=${h.routerId}>
              <span class="label">${names.get(h.routerId) || h.routerId}</span>
              <span class="value">${h.reachable ? t('overview.up') : t('overview.down')}</span>
              <span class="label">${h.reachable
                ? t('overview.sessionsOn', { count: number(h.activeSessions ?? 0) })
                : t('overview.lastSeen', { when: h.lastSeenAt ? dateTime(h.lastSeenAt) : t('overview.never') })}</span>
            </div>`)}
        </div>`}
    </section>`;
}

function Alerts({ alerts }) {
  const items = alerts.alerts || [];
  return html`
    <section aria-labelledby="alerts-title">
      <h2 id="alerts-title">${t('overview.alerts')}</h2>
      ${items.length === 0 ? html`<p class="empty">${t('overview.noAlerts')}</p>` : html`
        <ul class="alerts">
          ${items.map(a => html`<li key=${a.alertId} class=${`alert alert-${a.severity.toLowerCase()}`}>
            <strong>${a.subject}</strong> <span class="badge">${a.severity}</span>
            <span class="when">${dateTime(a.raisedAt)}</span>
            ${a.detail && html`<p>${a.detail}</p>`}</li>`)}
        </ul>`}
    </section>`;
}

function OverviewPage() {
  const { data, error, loading } = usePageData('overview', load);
  const nothing = data && Object.values(data).every(v => v === null);
  return html`
    <${PageHeader} title=${t('overview.title')} />
    <${ErrorBox} error=${error} />
    ${loading && !data && html`<${Loading} />`}
    ${data && html`
      ${data.revenue && html`<${Revenue} revenue=${data.revenue} />`}
      ${data.sessions && html`<div class="tiles"><${Tile} id="active-sessions" label=${t('overview.activeSessions')}
        value=${number(data.sessions.activeSessions)} /></div>`}
      <div class="grid-2">
        ${data.month && html`<${PopularPlans} month=${data.month} />`}
        ${data.bandwidth && html`<${Bandwidth} bandwidth=${data.bandwidth} />`}
      </div>
      ${data.health && html`<${RouterHealth} health=${data.health} routers=${data.routers} />`}
      ${data.alerts && html`<${Alerts} alerts=${data.alerts} />`}
      ${nothing && html`<p>${t('overview.nothingForRole')}</p>`}`}`;
}

export default {
  id: 'overview', path: '/overview', nav: 'nav.overview', route: 'GET /v1/me', view: OverviewPage,
};
