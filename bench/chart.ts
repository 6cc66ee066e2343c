/**
 * The benchmark's chart as one SVG: for each scale, requests per second of the hub, PostGraphile
 * and the floor per operation (grouped bars, log scale); below, the hub's and PostGraphile's p99
 * per operation against the number of towns (log–log), the scaling curve. Plain SVG strings: no
 * chart library is installed, and this needs only bars, lines and log axes.
 */
import type { Measure, OperationResult } from './results';

const WIDTH = 960;
const LEFT = 70;
const RIGHT = 150;
const BAR_PANEL = 210;
const CURVE_PANEL = 320;
const SERVERS = [
  { key: 'hub', label: 'dutyhub', color: '#2b6cb0' },
  { key: 'postgraphile', label: 'PostGraphile V5', color: '#dd6b20' },
  { key: 'floor', label: 'floor (static JSON)', color: '#a0aec0' },
] as const;
const OPERATION_COLORS = ['#2b6cb0', '#c53030', '#2f855a', '#6b46c1', '#b7791f', '#319795', '#d53f8c'];

export function chartSvg(results: OperationResult[], caption: string): string {
  const scales = [...new Set(results.map((r) => r.scale))].sort((a, b) => a - b);
  const operations = [...new Set(results.map((r) => r.operation))];
  const top = 64;
  const curveTop = top + scales.length * BAR_PANEL + 30;
  const height = curveTop + CURVE_PANEL + 40;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="11">`,
    '<title>dutyhub, PostGraphile and the floor: requests per second and p99 by operation and scale</title>',
    `<rect width="${WIDTH}" height="${height}" fill="white"/>`,
    text(LEFT, 22, 'Requests per second by operation (log scale)', { size: 15, weight: 'bold' }),
    text(LEFT, 40, caption, { fill: '#4a5568' }),
    ...SERVERS.map((server, i) => legendSwatch(LEFT + i * 170, 54, server.color, server.label, 'rect')),
  ];
  const rates = results.flatMap((r) => measures(r).map((m) => m.requestsPerSecond));
  const rateAxis = logDomain(rates);
  scales.forEach((scale, i) => {
    const rows = operations.map((name) => results.find((r) => r.scale === scale && r.operation === name));
    parts.push(barPanel(rows, scale, rateAxis, top + i * BAR_PANEL));
  });
  parts.push(curvePanel(results, scales, operations, curveTop), '</svg>');
  return `${parts.join('\n')}\n`;
}

function measures(result: OperationResult): Measure[] {
  return [result.hub, result.postgraphile, result.floor].filter((m): m is Measure => m !== null);
}

/** Grouped bars for one scale: one group per operation, one bar per server. */
function barPanel(rows: (OperationResult | undefined)[], scale: number, axis: [number, number], top: number): string {
  const plotTop = top + 24;
  const plotBottom = top + BAR_PANEL - 40;
  const y = logScale(axis, [plotBottom, plotTop]);
  const groupWidth = (WIDTH - LEFT - RIGHT) / rows.length;
  const barWidth = Math.min(34, groupWidth / 4);
  const parts = [
    text(LEFT, top + 12, `${scale.toLocaleString('en')} town${scale === 1 ? '' : 's'}`, { weight: 'bold' }),
    ...logGrid(axis, y, LEFT, WIDTH - RIGHT),
  ];
  rows.forEach((row, g) => {
    const groupLeft = LEFT + g * groupWidth + (groupWidth - 3 * barWidth) / 2;
    if (!row) return;
    parts.push(text(LEFT + (g + 0.5) * groupWidth, plotBottom + 16, row.operation, { anchor: 'middle' }));
    SERVERS.forEach((server, b) => {
      const x = groupLeft + b * barWidth;
      const measure = row[server.key];
      if (!measure) {
        parts.push(text(x + barWidth / 2, plotBottom - 4, 'n/a', { anchor: 'middle', size: 9, fill: '#718096' }));
        return;
      }
      const barTop = y(Math.max(measure.requestsPerSecond, axis[0]));
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${barTop.toFixed(1)}" width="${(barWidth - 2).toFixed(1)}" height="${(plotBottom - barTop).toFixed(1)}" fill="${server.color}"><title>${xmlEscape(`${server.label}, ${row.operation}: ${measure.requestsPerSecond.toFixed(0)} req/s, p99 ${measure.p99} ms`)}</title></rect>`,
        text(x + barWidth / 2 - 1, barTop - 3, compact(measure.requestsPerSecond), { anchor: 'middle', size: 9 }),
      );
    });
  });
  return parts.join('\n');
}

