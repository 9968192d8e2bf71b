// One portal, new (#/portals/new) or changed (PUT replaces all but the id): its router, the plans and
// payment providers it sells (none ticked: every active plan / every connected provider), branding, language.
import { html, useEffect } from '../ui/html.js';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';
import { Field, FormError } from '../ui/field.js';
import { useForm } from '../ui/form.js';
import { ErrorBox, Loading, PageHeader, usePageData } from '../ui/page.js';
import { toast } from '../ui/toast.js';
import { money } from '../ui/format.js';
import { firstItemPath } from '../ui/sample.js';

const PROVIDERS = ['mpesa', 'paystack', 'stripe', 'midtrans'];
const COLOURS = ['accentColour', 'backgroundColour', 'textColour'];
const SHOWN = ['id', 'routerId', 'planIds', 'providers', 'name', 'logoUrl', ...COLOURS, 'language', 'location'];

function formOf(portal) {
  const b = (portal && portal.branding) || {};
  return {
    id: '', routerId: portal ? portal.routerId : '', planIds: portal ? portal.planIds : [], providers: portal ? portal.providers : [],
    name: b.name || '', logoUrl: b.logoUrl || '', accentColour: b.accentColour || '', backgroundColour: b.backgroundColour || '',
    textColour: b.textColour || '', language: (portal && portal.language) || '', location: (portal && portal.location) || '',
  };
}

function bodyOf(v, creating) {
  const body = { routerId: v.routerId, planIds: v.planIds, providers: v.providers };
  if (creating && v.id.trim()) body.id = v.id.trim();
  const branding = {};
  ['name', 'logoUrl', ...COLOURS].forEach(k => {
    if (v[k].trim()) branding[k] = v[k].trim();
  });
  if (Object.keys(branding).length) body.branding = branding;
  if (v.language) body.language = v.language;
  if (v.location.trim()) body.location = v.location.trim();
  return body;
}

/** A group of checkboxes whose value is the list of ticked ids. */
function Choices({ name, legend, hint, options, chosen, onChange, error }) {
  const toggle = id => event => onChange(event.target.checked ? [...chosen, id] : chosen.filter(x => x !== id));
  return html`
    <fieldset class=${`field choices${error ? ' field-invalid' : ''}`} aria-describedby=${`${name}-hint`}>
      <legend>${legend}</legend>
      ${options.map(o => html`
        <div class="check">
          <input type="checkbox" id=${`${name}-${o.id}`} checked=${chosen.includes(o.id)} onChange=${toggle(o.id)} />
          <label for=${`${name}-${o.id}`}>${o.label}</label>
        </div>`)}
      <p class="hint" id=${`${name}-hint`}>${hint}</p>
      ${error && html`<p class="error">${error}</p>`}
    </fieldset>`;
}

function PortalForm({ portal, routers, plans }) {
  const creating = !portal;
  const form = useForm(formOf(portal), SHOWN, f => f.replace(/^branding\./, '').replace(/\[\d+\]$/, ''));
  useEffect(() => {
    if (creating && !form.values.routerId && routers.length) form.setValues(v => ({ ...v, routerId: routers[0].id }));
  }, [routers]);
  const { values, set, errors, setValues } = form;
  const save = form.submit(async v => {
    const saved = creating ? await api.post('/v1/portals', bodyOf(v, true))
      : await api.put(`/v1/portals/${encodeURIComponent(portal.id)}`, bodyOf(v, false));
    toast(t('portals.saved', { id: saved.id }));
    navigate('/portals');
  });
  return html`
    <form class="card form" id="portal-form" onSubmit=${save} novalidate>
      ${creating && html`<${Field} label=${t('portals.id')} name="id" hint=${t('portals.idHint')} value=${values.id}
        onInput=${set('id')} error=${errors.id} />`}
      <${Field} as="select" label=${t('portals.router')} name="routerId" value=${values.routerId} onChange=${set('routerId')}
        error=${errors.routerId} required>
        ${routers.map(r => html`<option value=${r.id}>${r.name}</option>`)}
      </${Field}>
      <${Choices} name="planIds" legend=${t('portals.plans')} hint=${t('portals.plansHint')} chosen=${values.planIds}
        options=${plans.map(p => ({ id: p.id, label: `${p.name} (${money(p.price)})` }))} error=${errors.planIds}
        onChange=${planIds => setValues(v => ({ ...v, planIds }))} />
      <${Choices} name="providers" legend=${t('portals.providers')} hint=${t('portals.providersHint')} chosen=${values.providers}
        options=${PROVIDERS.map(p => ({ id: p, label: t(`providers.name.${p}`) }))} error=${errors.providers}
        onChange=${providers => setValues(v => ({ ...v, providers }))} />
      <fieldset class="field">
        <legend>${t('portals.branding')}</legend>
        <${Field} label=${t('portals.brandName')} name="name" value=${values.name} onInput=${set('name')} error=${errors.name} />
        <${Field} label=${t('portals.logoUrl')} name="logoUrl" hint=${t('portals.logoUrlHint')} value=${values.logoUrl}
          onInput=${set('logoUrl')} error=${errors.logoUrl} />
        ${COLOURS.map(c => html`<${Field} label=${t(`portals.${c}`)} name=${c} placeholder="#rrggbb" value=${values[c]}
          onInput=${set(c)} error=${errors[c]} />`)}
      </fieldset>
      <${Field} as="select" label=${t('portals.language')} name="language" value=${values.language} onChange=${set('language')}
        error=${errors.language}>
        <option value="">${t('portals.languageDefault')}</option>
        <option value="en">English</option>
        <option value="sw">Kiswahili</option>
        <option value="id">Bahasa Indonesia</option>
      </${Field}>
      <${Field} label=${t('portals.location')} name="location" value=${values.location} onInput=${set('location')} error=${errors.location} />
      <${FormError} error=${form.error} />
      <div class="buttons">
        <a class="button secondary" href="#/portals">${t('portals.cancel')}</a>
        <button type="submit" id="save-portal" disabled=${form.busy}>${t('portals.save')}</button>
      </div>
    </form>`;
}

function PortalPage({ params }) {
  const creating = params.portalId === 'new';
  const { data, error, loading } = usePageData('portal', async () => {
    const [portal, routers, plans] = await Promise.all([
      creating ? null : api.get(`/v1/portals/${encodeURIComponent(params.portalId)}`),
      api.get('/v1/routers?limit=100'), api.get('/v1/plans?limit=100')]);
    return { portal, routers: routers.items.filter(r => r.status !== 'RETIRED'), plans: plans.items.filter(p => p.active) };
  }, [params.portalId]);
  const title = creating ? t('portals.add') : t('portals.editTitle', { id: params.portalId });
  return html`
    <${PageHeader} title=${title} />
    <${ErrorBox} error=${error} />
    ${loading && !data ? html`<${Loading} />` : data && html`
      ${data.portal && html`<p>${t('portals.plansPath')} <code>${data.portal.plansPath}</code></p>`}
      <${PortalForm} key=${params.portalId} portal=${data.portal} routers=${data.routers} plans=${data.plans} />`}`;
}

export default {
  id: 'portal', path: '/portals/:portalId', route: 'GET /v1/portals/{portalId}', view: PortalPage,
  // No portal yet: the new portal's form.
  sample: client => firstItemPath(client, '/v1/portals', id => `/portals/${id === 'none' ? 'new' : id}`),
};
