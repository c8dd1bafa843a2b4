/**
 * Serving view: the window's `mlops serve` live (requests/s with a sparkline of the last minute, p50
 * and p99 latency, error rate, shadow agreement), the version timeline with promotions and failed
 * loads, and the answer to "Send Test Request". Every number arrives from the host's status polls.
 */
import { connect } from '../api';
import { isServingToView, type ServingFromView, type ServingStatus, type ServingToView } from '../protocol';
import { formatNumber, h, replaceChildren } from '../shared/dom';
import { eventText, sparklinePath } from './model';
import './style.css';

const api = connect<ServingToView, ServingFromView, Record<string, never>>(isServingToView);
const HISTORY = 60;
const rates: number[] = [];

const serveButton = h('button', { title: 'MLOps: Serve Model', on: { click: () => api.post({ type: 'serve' }) } }, 'Serve Model');
const testButton = h('button', { title: 'Post the first rows of the spec\'s current data', on: { click: () => api.post({ type: 'sendTestRequest' }) } }, 'Send Test Request');
const stopButton = h('button', { title: 'MLOps: Stop Serving', on: { click: () => api.post({ type: 'stop' }) } }, 'Stop Serving');
const header = h('div', { className: 'header', role: 'status', attrs: { 'aria-live': 'polite' } });
const numbers = h('dl', { className: 'numbers' });
const spark = h('div', { className: 'spark', attrs: { 'aria-hidden': 'true' } });
const timeline = h('ol', { className: 'timeline', attrs: { 'aria-label': 'Version timeline' } });
const test = h('section', { className: 'test', attrs: { 'aria-label': 'Test request' } });
replaceChildren(document.getElementById('app')!, h('div', { className: 'toolbar', role: 'toolbar' }, serveButton, testButton, stopButton),
  header, numbers, spark, h('h3', {}, 'Version timeline'), timeline, test);

function setServing(on: boolean): void {
  serveButton.disabled = on;
  testButton.disabled = !on;
  stopButton.disabled = !on;
}

function cell(label: string, value: string, name: string): HTMLElement[] {
  return [h('dt', {}, label), h('dd', { attrs: { 'data-metric': name } }, value)];
}

function ms(v: number | null): string {
  return v === null ? '—' : `${formatNumber(v, 3)} ms`;
}

function renderNumbers(s: ServingStatus): void {
  const pair = s.shadow?.agreement.at(-1);
  const agreement = pair?.agreement === null || pair?.agreement === undefined ? '—' : `${formatNumber(pair.agreement * 100, 4)}%`;
  replaceChildren(numbers,
    ...cell('Requests/s', formatNumber(s.live.perSecond, 3), 'rps'),
    ...cell('p50 latency', ms(s.live.p50Ms), 'p50'),
    ...cell('p99 latency', ms(s.live.p99Ms), 'p99'),
    ...cell('Error rate', `${formatNumber(s.live.errorRate * 100, 3)}%`, 'errors'),
    ...cell('Requests', `${s.live.requests} (${s.live.errors} refused)`, 'requests'),
    ...(s.shadow ? cell(`Shadow agreement (v${pair?.shadowVersion ?? s.shadow.version} vs v${pair?.version ?? s.primary.version})`,
      `${agreement}${s.shadow.dropped ? `, ${s.shadow.dropped} dropped` : ''}`, 'agreement') : []));
  rates.push(s.live.perSecond);
  if (rates.length > HISTORY) rates.shift();
  const width = 240, height = 36;
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  const path = document.createElementNS(svgNs, 'path');
  path.setAttribute('d', sparklinePath(rates, width, height));
  path.setAttribute('class', 'line');
  svg.appendChild(path);
  replaceChildren(spark, svg);
}

function renderStatus(url: string, s: ServingStatus): void {
  setServing(true);
  header.className = 'header';
  replaceChildren(header, h('strong', {}, s.model), ` ${s.primary.alias ?? 'pinned'} → v${s.primary.version ?? '?'}`,
    s.shadow ? `, shadow ${s.shadow.alias} → v${s.shadow.version ?? '?'}` : '', h('div', { className: 'note' }, url));
  renderNumbers(s);
  replaceChildren(timeline, ...[...s.timeline].reverse().map((e) => h('li', { className: `event ${e.event}`, attrs: { 'data-event': e.event } },
    h('time', {}, new Date(e.at).toLocaleTimeString()), ' ', eventText(e))));
}

function renderTest(m: Extract<ServingToView, { type: 'testResult' }>): void {
  const body = m.body as { model_version?: string; outputs?: Array<{ name: string; data: unknown[] }>; error?: string } | null;
  const outputs = body?.outputs?.map((o) => h('div', { attrs: { 'data-output': o.name } }, `${o.name}: ${o.data.map((v) => (typeof v === 'number' ? formatNumber(v, 4) : String(v))).join(', ')}`)) ?? [];
  replaceChildren(test, h('h3', {}, 'Test request'), h('div', { className: 'note' }, m.summary),
    h('div', { className: m.status === 200 ? 'ok' : 'error', attrs: { 'data-status': String(m.status) } },
      `HTTP ${m.status} in ${m.ms} ms${body?.model_version ? `, answered by ${body.model_version}` : ''}${body?.error ? `: ${body.error}` : ''}`),
    ...outputs);
}

api.onMessage((m) => {
  switch (m.type) {
    case 'stopped':
      setServing(false);
      rates.length = 0;
      header.className = 'header note';
      replaceChildren(header, m.message ? `${m.message} ` : '', 'No model is served in this window. Serve Model starts `mlops serve` on a free loopback port.');
      replaceChildren(numbers); replaceChildren(spark); replaceChildren(timeline); replaceChildren(test);
      return;
    case 'starting':
      setServing(false);
      stopButton.disabled = false;
      replaceChildren(header, `Starting mlops serve for ${m.model} (${m.alias}${m.shadow ? `, shadow ${m.shadow}` : ''})…`);
      return;
    case 'status': return renderStatus(m.url, m.status);
    case 'testResult': return renderTest(m);
    case 'error':
      replaceChildren(test, h('div', { className: 'error' }, m.message));
      return;
    default: {
      const never: never = m;
      return never;
    }
  }
});

setServing(false);
api.post({ type: 'ready' });
