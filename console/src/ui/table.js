// A table on a desktop, a list of cards on a phone (CSS: each cell shows its column's name from
// data-label). columns: [{key, label, render?(row)}]; actions?(row) renders the row's buttons.
import { html } from './html.js';

export function DataTable({ columns, rows, rowKey = row => row.id, actions, empty, caption }) {
  if (!rows || rows.length === 0) {
    return html`<p class="empty">${empty}</p>`;
  }
  return html`
    <table class="data-table">
      ${caption && html`<caption>${caption}</caption>`}
      <thead><tr>
        ${columns.map(c => html`<th scope="col">${c.label}</th>`)}
        ${actions && html`<th scope="col"><span class="visually-hidden">${actions.label}</span></th>`}
      </tr></thead>
      <tbody>
        ${rows.map(row => html`
          <tr key=${rowKey(row)}>
            ${columns.map(c => html`<td data-label=${c.label}>${c.render ? c.render(row) : row[c.key]}</td>`)}
            ${actions && html`<td class="actions">${actions.render(row)}</td>`}
          </tr>`)}
      </tbody>
    </table>`;
}
