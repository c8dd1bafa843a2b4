import { betweenOrder } from './betweenOrder';
import { duplicateProperty } from './duplicateProperty';
import { duplicateValidValues } from './duplicateValidValues';
import { metricLevel } from './metricLevel';
import { optionsContradict } from './optionsContradict';
import { pkPositionWithoutPk } from './pkPosition';
import { sqlSyntax } from './sqlSyntax';
import type { ContractRule } from './types';

/** Every semantic check of a contract, each with its own diagnostic code. */
export const contractRules: ContractRule[] = [
  duplicateProperty, metricLevel, betweenOrder, optionsContradict, pkPositionWithoutPk, duplicateValidValues, sqlSyntax,
];
