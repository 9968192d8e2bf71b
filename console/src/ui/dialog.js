// A modal confirmation: what will happen, optional fields (a reason), confirm or cancel. Focus moves
// into it when it opens and Escape cancels.
import { html, useEffect, useRef } from './html.js';
import { t } from '../i18n.js';

export function ConfirmDialog({ title, message, confirmLabel, onConfirm, onCancel, busy, danger, children }) {
  const panel = useRef(null);
  useEffect(() => {
    const first = panel.current?.querySelector('input, textarea, select, button');
    first?.focus();
    const onKey = event => {
      if (event.key === 'Escape') onCancel();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const submit = event => {
    event.preventDefault();
    onConfirm();
  };
  return html`
    <div class="dialog-backdrop">
      <form class="dialog" role="dialog" aria-modal="true" aria-labelledby="dialog-title" ref=${panel} onSubmit=${submit}>
        <h2 id="dialog-title">${title}</h2>
        ${message && html`<p>${message}</p>`}
        ${children}
        <div class="buttons">
          <button type="button" class="secondary" onClick=${onCancel}>${t('common.cancel')}</button>
          <button type="submit" class=${danger ? 'danger' : ''} disabled=${busy}>${confirmLabel}</button>
        </div>
      </form>
    </div>`;
}
