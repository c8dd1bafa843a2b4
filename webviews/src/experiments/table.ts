/**
 * The runs grid: a header of sort buttons and a virtualised body that renders only the rows in view, so
 * 1,000 runs cost the same as 30. Keyboard: arrows/Home/End/PageUp/PageDown move, Space toggles the
 * selection, Shift+arrows extend it, Enter selects one run, S stars it.
 */
import type { RunRow } from '../protocol';
import { formatDuration, formatNumber, h, replaceChildren } from '../shared/dom';
import type { Column, SortSpec } from './model';
import { relativeTime } from './names';

export const ROW_HEIGHT = 24;
const OVERSCAN = 6;

export interface TableEvents {
  onSort(key: string): void;
  onSelect(ids: string[]): void;
  onStar(id: string): void;
  onOpen(id: string): void;
}

export class RunsTable {
  readonly element: HTMLElement;
  private readonly header = h('div', { className: 'grid-header', role: 'row' });
  private readonly body = h('div', { className: 'grid-body', tabIndex: 0, attrs: { 'aria-label': 'Runs' } });
  private readonly spacer = h('div', { className: 'grid-spacer', role: 'rowgroup' });
  private rows: RunRow[] = [];
  private columns: Column[] = [];
  private selected = new Set<string>();
  private active = 0;
  private anchor = 0;
  private frame = 0;
  private names = new Map<string, string>();
  private now = Date.now();

