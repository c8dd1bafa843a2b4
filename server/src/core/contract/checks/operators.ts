/** The ODCS comparison operators of quality rules, in the standard's order. */
export const OPERATORS = [
  'mustBe', 'mustNotBe', 'mustBeGreaterThan', 'mustBeGreaterOrEqualTo', 'mustBeLessThan', 'mustBeLessOrEqualTo',
  'mustBeBetween', 'mustNotBeBetween',
] as const;

export type OperatorName = (typeof OPERATORS)[number];

/** One operator of a rule with its expected value(s), ready to compare a measured number with. */
export interface Comparison {
  operator: OperatorName;
  expected: number | [number, number];
}

/**
 * Reads the operators written on a quality rule. A rule may state several (the schema allows one,
 * people write `mustBeGreaterThan` and `mustBeLessThan` together); each must hold. Returns an error
 * sentence when an operator's value is not a number (or a pair of numbers for the between forms).
 */
export function readComparisons(raw: Record<string, unknown>): { comparisons: Comparison[]; error?: string } {
  const comparisons: Comparison[] = [];
  for (const operator of OPERATORS) {
    if (!(operator in raw)) continue;
    const v = raw[operator];
    if (operator === 'mustBeBetween' || operator === 'mustNotBeBetween') {
      if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        return { comparisons, error: `${operator} needs two numbers, e.g. [0, 100]` };
      }
      const [a, b] = v as [number, number];
      comparisons.push({ operator, expected: a <= b ? [a, b] : [b, a] });
    } else {
      const n = typeof v === 'boolean' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isFinite(n)) return { comparisons, error: `${operator} needs a number (got ${JSON.stringify(v)})` };
      comparisons.push({ operator, expected: n });
    }
  }
  return { comparisons };
}

/**
 * True when the measured value satisfies the comparison. `mustBeBetween` follows the standard's
 * definition: it is the same as `mustBeGreaterThan` the low bound and `mustBeLessThan` the high one.
 */
export function holds(c: Comparison, value: number): boolean {
  const e = c.expected;
  switch (c.operator) {
    case 'mustBe': return value === e;
    case 'mustNotBe': return value !== e;
    case 'mustBeGreaterThan': return value > (e as number);
    case 'mustBeGreaterOrEqualTo': return value >= (e as number);
    case 'mustBeLessThan': return value < (e as number);
    case 'mustBeLessOrEqualTo': return value <= (e as number);
    case 'mustBeBetween': return value > (e as [number, number])[0] && value < (e as [number, number])[1];
    case 'mustNotBeBetween': return value <= (e as [number, number])[0] || value >= (e as [number, number])[1];
  }
}

const WORDS: Record<OperatorName, string> = {
  mustBe: 'be', mustNotBe: 'not be', mustBeGreaterThan: 'be >', mustBeGreaterOrEqualTo: 'be >=',
  mustBeLessThan: 'be <', mustBeLessOrEqualTo: 'be <=', mustBeBetween: 'be between', mustNotBeBetween: 'not be between',
};

/** "must be <= 1" or "must be between 0 and 100 (exclusive)", for messages. */
export function describeComparison(c: Comparison, unit = ''): string {
  const e = c.expected;
  if (Array.isArray(e)) return `must ${WORDS[c.operator]} ${e[0]}${unit} and ${e[1]}${unit} (exclusive)`;
  return `must ${WORDS[c.operator]} ${e}${unit}`;
}