/** p99 against towns, one colour per operation: the hub solid, PostGraphile dashed. */
function curvePanel(results: OperationResult[], scales: number[], operations: string[], top: number): string {
  const plotTop = top + 44;
  const plotBottom = top + CURVE_PANEL - 30;
  const latencies = results.flatMap((r) => [r.hub.p99, r.postgraphile?.p99 ?? r.hub.p99]).map((ms) => Math.max(ms, 1));
  const yAxis = logDomain(latencies);
  const y = logScale(yAxis, [plotBottom, plotTop]);
  const x =
    scales.length > 1
      ? logScale([scales[0], scales[scales.length - 1]], [LEFT + 20, WIDTH - RIGHT - 20])
      : () => (LEFT + WIDTH - RIGHT) / 2;
  const parts = [
    text(LEFT, top + 12, 'p99 latency (ms) against towns (log–log): the scaling curve', { size: 15, weight: 'bold' }),
    legendSwatch(LEFT, top + 30, '#4a5568', 'dutyhub', 'line'),
    legendSwatch(LEFT + 170, top + 30, '#4a5568', 'PostGraphile V5', 'dashed'),
    ...logGrid(yAxis, y, LEFT, WIDTH - RIGHT),
    ...scales.map((scale) => text(x(scale), plotBottom + 16, scale.toLocaleString('en'), { anchor: 'middle' })),
    text((LEFT + WIDTH - RIGHT) / 2, plotBottom + 32, 'towns', { anchor: 'middle', fill: '#4a5568' }),
  ];
  const labels: { x: number; y: number; name: string; color: string }[] = [];
  operations.forEach((name, i) => {
    const color = OPERATION_COLORS[i % OPERATION_COLORS.length];
    const rows = scales.map((scale) => results.find((r) => r.scale === scale && r.operation === name));
    for (const [server, dash] of [
      ['hub', ''],
      ['postgraphile', ' stroke-dasharray="6 4"'],
    ] as const) {
      const points = rows.flatMap((row) => {
        const measure = row?.[server];
        return row && measure ? [[x(row.scale), y(Math.max(measure.p99, 1))]] : [];
      });
      if (points.length === 0) continue;
      const path = points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ');
      parts.push(`<polyline points="${path}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
      for (const [px, py] of points)
        parts.push(`<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="3" fill="${color}"/>`);
      if (server === 'hub') {
        const [lastX, lastY] = points[points.length - 1];
        labels.push({ x: lastX + 8, y: lastY + 4, name, color });
      }
    }
  });
  // Line-end labels top to bottom, at least a line apart so close curves stay readable.
  labels.sort((a, b) => a.y - b.y);
  labels.forEach((label, i) => {
    const y = i > 0 ? Math.max(label.y, labels[i - 1].y + 12) : label.y;
    label.y = y;
    parts.push(text(label.x, y, label.name, { fill: label.color }));
  });
  return parts.join('\n');
}

/** Whole decades around the values. */
function logDomain(values: number[]): [number, number] {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) return [1, 10];
  const low = 10 ** Math.floor(Math.log10(Math.min(...positive)));
  const high = 10 ** Math.ceil(Math.log10(Math.max(...positive)));
  return [low, high > low ? high : low * 10];
}

function logScale([low, high]: [number, number], [from, to]: [number, number]): (value: number) => number {
  const span = Math.log10(high) - Math.log10(low) || 1;
  return (value) => from + ((Math.log10(value) - Math.log10(low)) / span) * (to - from);
}

/** A labelled grid line at each decade. */
function logGrid([low, high]: [number, number], y: (value: number) => number, left: number, right: number): string[] {
  const lines: string[] = [];
  for (let decade = low; decade <= high * 1.0001; decade *= 10) {
    const at = y(decade).toFixed(1);
    lines.push(
      `<line x1="${left}" x2="${right}" y1="${at}" y2="${at}" stroke="#e2e8f0"/>`,
      text(left - 6, Number(at) + 4, compact(decade), { anchor: 'end', fill: '#4a5568' }),
    );
  }
  return lines;
}

function legendSwatch(x: number, y: number, color: string, label: string, kind: 'rect' | 'line' | 'dashed'): string {
  const mark =
    kind === 'rect'
      ? `<rect x="${x}" y="${y - 9}" width="12" height="10" fill="${color}"/>`
      : `<line x1="${x}" x2="${x + 22}" y1="${y - 4}" y2="${y - 4}" stroke="${color}" stroke-width="2"${kind === 'dashed' ? ' stroke-dasharray="6 4"' : ''}/>`;
  return `${mark}\n${text(x + (kind === 'rect' ? 18 : 28), y, label)}`;
}

interface TextStyle {
  anchor?: 'start' | 'middle' | 'end';
  size?: number;
  weight?: string;
  fill?: string;
}

function text(x: number, y: number, content: string, style: TextStyle = {}): string {
  const attributes = [
    `x="${x.toFixed(1)}"`,
    `y="${y.toFixed(1)}"`,
    style.anchor && style.anchor !== 'start' ? `text-anchor="${style.anchor}"` : '',
    style.size ? `font-size="${style.size}"` : '',
    style.weight ? `font-weight="${style.weight}"` : '',
    style.fill ? `fill="${style.fill}"` : '',
  ].filter(Boolean);
  return `<text ${attributes.join(' ')}>${xmlEscape(content)}</text>`;
}

/** 950, 1.2k, 19k. */
function compact(value: number): string {
  if (value < 1000) return value < 10 ? value.toPrecision(2).replace(/\.0$/u, '') : value.toFixed(0);
  const thousands = value / 1000;
  return `${thousands < 10 ? thousands.toFixed(1).replace(/\.0$/u, '') : thousands.toFixed(0)}k`;
}

function xmlEscape(content: string): string {
  return content.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}
