// The balance: what the reseller's ledger adds up to now.
import { html } from '../ui/html.js';
import { api } from '../api.js';
import { can } from '../access.js';
import { t } from '../i18n.js';
import { ErrorBox, Loading, PageHeader, usePageData } from '../ui/page.js';
import { money } from '../ui/format.js';

function BalancePage() {
  const { data, error, loading } = usePageData('balance', () => api.get('/v1/balance'));
  return html`
    <${PageHeader} title=${t('balance.title')} />
    <${ErrorBox} error=${error} />
    ${loading && !data ? html`<${Loading} />` : data && html`
      <section class="card">
        <p class="figure" id="balance">${money(data.balance)}</p>
        <p>${t('balance.explained')}</p>
        ${can('GET /v1/ledger') && html`<a class="button secondary" href="#/ledger">${t('balance.toLedger')}</a>`}
      </section>`}`;
}

export default { id: 'balance', path: '/balance', nav: 'balance.nav', route: 'GET /v1/balance', view: BalancePage };
