// CSV exports (GET /v1/exports/...): the same items, order and cursors as the lists they mirror, at most
// 500 rows a file. While the API says there is more (X-Next-Cursor), the next page follows as its own
// file (<name>-2.csv, -3, ...), named as the API's Content-Disposition says.
import { html, useState } from './html.js';
import { api, query, saveFile } from '../api.js';
import { can } from '../access.js';
import { t } from '../i18n.js';
import { errorMessage } from './page.js';
import { toast } from './toast.js';

/** Downloads every page of the export at path with params; returns how many files were saved. */
export async function exportCsv(path, params = {}) {
  let cursor = null;
  let part = 1;
  do {
    const response = await api.get(`${path}${query({ ...params, cursor })}`, { as: 'response' });
    const blob = await response.blob();
    const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') || '');
    const base = named ? named[1].replace(/\.csv$/, '') : path.split('/').pop();
    saveFile(blob, part === 1 ? `${base}.csv` : `${base}-${part}.csv`);
    cursor = response.headers.get('x-next-cursor');
    part += 1;
  } while (cursor);
  return part - 1;
}

/**
 * The export button of a page: shown only when the caller may call GET path (from /v1/me's routes);
 * a failure is a toast. name: what the export holds, for the button's accessible name when several
 * are on one page (a batch's vouchers).
 */
export function ExportButton({ id, path, params, name, small }) {
  const [busy, setBusy] = useState(false);
  if (!can(`GET ${path}`)) return null;
  const run = async () => {
    setBusy(true);
    try {
      await exportCsv(path, params);
    } catch (e) {
      toast(errorMessage(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  return html`<button type="button" class=${small ? 'secondary small' : 'secondary'} id=${id} disabled=${busy} onClick=${run}
    aria-label=${name ? t('common.named', { action: t('exports.csv'), name }) : undefined}>${t('exports.csv')}</button>`;
}
