import { isAbsolute } from 'node:path';
import { trackedFiles } from '../../git/trackedFiles';
import { resolvePath } from '../paths';
import { commandPaths, wordRange } from '../portability/commandPaths';
import { exportsToArgo, stageSteps } from '../stageSteps';
import type { PipelineRule } from './types';

const inside = (abs: string, folder: string) => abs === folder || abs.startsWith(`${folder}/`);

/**
 * With `export: { target: argo }`: a command that reads a file which is neither in the stage's
 * `deps` nor tracked by git. Locally it is there; in a pod, which gets the repository and the files
 * passed between stages, it is not. Only words naming files that exist (or that a stage writes) count.
 */
export const undeclaredInput: PipelineRule = {
  code: 'undeclared-input',
  check({ a, host, report }) {
    if (!exportsToArgo(a)) return;
    const git = trackedFiles(a.dir);
    const produced = new Set(a.stages.flatMap((s) => s.outs.map((o) => resolvePath(a, String(o.value)))));
    for (const s of stageSteps(a)) {
      if (!s.cmd) continue;
      const declared = [...s.info.deps, ...s.info.outs].map((d) => resolvePath(a, String(d.value)));
      for (const { word, writes } of commandPaths(String(s.cmd.value))) {
        if (writes || isAbsolute(word)) continue;
        const abs = resolvePath(a, word);
        if (declared.some((d) => inside(abs, d)) || !(produced.has(abs) || host.exists(abs))) continue;
        if (!produced.has(abs) && git?.has(abs)) continue;
        const why = produced.has(abs) ? 'another stage writes it' : git ? 'it is not tracked by git' : 'there is no git repository';
        report(wordRange(a.doc.text, a.parsed.starts, s.cmd, word),
          `The command of stage "${s.info.name}" reads "${word}", which is not in its deps and ${why}: in a pod (export.target: argo) it would be missing. Add it to deps${produced.has(abs) ? '' : ', or commit it'}.`, 'warning');
      }
    }
  },
};
