import { html } from './html.js';

/** A labelled progress bar: value of max, with the figures as text beside it. */
export function ProgressBar({ value, max, label, text }) {
  const percent = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return html`
    <div class="progress">
      <div class="progress-track" role="progressbar" aria-label=${label} aria-valuemin="0" aria-valuemax=${max}
           aria-valuenow=${value} aria-valuetext=${text}>
        <div class="progress-fill" style=${`width:${percent}%`}></div>
      </div>
      <span class="progress-text">${text}</span>
    </div>`;
}
