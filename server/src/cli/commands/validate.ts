import { validateFilesPrepared, expandPaths } from '../../core/validation/validateFiles';
import { formatOption, parseCommandArgs } from '../args';
import { relative } from 'node:path';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UserError, type CliCommand } from '../io';
import { validateJson, validateSarif, validateText } from '../report';
import { about } from './about';

const { usage } = about.validate;

/** `mlops validate`: the language server's diagnostics, headless, for CI. */
export const validateCommand: CliCommand = {
  ...about.validate,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('validate', usage, args, { format: { type: 'string' } });
    const format = formatOption('validate', values.format, ['text', 'json', 'sarif'] as const, 'text');
    const { files, missing, refused } = expandPaths(io.cwd, positionals);
    if (missing.length) throw new UserError(`mlops validate: no such file or folder: ${missing.join(', ')}`);
    if (refused.length) throw new UserError(refused.map((r) => `mlops validate: ${r.path} ${r.reason}; name a spec or contract file or a folder.`).join('\n'));
    const { results, unreadable } = await validateFilesPrepared(files, [io.cwd]);
    const json = validateJson(results, io.cwd);
    if (format === 'json') io.out(JSON.stringify(json, null, 2) + '\n');
    else if (format === 'sarif') io.out(JSON.stringify(validateSarif(results, io.cwd, '0.1.0'), null, 2) + '\n');
    else {
      const text = validateText(results, io.cwd);
      if (text) io.out(text + '\n');
      io.err(`${results.length} file${results.length === 1 ? '' : 's'} checked: ${json.errorCount} error(s), ${json.warningCount} warning(s)\n`);
    }
    // A file that could not be read is bad input, whatever the others held.
    for (const u of unreadable) io.err(`mlops validate: ${relative(io.cwd, u.path) || u.path} ${u.reason}; it was not checked.\n`);
    if (unreadable.length) return EXIT_USAGE;
    return json.errorCount > 0 ? EXIT_FAILED : EXIT_OK;
  },
};
