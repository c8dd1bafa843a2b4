/**
 * Where the MLOps CodeLenses go, from the text alone (pure, unit-tested): above the `training`, `sweep`
 * and `monitoring` sections, above each stage, and above each schema object of a contract. Line-based
 * on purpose: it must work while the file is being edited and does not parse.
 */

export interface LensPlace {
  line: number;
  title: string;
  command: string;
  /** Extra argument after the document's URI (stage or schema object name). */
  arg?: string;
}

const SECTION_LENSES: Record<string, Array<Omit<LensPlace, 'line'>>> = {
  training: [{ title: '$(play) Train', command: 'mlops.train' }],
  sweep: [{ title: '$(run-all) Run Sweep', command: 'mlops.runSweep' }],
  monitoring: [{ title: '$(graph) Check Drift', command: 'mlops.checkDrift' }],
};

const TOP_KEY = /^([A-Za-z_][\w-]*)\s*:/;

/** Lenses of a pipeline spec. */
export function specLensPlaces(text: string): LensPlace[] {
  const lines = text.split(/\r?\n/);
  const places: LensPlace[] = [];
  let inStages = false;
  let stageIndent = -1;
  lines.forEach((line, i) => {
    const top = TOP_KEY.exec(line);
    if (top) {
      const key = top[1]!;
      inStages = key === 'stages';
      stageIndent = -1;
      for (const l of SECTION_LENSES[key] ?? []) places.push({ line: i, ...l });
      return;
    }
    if (!inStages || /^\s*(#|$)/.test(line)) return;
    const m = /^(\s+)([A-Za-z_][\w.-]*|"[^"]+"|'[^']+')\s*:/.exec(line);
    if (!m) return;
    const indent = m[1]!.length;
    if (stageIndent < 0) stageIndent = indent;
    if (indent === stageIndent) {
      places.push({ line: i, title: '$(play) Run stage', command: 'mlops.runStage', arg: m[2]!.replace(/^["']|["']$/g, '') });
    }
  });
  return places;
}

/** "Check data" above each schema object (`- name:` items of the top-level `schema` list). */
export function contractLensPlaces(text: string): LensPlace[] {
  const lines = text.split(/\r?\n/);
  const places: LensPlace[] = [];
  let inSchema = false;
  let itemIndent = -1;
  lines.forEach((line, i) => {
    const top = TOP_KEY.exec(line);
    if (top) {
      inSchema = top[1] === 'schema';
      itemIndent = -1;
      return;
    }
    if (!inSchema) return;
    const item = /^(\s*)-\s/.exec(line);
    if (!item) return;
    const indent = item[1]!.length;
    if (itemIndent < 0) itemIndent = indent;
    if (indent !== itemIndent) return;
    const name = /^\s*-\s+name\s*:\s*["']?([^"'#\s]+)/.exec(line)?.[1] ?? findName(lines, i + 1, indent);
    places.push({ line: i, title: '$(checklist) Check data', command: 'mlops.checkData', ...(name ? { arg: name } : {}) });
  });
  return places;
}

/** The `name:` of a list item whose first line is not `- name:`. */
function findName(lines: string[], from: number, itemIndent: number): string | undefined {
  for (let j = from; j < lines.length; j++) {
    const l = lines[j]!;
    if (!l.trim()) continue;
    const indent = l.length - l.trimStart().length;
    if (indent <= itemIndent) return undefined;
    const m = new RegExp(`^\\s{${itemIndent + 2}}name\\s*:\\s*["']?([^"'#\\s]+)`).exec(l);
    if (m) return m[1];
  }
  return undefined;
}
