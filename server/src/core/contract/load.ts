/**
 * The one reader of contract files. A contract is read and diagnosed once; callers that only need
 * what it declares (drift, training's categories) take the model, callers that check data against it
 * take it only when it follows the standard (`validContract`), since its checks could not be trusted.
 */
import { DiagnosticSeverity, type Range } from 'vscode-languageserver-types';
import { readTextFile } from '../textFile';
import { parseYaml } from '../yaml/parse';
import { diagnoseContract } from './diagnose';
import { ContractError } from './errors';
import { contractFromTree, type ContractModel } from './model';
import { BETWEEN_CODE } from './odcs/conditional';
import { SCHEMA_CODE } from './odcs/validate';

/** A problem that makes a contract's checks untrustworthy, where it is. */
export interface ContractProblem {
  range: Range;
  code: string;
  message: string;
}

/** A contract file as read once: plain data, so it can be handed to worker threads. */
export interface LoadedContract {
  model: ContractModel;
  /** Why the contract cannot be used to check data (syntax or structure errors, with lines), if so. */
  invalid?: string;
  /** Those problems one by one (`check` refuses only those in the parts it uses). */
  problems?: ContractProblem[];
}

/** Problems that make a contract's checks untrustworthy. */
const BLOCKING = new Set(['yaml-syntax', SCHEMA_CODE, BETWEEN_CODE]);

function blockingProblems(text: string, parsed: ReturnType<typeof parseYaml>): ContractProblem[] {
  return diagnoseContract(text, parsed)
    .filter((d) => d.severity === DiagnosticSeverity.Error && BLOCKING.has(String(d.code)))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    .map((d) => ({ range: d.range, code: String(d.code), message: d.message }));
}

/** Why problems make a contract unusable, naming the first five with line and column. */
export function describeProblems(errors: ContractProblem[]): string | undefined {
  if (errors.length === 0) return undefined;
  const shown = errors.slice(0, 5).map((d) => `  line ${d.range.start.line + 1}, column ${d.range.start.character + 1}: ${d.message}`);
  const more = errors.length > 5 ? `\n  ... and ${errors.length - 5} more` : '';
  return `is not a valid ODCS contract (${errors.length} problem${errors.length === 1 ? '' : 's'}); fix these first (\`mlops validate\` lists them all):\n${shown.join('\n')}${more}`;
}

/** Reads and diagnoses a contract file once. Throws ContractError naming the file when it cannot be read. */
export function loadContract(path: string): LoadedContract {
  const read = readTextFile(path);
  if ('error' in read) throw new ContractError(path, `cannot read the contract: it ${read.error}`);
  const text = read.text;
  const parsed = parseYaml(text);
  const problems = blockingProblems(text, parsed);
  const invalid = describeProblems(problems);
  return { model: contractFromTree(parsed.root, path), ...(invalid ? { invalid, problems } : {}) };
}

/** The model of a contract that follows the standard; ContractError naming its first problems otherwise. */
export function validContract(contract: LoadedContract): ContractModel {
  if (contract.invalid) throw new ContractError(contract.model.path, contract.invalid);
  return contract.model;
}
