// Charts with uPlot (small, canvas): the width follows the container, so a phone and a desktop both
// get a chart that fits. A visually hidden table of the same figures stands in for screen readers.
import uPlot from 'uplot';
import { html, useEffect, useRef } from './html.js';

/**
 * xTitle: what x is, for the table; x: the x values, either days (unix seconds) or, with `categories`, names ("Today", "7 days");
 * series: [{label, values, color}]; format(value) for the axis and the table; bars: bars, not lines;
 * least: the y axis reaches at least this far (a day with no sales still gets a readable axis).
 */
export function Chart({ id, title, xTitle, x, categories, series, format = v => String(v), bars = false, height = 200, least = 1 }) {
  const box = useRef(null);
  const xs = categories ? categories.map((_, i) => i) : x;
  const xLabel = i => (categories ? categories[i] : new Date(xs[i] * 1000).toISOString().slice(0, 10));
  useEffect(() => {
    if (!box.current) return undefined;
    const width = () => Math.max(200, box.current.clientWidth);
    const paths = bars ? uPlot.paths.bars({ size: [0.6, 60] }) : undefined;
    // Bars on days: half a step of room either side, so the first and the last bar are whole.
    const halfStep = xs.length > 1 ? (xs[1] - xs[0]) / 2 : 43200;
    const xAxis = categories
      ? { splits: () => xs, values: (u, splits) => splits.map(i => categories[i] ?? '') }
      : {};
    const plot = new uPlot({
      width: width(),
      height,
      legend: { show: series.length > 1 },
      cursor: { drag: { x: false, y: false } },
      scales: { x: categories ? { time: false, range: [-0.5, xs.length - 0.5] } : { time: true, ...(bars && { range: (u, min, max) => [min - halfStep, max + halfStep] }) }, y: { range: (u, min, max) => [0, Math.max(least, max) * 1.1] } },
      axes: [xAxis, { values: (u, ticks) => ticks.map(format), size: 80 }],
      series: [{}, ...series.map(s => ({ label: s.label, stroke: s.color, fill: bars ? s.color : undefined,
        width: bars ? 0 : 2, paths, points: { show: !bars }, value: (u, v) => (v == null ? '' : format(v)) }))],
    }, [xs, ...series.map(s => s.values)], box.current);
    const observer = new ResizeObserver(() => plot.setSize({ width: width(), height }));
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [JSON.stringify(xs), JSON.stringify(categories), JSON.stringify(series.map(s => s.values)), bars]);
  return html`
    <figure class="chart" id=${id}>
      <figcaption>${title}</figcaption>
      <div class="chart-box" ref=${box} aria-hidden="true"></div>
      <table class="visually-hidden">
        <caption>${title}</caption>
        <thead><tr><th scope="col">${xTitle}</th>${series.map(s => html`<th scope="col">${s.label}</th>`)}</tr></thead>
        <tbody>
          ${xs.map((_, i) => html`<tr><th scope="row">${xLabel(i)}</th>
            ${series.map(s => html`<td>${format(s.values[i])}</td>`)}</tr>`)}
        </tbody>
      </table>
    </figure>`;
}
