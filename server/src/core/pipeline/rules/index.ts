import type { PipelineRule } from '../analysis';
import { contractNotFound } from './contractNotFound';
import { dagCycle } from './dagCycle';
import { duplicateOutput } from './duplicateOutput';
import { earlyStoppingNeedsValidation } from './earlyStoppingNeedsValidation';
import { missingFile } from './missingFile';
import { pathOutsideWorkspace } from './pathOutsideWorkspace';
import { targetInFeatures } from './targetInFeatures';
import { targetTaskMismatch } from './targetTaskMismatch';
import { transformTypeMismatch } from './transformTypeMismatch';
import { unknownColumn } from './unknownColumn';
import { unknownGateMetric } from './unknownGateMetric';
import { unknownSchemaObject } from './unknownSchemaObject';
import { unknownStage } from './unknownStage';
import { unknownSweepParameter } from './unknownSweepParameter';
import { unusedTransform } from './unusedTransform';

/** Every semantic rule of pipeline specs; adding a check is one file here plus one fixture. */
export const pipelineRules: PipelineRule[] = [
  unknownStage, dagCycle, duplicateOutput, missingFile, contractNotFound, unknownSchemaObject, unknownColumn,
  transformTypeMismatch, targetTaskMismatch, targetInFeatures, unusedTransform, unknownSweepParameter, unknownGateMetric, earlyStoppingNeedsValidation,
  pathOutsideWorkspace,
];
