// The console's shell: the sign-in gate, the navigation (only the pages whose route GET /v1/me lists
// for this caller), the language switch, sign out and sign out everywhere, and the hash router that
// shows one page of pages/index.js at a time.
import { html, render, useEffect, useState } from './ui/html.js';
import { api, onUnauthorized, session } from './api.js';
import { can, setMe } from './access.js';
import { t, language, setLanguage, onLanguageChange, LANGUAGES } from './i18n.js';
import { findPage, navigate, useHashPath } from './router.js';
import { SignIn } from './signin.js';
import { Toasts } from './ui/toast.js';
import { ErrorBox, Loading } from './ui/page.js';
import pages from './pages/index.js';

const LINK_PREFIX = '/link/';

/** The pages this caller may open, in the registry's order. */
function allowedPages() {
  return pages.filter(page => can(page.route));
}

function landingPath() {
  const first = allowedPages().find(page => page.nav && !page.path.includes(':'));
  return first ? first.path : '/';
}

function LanguageSwitch() {
  return html`
    <div class="language">
      <label for="language" class="visually-hidden">${t('shell.language')}</label>
      <select id="language" value=${language()} onChange=${e => setLanguage(e.target.value)}>
        ${Object.entries(LANGUAGES).map(([code, name]) => html`<option value=${code} lang=${code}>${name}</option>`)}
      </select>
    </div>`;
}

function Shell({ me, path, onSignOut }) {
  const [menuOpen, setMenuOpen] = useState(false);
  const found = findPage(pages, path);
  useEffect(() => setMenuOpen(false), [path]);
  useEffect(() => {
    if (!found) navigate(landingPath());
  }, [path]);
  const nav = allowedPages().filter(page => page.nav && !page.path.includes(':'));
  const who = me.staff ? me.staff.name || me.staff.email : me.reseller?.name;
  let body;
  if (!found) {
    body = html`<${Loading} />`;
  } else if (!can(found.page.route)) {
    body = html`<h1>${t('shell.notAllowedTitle')}</h1><p>${t('shell.notAllowed')}</p>`;
  } else {
    const View = found.page.view;
    body = html`<${View} key=${found.page.id} params=${found.params} />`;
  }
  return html`
    <a class="skip" href="#main" onClick=${e => { e.preventDefault(); document.getElementById('main')?.focus(); }}>${t('shell.skip')}</a>
    <header class="top">
      <button type="button" class="menu-toggle secondary" aria-expanded=${menuOpen ? 'true' : 'false'} aria-controls="nav"
        onClick=${() => setMenuOpen(!menuOpen)}>${t('shell.menu')}</button>
      <span class="brand">WISPbill</span>
      <span class="who">${who} · ${t(`roles.${me.role}`)}</span>
      <${LanguageSwitch} />
    </header>
    <div class="layout">
      <nav id="nav" class=${menuOpen ? 'open' : ''} aria-label=${t('shell.navigation')}>
        <ul>
          ${nav.map(page => html`
            <li><a href=${`#${page.path}`} id=${`nav-${page.id}`}
              aria-current=${found && found.page.id === page.id ? 'page' : undefined}>${t(page.nav)}</a></li>`)}
        </ul>
        <div class="session-actions">
          <button type="button" class="secondary" id="sign-out" onClick=${() => onSignOut(false)}>${t('shell.signOut')}</button>
          <button type="button" class="secondary" id="sign-out-everywhere" onClick=${() => onSignOut(true)}>${t('shell.signOutEverywhere')}</button>
        </div>
      </nav>
      <main id="main" tabindex="-1">${body}</main>
    </div>
    <${Toasts} />`;
}

function App() {
  const [, setLanguageShown] = useState(language());
  const [me, setMeState] = useState(null);
  const [state, setState] = useState(session.token() ? 'loading' : 'signed-out');
  const [notice, setNotice] = useState(null);
  const [error, setError] = useState(null);
  const path = useHashPath();

  useEffect(() => onLanguageChange(setLanguageShown), []);
  useEffect(() => onUnauthorized(() => {
    setMe(null);
    setMeState(null);
    setNotice(t('signIn.sessionEnded'));
    setState('signed-out');
  }), []);

  const loadMe = async () => {
    setState('loading');
    try {
      const answer = await api.get('/v1/me');
      setMe(answer);
      setMeState(answer);
      setState('signed-in');
    } catch (e) {
      if (session.token()) {
        setError(e);
        setState('failed');
      }
    }
  };

  const signedIn = answer => {
    session.set(answer.token);
    setNotice(null);
    loadMe();
  };

  useEffect(() => {
    if (path.startsWith(LINK_PREFIX)) {
      const linkToken = path.slice(LINK_PREFIX.length);
      session.clear();
      setState('loading');
      api.post('/v1/auth/sign-in-links/redeem', { linkToken }, { public: true })
        .then(answer => {
          navigate('/overview');
          signedIn(answer);
        })
        .catch(() => {
          setNotice(t('signIn.linkInvalid'));
          setState('signed-out');
          navigate('/');
        });
    } else if (state === 'loading' && session.token() && !me) {
      loadMe();
    }
  }, [path.startsWith(LINK_PREFIX) ? path : '']);

  const signOut = async everywhere => {
    try {
      await api.post(everywhere ? '/v1/auth/sign-out-everywhere' : '/v1/auth/sign-out');
    } catch {
      // Signed out already (401) or unreachable: forgetting the token here is all that is left to do.
    }
    session.clear();
    setMe(null);
    setMeState(null);
    setNotice(t(everywhere ? 'signIn.signedOutEverywhere' : 'signIn.signedOut'));
    setState('signed-out');
  };

  if (state === 'signed-out') {
    return html`<div class="signed-out-top"><${LanguageSwitch} /></div><${SignIn} onSignedIn=${signedIn} notice=${notice} />`;
  }
  if (state === 'failed') {
    return html`<main id="main"><${ErrorBox} error=${error} /><button type="button" onClick=${loadMe}>${t('common.retry')}</button></main>`;
  }
  if (state !== 'signed-in' || path.startsWith(LINK_PREFIX)) {
    return html`<main id="main"><${Loading} /></main>`;
  }
  return html`<${Shell} me=${me} path=${path} onSignOut=${signOut} />`;
}

// What the browser tests read: the registry's pages (every page gets the layout and axe checks).
window.wispbillConsole = {
  pages: () => pages.map(({ id, path, route }) => ({ id, path, route })),
  samplePath: id => {
    const page = pages.find(p => p.id === id);
    return page && page.sample ? page.sample(api) : Promise.resolve(page ? page.path : null);
  },
};

document.documentElement.lang = language();
render(html`<${App} />`, document.getElementById('app'));