  constructor(private readonly events: TableEvents) {
    // The header sits inside the scrolling body (sticky) so it always has the rows' width, scrollbar or not.
    this.element = h('div', { className: 'grid', role: 'grid', attrs: { 'aria-multiselectable': 'true' } }, this.body);
    this.body.append(this.header, this.spacer);
    this.body.addEventListener('scroll', () => this.schedule());
    this.body.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => this.schedule()).observe(this.body);
  }

  /**
   * Shows new rows; keeps the selection of runs that are still there. `names` are the short run names;
   * `now` is the clock relative times are counted from.
   */
  update(rows: RunRow[], columns: Column[], sort: SortSpec, selected: string[], names: Map<string, string>, now: number): void {
    this.rows = rows;
    this.names = names;
    this.now = now;
    this.columns = columns;
    this.selected = new Set(selected);
    this.active = Math.min(this.active, Math.max(0, rows.length - 1));
    this.element.setAttribute('aria-rowcount', String(rows.length + 1));
    // The status word shows only when every column fits with it; else the glyph alone (word in the tooltip).
    const minWidth = (wide: boolean) => columns.map((c) => widthOf(c, wide)[0]).reduce((a, b) => a + b, 0);
    const wide = (this.body.clientWidth || this.element.clientWidth) >= minWidth(true);
    this.element.classList.toggle('compact', !wide);
    this.element.style.setProperty('--grid-columns', columns.map((c) => widthOf(c, wide)[1]).join(' '));
    this.element.style.setProperty('--grid-min-width', `${minWidth(wide)}px`);
    this.renderHeader(sort);
    this.spacer.style.height = `${rows.length * ROW_HEIGHT}px`;
    this.render();
  }

  /** Re-renders the visible rows against a new clock (relative times age). */
  setNow(now: number): void {
    this.now = now;
    this.render();
  }

  focus(): void {
    this.body.focus();
  }

  private renderHeader(sort: SortSpec): void {
    replaceChildren(this.header, ...this.columns.map((c) => {
      const dir = sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none';
      const arrow = dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : '';
      return h('div', { className: `cell head ${c.kind}${c.isKeyMetric ? ' key-metric' : ''}`, role: 'columnheader',
        attrs: { 'aria-sort': dir, 'data-key': c.key } },
        h('button', { className: 'sort', title: `${c.title} (click to sort)`, on: { click: () => this.events.onSort(c.key) } },
          c.label, arrow));
    }));
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const height = this.body.clientHeight - this.header.offsetHeight || 400;
    const first = Math.max(0, Math.floor(this.body.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.rows.length, Math.ceil((this.body.scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
    const nodes: HTMLElement[] = [];
    for (let i = first; i < last; i++) nodes.push(this.renderRow(this.rows[i]!, i));
    replaceChildren(this.spacer, ...nodes);
    const activeRow = this.rows[this.active];
    if (activeRow) this.body.setAttribute('aria-activedescendant', `run-row-${this.active}`);
    else this.body.removeAttribute('aria-activedescendant');
  }

  private renderRow(run: RunRow, index: number): HTMLElement {
    const selected = this.selected.has(run.id);
    const row = h('div', {
      className: `row${selected ? ' selected' : ''}${index === this.active ? ' active' : ''}`,
      role: 'row',
      attrs: { id: `run-row-${index}`, 'aria-rowindex': String(index + 2), 'aria-selected': String(selected), 'data-run-id': run.id },
      on: {
        click: (e) => this.onClick(index, e),
        dblclick: () => this.events.onOpen(run.id),
      },
    }, ...this.columns.map((c) => this.renderCell(run, c)));
    row.style.top = `${index * ROW_HEIGHT}px`;
    return row;
  }

  private renderCell(run: RunRow, c: Column): HTMLElement {
    const cell = (text: string, extra = '', title?: string) =>
      h('div', { className: `cell ${c.kind} ${extra}`.trim(), role: 'gridcell', title: title ?? text }, text);
    switch (c.kind) {
      case 'status':
        return h('div', { className: `cell status status-${run.status}`, role: 'gridcell', title: run.error ? `${run.status}: ${run.error}` : run.status },
          h('span', { className: 'glyph', attrs: { 'aria-hidden': 'true' } }, STATUS_GLYPH[run.status]), h('span', { className: 'word' }, run.status));
      case 'name':
        return this.renderName(run);
      case 'started':
        return cell(relativeTime(run.startedAt, this.now), '', run.startedAt);
      case 'duration':
        return cell(formatDuration(run.durationMs));
      case 'param': {
        const v = run.params[c.field ?? ''];
        const text = v === undefined || v === null ? '—' : typeof v === 'number' ? formatNumber(v) : String(v);
        return cell(text, 'num', `${c.title} = ${v === undefined ? '(not set)' : String(v)}`);
      }
      case 'metric': {
        const v = run.metrics[c.field ?? ''];
        return cell(formatNumber(v), `num${c.isKeyMetric ? ' key-metric' : ''}`, `${c.field} = ${v === undefined ? '(none)' : String(v)}`);
      }
    }
  }

  /** The star toggle and the short name; the tooltip has the full id (and the sweep trial). */
  private renderName(run: RunRow): HTMLElement {
    const title = run.sweepId ? `${run.id} (sweep ${run.sweepId}, trial ${run.trial ?? '?'})` : run.id;
    return h('div', { className: 'cell name', role: 'gridcell', title },
      h('span', { className: `star${run.starred ? ' on' : ''}`, title: run.starred ? 'Unstar' : 'Star', attrs: { 'aria-label': run.starred ? 'Unstar' : 'Star' },
        on: { click: (e) => { e.stopPropagation(); this.events.onStar(run.id); } } }, run.starred ? '★' : '☆'),
      h('span', { className: 'short' }, this.names.get(run.id) ?? run.id));
  }

  private onClick(index: number, e: MouseEvent): void {
    const id = this.rows[index]!.id;
    if (e.shiftKey) this.selectRange(this.anchor, index);
    else if (e.ctrlKey || e.metaKey) this.toggle(id);
    else this.selectOnly(index);
    this.active = index;
    if (!e.shiftKey) this.anchor = index;
    this.render();
    this.body.focus();
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor((this.body.clientHeight - this.header.offsetHeight) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page,
      Home: -Infinity, End: Infinity };
    const row = this.rows[this.active];
    if (e.key in moves) {
      e.preventDefault();
      const next = Math.max(0, Math.min(this.rows.length - 1, this.active + moves[e.key]!));
      this.active = Number.isFinite(next) ? next : 0;
      if (e.shiftKey) this.selectRange(this.anchor, this.active);
      else this.anchor = this.active;
      this.scrollIntoView(this.active);
      this.render();
    } else if (e.key === ' ' && row) {
      e.preventDefault();
      this.toggle(row.id);
      this.render();
    } else if (e.key === 'Enter' && row) {
      e.preventDefault();
      this.selectOnly(this.active);
      this.render();
    } else if ((e.key === 's' || e.key === 'S') && row && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      this.events.onStar(row.id);
    }
  }

  /** Scrolls so the row is below the sticky header and above the bottom edge (spacer coordinates). */
  private scrollIntoView(index: number): void {
    const top = index * ROW_HEIGHT;
    const visible = this.body.clientHeight - this.header.offsetHeight;
    if (top < this.body.scrollTop) this.body.scrollTop = top;
    else if (top + ROW_HEIGHT > this.body.scrollTop + visible) this.body.scrollTop = top + ROW_HEIGHT - visible;
  }

  private selectOnly(index: number): void {
    this.selected = new Set([this.rows[index]!.id]);
    this.events.onSelect([...this.selected]);
  }

  private toggle(id: string): void {
    if (this.selected.has(id)) this.selected.delete(id);
    else this.selected.add(id);
    this.events.onSelect([...this.selected]);
  }

  private selectRange(from: number, to: number): void {
    const [a, b] = from <= to ? [from, to] : [to, from];
    this.selected = new Set(this.rows.slice(a, b + 1).map((r) => r.id));
    this.events.onSelect([...this.selected]);
  }
}

const STATUS_GLYPH: Record<RunRow['status'], string> = { completed: '✓', failed: '✗', running: '●', cancelled: '■', interrupted: '!', pruned: '✂' };

/** Column tracks: a minimum that keeps the text readable (the grid scrolls sideways when narrow), growing with the pane. */
function widthOf(c: Column, wide: boolean): [min: number, track: string] {
  switch (c.kind) {
    case 'status': return wide ? [104, '104px'] : [30, '30px'];
    case 'name': return [92, 'minmax(92px, 1.2fr)'];
    case 'started': return [84, 'minmax(84px, 0.8fr)'];
    case 'duration': return [64, 'minmax(64px, 80px)'];
    case 'metric': return [68, 'minmax(68px, 1fr)'];
    default: return [72, 'minmax(72px, 1fr)'];
  }
}
