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
  /**
   * Every error of the contract, as the editor and `mlops validate` show them (the blocking problems
   * and the rules' errors, e.g. odcs-options-contradict): what a refusal counts and lists, so the
   * numbers agree wherever the user looks.
   */
  errors?: ContractProblem[];
}

/** Problems that make a contract's checks untrustworthy. */
const BLOCKING = new Set(['yaml-syntax', SCHEMA_CODE, BETWEEN_CODE]);

/** Every error-severity problem of a contract, in the order of the file. */
function contractErrors(text: string, parsed: ReturnType<typeof parseYaml>): ContractProblem[] {
  return diagnoseContract(text, parsed)
    .filter((d) => d.severity === DiagnosticSeverity.Error)
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    .map((d) => ({ range: d.range, code: String(d.code), message: d.message }));
}

/**
 * Why problems make a contract unusable: nothing when none of `blocking` is left; otherwise the count
 * of every error (`all`, as `mlops validate` counts them) and the first five with line and column.
 */
export function describeProblems(blocking: ContractProblem[], all: ContractProblem[] = blocking): string | undefined {
  if (blocking.length === 0) return undefined;
  const errors = all.length >= blocking.length ? all : blocking;
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
  const errors = contractErrors(text, parsed);
  const problems = errors.filter((d) => BLOCKING.has(d.code));
  const invalid = describeProblems(problems, errors);
  return { model: contractFromTree(parsed.root, path), ...(invalid ? { invalid, problems, errors } : {}) };
}

/** The model of a contract that follows the standard; ContractError naming its first problems otherwise. */
export function validContract(contract: LoadedContract): ContractModel {
  if (contract.invalid) throw new ContractError(contract.model.path, contract.invalid);
  return contract.model;
}
