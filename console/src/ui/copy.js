// A button that copies a text (a setup script, a webhook URL) to the clipboard and says so.
import { html, useState } from './html.js';
import { t } from '../i18n.js';

export function CopyButton({ text, label, id }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No clipboard permission (plain http, an old browser): select the text for Ctrl-C instead.
      const area = document.createElement('textarea');
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 3000);
  };
  return html`
    <button type="button" class="secondary" id=${id} onClick=${copy}>${label}</button>
    <span class="copied" role="status">${copied ? t('copy.copied') : ''}</span>`;
}
