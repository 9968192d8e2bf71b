// A QR code the API encoded ({size, quietZone, path}: the dark modules as one SVG path of 1-module
// strokes), drawn as SVG with its white quiet zone; the console has no QR encoder of its own.
import { html } from './html.js';

export function QrCode({ qr, label, id }) {
  const q = qr.quietZone;
  const side = qr.size + 2 * q;
  return html`
    <svg class="qr" id=${id} xmlns="http://www.w3.org/2000/svg" viewBox=${`${-q} ${-q} ${side} ${side}`}
      shape-rendering="crispEdges" role="img" aria-label=${label}>
      <rect x=${-q} y=${-q} width=${side} height=${side} fill="#fff" />
      <path fill="none" stroke="#000" d=${qr.path} />
    </svg>`;
}
