// What every page does around its data: load it from the API, show loading and errors, and mark
// <main data-ready="<page id>"> once the data is on screen (the browser tests and the bench wait for it).
import { html, useCallback, useEffect, useState } from './html.js';
import { t } from '../i18n.js';
import { ApiError } from '../api.js';

function markReady(id) {
  const main = document.querySelector('main');
  if (main) main.dataset.ready = id;
}

/**
 * Runs load() (an async function returning the page's data) when the page opens and on reload();
 * returns {data, error, loading, reload}. When the first load settles, <main> gets data-ready=id.
 */
export function usePageData(id, load, deps = []) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const run = useCallback(async () => {
    setState(s => ({ ...s, loading: true }));
    try {
      const data = await load();
      setState({ data, error: null, loading: false });
    } catch (error) {
      setState({ data: null, error, loading: false });
    }
  }, deps);
  useEffect(() => {
    const main = document.querySelector('main');
    if (main) delete main.dataset.ready;
    run();
  }, [run]);
  useEffect(() => {
    if (!state.loading) markReady(id);
  }, [state.loading, id]);
  return { ...state, reload: run };
}

/** What to tell a person about a failed call: the API's own detail, else a general line per kind. */
export function errorMessage(error) {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('common.offline');
    if (error.status === 403) return t('common.forbidden');
    if (error.detail) return error.detail;
    if (error.title) return error.title;
  }
  return t('common.failed');
}

export function ErrorBox({ error }) {
  if (!error) return null;
  return html`<p class="form-error" role="alert">${errorMessage(error)}</p>`;
}

/**
 * A form's submit: runs work() once at a time and keeps what went wrong, as one message (error) and
 * by field (errors, from the API's errors[].field). Returns {submit, busy, error, errors}.
 */
export function useSubmit(work) {
  const [state, setState] = useState({ busy: false, error: null, errors: {} });
  const submit = async event => {
    event?.preventDefault();
    setState({ busy: true, error: null, errors: {} });
    try {
      await work();
      setState({ busy: false, error: null, errors: {} });
    } catch (e) {
      setState({ busy: false, error: errorMessage(e), errors: e instanceof ApiError ? e.byField() : {} });
    }
  };
  return { submit, ...state };
}

/** The page's frame: its heading (the focus target after navigation), actions and body. */
export function PageHeader({ title, children }) {
  return html`
    <div class="page-header">
      <h1 tabindex="-1" id="page-title">${title}</h1>
      ${children && html`<div class="page-actions">${children}</div>`}
    </div>`;
}

export function Loading() {
  return html`<p class="loading" aria-busy="true">${t('common.loading')}</p>`;
}
