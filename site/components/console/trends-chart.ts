// Draws the console's bar charts (trends page, an alert's posts over time) from the numbers the
// server rendered into data-chart attributes (data, never executed: CSP allows no inline script).
// Bundled with the page (no CDN); the tables beside the charts carry the same numbers for
// screen readers and for when scripts are off.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

interface ChartSpec {
  labels: string[];
  series: { label: string; colour: string; data: number[] }[];
}

for (const canvas of document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')) {
  const spec = JSON.parse(canvas.dataset.chart ?? '{}') as ChartSpec;
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.series.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.colour, stack: 'all' })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}
