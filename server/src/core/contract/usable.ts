import type { Range } from 'vscode-languageserver-types';
import type { CheckResult } from './check';
import { ContractError } from './errors';
import { describeProblems, type ContractProblem, type LoadedContract } from './load';
import { selectSchemaObject, type ContractModel, type ContractSchemaObject } from './model';

/** What `check` needs of a contract: the model, the schema object to check, and problems it can pass over. */
export interface UsableContract {
  model: ContractModel;
  schema: ContractSchemaObject;
  /** Problems in parts of the contract this check does not read, as warnings of the report. */
  warnings: CheckResult[];
}

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
function inUsedPart(d: ContractProblem, schema: ContractSchemaObject, model: ContractModel): boolean {
  return d.code === 'yaml-syntax' || within(d.range, schema.range) || model.sla.some((s) => within(d.range, s.range));
}

function warning(d: ContractProblem, path: string, index: number): CheckResult {
  return {
    id: `contract.problem[${index}]`, column: null, rule: d.code, passed: false, failures: 0, samples: [], severity: 'warning',
    message: `line ${d.range.start.line + 1}: ${d.message} (this part of the contract is not used to check the data, so the data was checked anyway)`,
    location: { path, range: d.range },
  };
}

/**
 * The contract as `check` uses it. A problem with the standard (YAML syntax, structure) in the schema
 * object being checked or in the SLAs refuses the contract, naming the first problems with line and
 * column, since those checks could not be trusted; a problem elsewhere (an unknown key in a server,
 * another schema object) becomes a warning and the data is checked.
 */
export function usableContract(contract: LoadedContract, schemaName: string | undefined, dataPath: string): UsableContract {
  const { model } = contract;
  const problems = contract.problems ?? [];
  const readable = !problems.some((d) => d.code === 'yaml-syntax') && model.schemas.length > 0;
  const schema = readable ? selectSchemaObject(model, schemaName, dataPath) : undefined;
  const blocking = schema ? problems.filter((d) => inUsedPart(d, schema, model)) : problems;
  const refusal = describeProblems(blocking, contract.errors) ?? (contract.invalid && !schema && problems.length === 0 ? contract.invalid : undefined);
  if (refusal) throw new ContractError(model.path, refusal);
  return { model, schema: schema ?? pickSchema(model, schemaName, dataPath), warnings: problems.filter((d) => !blocking.includes(d)).map((d, i) => warning(d, model.path, i)) };
}
