// Charts with uPlot (small, canvas): the width follows the container, so a phone and a desktop both
// get a chart that fits. A visually hidden table of the same figures stands in for screen readers.
import uPlot from 'uplot';
import { html, useEffect, useRef } from './html.js';

/**
 * labels: x values (unix seconds); series: [{label, values, color}]; format(value) for the axis and
 * tooltips; bars: draw bars instead of lines.
 */
export function Chart({ title, labels, series, format = v => String(v), bars = false, height = 200 }) {
  const box = useRef(null);
  useEffect(() => {
    if (!box.current) return undefined;
    const width = () => Math.max(200, box.current.clientWidth);
    const paths = bars ? uPlot.paths.bars({ size: [0.6, 40] }) : undefined;
    const plot = new uPlot({
      width: width(),
      height,
      legend: { show: series.length > 1 },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [{}, { values: (u, ticks) => ticks.map(format), size: 70 }],
      series: [{}, ...series.map(s => ({ label: s.label, stroke: s.color, fill: bars ? s.color : undefined,
        width: bars ? 0 : 2, paths, value: (u, v) => (v == null ? '' : format(v)) }))],
    }, [labels, ...series.map(s => s.values)], box.current);
    const observer = new ResizeObserver(() => plot.setSize({ width: width(), height }));
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [JSON.stringify(labels), JSON.stringify(series.map(s => s.values)), bars]);
  return html`
    <figure class="chart">
      <figcaption>${title}</figcaption>
      <div class="chart-box" ref=${box} aria-hidden="true"></div>
      <table class="visually-hidden">
        <caption>${title}</caption>
        <tbody>
          ${labels.map((x, i) => html`<tr><th scope="row">${new Date(x * 1000).toISOString().slice(0, 10)}</th>
            ${series.map(s => html`<td>${format(s.values[i])}</td>`)}</tr>`)}
        </tbody>
      </table>
    </figure>`;
}
