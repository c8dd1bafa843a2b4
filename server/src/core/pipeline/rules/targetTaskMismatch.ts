import { isKnownLogicalType, isNumericLogicalType } from '../../contract/model';
import { getChild } from '../../yaml/tree';
import { scalar } from '../../yaml/select';
import type { PipelineRule } from './types';

/** The target column's type must fit the task: numbers for regression, two values for binary. */
export const targetTaskMismatch: PipelineRule = {
  code: 'target-task-mismatch',
  check({ a, report }) {
    const root = a.root ?? undefined;
    const target = scalar(getChild(getChild(root, 'features'), 'target'));
    const task = scalar(getChild(getChild(root, 'model'), 'task'));
    const prop = a.columns?.schema.properties.find((p) => p.name === target?.value);
    if (!target || !task || !prop) return;
    const values = prop.validValues?.filter((v) => v !== null && v !== '');
    if (task.value === 'regression' && isKnownLogicalType(prop.logicalType) && !isNumericLogicalType(prop.logicalType)) {
      report(task.range, `Task "regression" needs a numeric target, but "${prop.name}" is ${prop.logicalType} in the contract. Use "binary" or "multiclass".`);
    } else if (task.value === 'binary' && values && values.length > 2) {
      report(task.range, `Task "binary" needs two classes, but the contract allows ${values.length} values for "${prop.name}" (${values.join(', ')}). Use "multiclass".`, 'error', { replace: 'multiclass' });
    } else if (task.value === 'multiclass' && values && values.length === 2) {
      report(task.range, `"${prop.name}" has exactly two valid values (${values.join(', ')}): "binary" fits better than "multiclass".`, 'warning', { replace: 'binary' });
    }
  },
};
