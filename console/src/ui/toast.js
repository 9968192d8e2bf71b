// Short notices ("Plan saved") in one polite live region, gone after a few seconds.
import { html, useEffect, useState } from './html.js';

const listeners = new Set();
let notices = [];
let next = 0;

function publish() {
  listeners.forEach(listener => listener(notices));
}

export function toast(message, kind = 'info') {
  const id = ++next;
  notices = [...notices, { id, message, kind }];
  publish();
  setTimeout(() => {
    notices = notices.filter(n => n.id !== id);
    publish();
  }, 5000);
}

export function Toasts() {
  const [shown, setShown] = useState(notices);
  useEffect(() => {
    listeners.add(setShown);
    return () => listeners.delete(setShown);
  }, []);
  return html`
    <div class="toasts" role="status" aria-live="polite">
      ${shown.map(n => html`<p key=${n.id} class=${`toast toast-${n.kind}`}>${n.message}</p>`)}
    </div>`;
}
