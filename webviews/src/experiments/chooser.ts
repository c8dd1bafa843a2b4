/**
 * The column chooser: a toolbar button that opens a list of every column the table can show, each with a
 * checkbox. The choices are kept in the webview state by the caller, so they survive reloads.
 */
import { h, replaceChildren } from '../shared/dom';
import type { Column } from './model';

export class ColumnChooser {
  readonly button: HTMLButtonElement;
  readonly panel = h('fieldset', { className: 'chooser', attrs: { hidden: '' } });

  constructor(private readonly onChange: (key: string, shown: boolean | null) => void) {
    this.button = h('button', { className: 'columns-button', title: 'Choose the columns of the table',
      attrs: { 'aria-expanded': 'false', 'aria-haspopup': 'true' }, on: { click: () => this.toggle() } }, 'Columns');
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') { this.toggle(false); this.button.focus(); }
    });
  }

  /** Whether the list is open. */
  isOpen(): boolean {
    return !this.panel.hasAttribute('hidden');
  }

  toggle(open = !this.isOpen()): void {
    if (open) this.panel.removeAttribute('hidden');
    else this.panel.setAttribute('hidden', '');
    this.button.setAttribute('aria-expanded', String(open));
    if (open) this.panel.querySelector('input')?.focus();
  }

  /** Lists the candidates, ticked when shown (`shown` holds the keys of the columns on screen). */
  update(candidates: Column[], shown: Set<string>): void {
    const groups: Array<[string, Column[]]> = [
      ['Run', candidates.filter((c) => c.kind !== 'metric' && c.kind !== 'param' && c.kind !== 'name')],
      ['Metrics', candidates.filter((c) => c.kind === 'metric')],
      ['Params', candidates.filter((c) => c.kind === 'param')],
    ];
    const focused = document.activeElement instanceof HTMLInputElement && this.panel.contains(document.activeElement)
      ? document.activeElement.dataset.key : undefined;
    replaceChildren(this.panel, h('legend', {}, 'Columns'),
      ...groups.filter(([, cs]) => cs.length).map(([title, cs]) => h('div', { className: 'group' },
        h('div', { className: 'group-title' }, title),
        ...cs.map((c) => this.option(c, shown.has(c.key))))),
      h('button', { className: 'reset', title: 'Show the default columns again', on: { click: () => this.onChange('*', null) } }, 'Reset'));
    if (focused) this.panel.querySelector<HTMLInputElement>(`input[data-key="${CSS.escape(focused)}"]`)?.focus();
  }

  private option(c: Column, checked: boolean): HTMLElement {
    const box = h('input', { attrs: { type: 'checkbox', 'data-key': c.key }, on: { change: () => this.onChange(c.key, box.checked) } });
    box.checked = checked;
    return h('label', { title: c.title }, box, ' ', c.kind === 'param' ? c.title : c.label);
  }
}
