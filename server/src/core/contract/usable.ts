import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { readTextFile } from '../textFile';
import { parseYaml } from '../yaml/parse';
import type { CheckResult } from './check';
import { diagnoseContract } from './diagnose';
import { ContractError } from './errors';
import { contractFromTree, selectSchemaObject, type ContractModel, type ContractSchemaObject } from './model';
import { BETWEEN_CODE } from './odcs/conditional';
import { SCHEMA_CODE } from './odcs/validate';

/** What `check` needs of a contract: the model, the schema object to check, and problems it can pass over. */
export interface UsableContract {
  model: ContractModel;
  schema: ContractSchemaObject;
  /** Problems in parts of the contract this check does not read, as warnings of the report. */
  warnings: CheckResult[];
}

const BLOCKING = new Set(['yaml-syntax', SCHEMA_CODE, BETWEEN_CODE]);

function pickSchema(model: ContractModel, name: string | undefined, dataPath: string): ContractSchemaObject {
  if (model.schemas.length === 0) throw new ContractError(model.path, 'has no schema objects to check data against (add a `schema:` list)');
  const picked = selectSchemaObject(model, name, dataPath);
  if (picked) return picked;
  const names = model.schemas.map((s) => s.name).join(', ');
  throw new ContractError(model.path, name !== undefined
    ? `has no schema object named "${name}" (it has: ${names})`
    : `has several schema objects (${names}); choose one with --schema`);
}

const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const within = (inner: Range, outer: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);

/**
 * True when a problem is in a part of the contract the check reads: the schema object it checks and
 * the SLAs. A YAML syntax error anywhere counts, since the rest of the tree may be misread.
 */
function inUsedPart(d: Diagnostic, schema: ContractSchemaObject, model: ContractModel): boolean {
  return d.code === 'yaml-syntax' || within(d.range, schema.range) || model.sla.some((s) => within(d.range, s.range));
}

function warning(d: Diagnostic, path: string, index: number): CheckResult {
  return {
    id: `contract.problem[${index}]`, column: null, rule: String(d.code), passed: false, failures: 0, samples: [], severity: 'warning',
    message: `line ${d.range.start.line + 1}: ${d.message} (this part of the contract is not used to check the data, so the data was checked anyway)`,
    location: { path, range: d.range },
  };
}

/**
 * Reads a contract for `check`. A problem with the standard (YAML syntax, structure) in the schema
 * object being checked or in the SLAs refuses the contract, naming the first problems with line and
 * column, since those checks could not be trusted; a problem elsewhere (an unknown key in a server,
 * another schema object) becomes a warning and the data is checked.
 */
export function readUsableContract(path: string, schemaName: string | undefined, dataPath: string): UsableContract {
  const read = readTextFile(path);
  if ('error' in read) throw new ContractError(path, `cannot read the contract: it ${read.error}`);
  const parsed = parseYaml(read.text);
  const model = contractFromTree(parsed.root, path);
  const errors = diagnoseContract(read.text, parsed)
    .filter((d) => d.severity === DiagnosticSeverity.Error && BLOCKING.has(String(d.code)))
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const structural = errors.filter((d) => d.code === 'yaml-syntax' || parsed.root?.kind !== 'map');
  const schema = structural.length === 0 && model.schemas.length > 0 ? selectSchemaObject(model, schemaName, dataPath) : undefined;
  const blocking = schema ? errors.filter((d) => inUsedPart(d, schema, model)) : errors;
  if (blocking.length > 0) {
    const shown = blocking.slice(0, 5).map((d) => `  line ${d.range.start.line + 1}, column ${d.range.start.character + 1}: ${d.message}`);
    const more = blocking.length > 5 ? `\n  ... and ${blocking.length - 5} more` : '';
    throw new ContractError(path, `is not a valid ODCS contract (${blocking.length} problem${blocking.length === 1 ? '' : 's'}); fix these first (\`mlops validate\` lists them all):\n${shown.join('\n')}${more}`);
  }
  const picked = schema ?? pickSchema(model, schemaName, dataPath);
  return { model, schema: picked, warnings: errors.filter((d) => !blocking.includes(d)).map((d, i) => warning(d, path, i)) };
}
