import { isAbsolute, relative } from 'node:path';
import type { YScalar } from '../../yaml/tree';
import { resolvePath } from '../paths';
import { commandPaths, machinePath, wordRange } from '../portability/commandPaths';
import { exportsToArgo, stageSteps, withValue, WITH_INPUTS, WITH_OUTPUTS } from '../stageSteps';
import type { PipelineRule } from './types';

const MESSAGE = 'would not exist in a pod: the pipeline is exported to Argo (export.target), where only the workspace is mounted. Use a path relative to the spec, inside the workspace';

/**
 * With `export: { target: argo }`: paths a pod cannot resolve. Absolute paths (anywhere in the spec,
 * and in commands outside the folders every image has) and paths that leave the workspace.
 */
export const notPortablePath: PipelineRule = {
  code: 'not-portable-path',
  check({ a, host, report }) {
    if (!exportsToArgo(a)) return;
    const root = host.workspaceRoot(a.doc.path) ?? a.dir;
    const outside = (p: string) => {
      const rel = relative(root, resolvePath(a, p));
      return rel.startsWith('..') || isAbsolute(rel);
    };
    const steps = stageSteps(a);
    const nodes: YScalar[] = [
      ...a.dataRefs.flatMap((r) => [r.path, r.contract]),
      ...a.stages.flatMap((s) => [...s.deps, ...s.outs]),
      ...steps.flatMap((s) => [...WITH_INPUTS, ...WITH_OUTPUTS].map((k) => withValue(s, k))),
    ].filter((n): n is YScalar => !!n);
    for (const n of nodes) {
      const p = String(n.value);
      if (/^~(\/|$)/.test(p)) report(n.range, `"${p}" is in a home folder and ${MESSAGE}.`, 'warning');
      else if (isAbsolute(p)) report(n.range, `"${p}" is an absolute path and ${MESSAGE}.`, 'warning');
      else if (outside(p)) report(n.range, `"${p}" is outside the workspace (${root}) and ${MESSAGE}.`, 'warning');
    }
    for (const s of steps) {
      if (!s.cmd) continue;
      for (const { word } of commandPaths(String(s.cmd.value))) {
        const bad = machinePath(word) ? 'an absolute path on this machine' : !isAbsolute(word) && outside(word) ? 'outside the workspace' : undefined;
        if (bad) report(wordRange(a.doc.text, a.parsed.starts, s.cmd, word), `The command of stage "${s.info.name}" uses "${word}", ${bad}, which ${MESSAGE}.`, 'warning');
      }
    }
  },
};
