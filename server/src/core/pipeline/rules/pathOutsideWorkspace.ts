import { relative, isAbsolute } from 'node:path';
import { resolvePath, staysInside } from '../paths';
import { exportsToArgo } from '../stageSteps';
import type { PipelineRule } from './types';
import type { YScalar } from '../../yaml/tree';

/** Paths that leave the workspace make a pipeline depend on one machine's layout. */
export const pathOutsideWorkspace: PipelineRule = {
  code: 'path-outside-workspace',
  check({ a, host, report }) {
    const root = host.workspaceRoot(a.doc.path);
    // A spec exported to Argo gets the stronger not-portable-path warning for the same paths.
    if (!root || exportsToArgo(a)) return;
    const specRel = relative(root, a.dir);
    const specInside = !specRel.startsWith('..') && !isAbsolute(specRel);
    const nodes: YScalar[] = [
      ...a.dataRefs.flatMap((r) => [r.path, r.contract].filter((n): n is YScalar => !!n)),
      ...a.stages.flatMap((s) => [...s.deps, ...s.outs]),
    ];
    for (const n of nodes) {
      if (specInside && staysInside(n.value as string)) continue;
      const rel = relative(root, resolvePath(a, n.value as string));
      if (rel.startsWith('..') || isAbsolute(rel)) {
        report(n.range, `"${String(n.value)}" is outside the workspace (${root}): the pipeline will not work on another machine or in CI.`, 'warning');
      }
    }
  },
};
