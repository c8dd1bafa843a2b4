// Generates the example's customer data from a fixed seed, so every clone has the same files:
//   data/train.csv    5,000 customers: the reference (training) data
//   data/current.csv  3,000 customers seen after the model shipped, with two deliberate shifts:
//                     monthly_charges rose (a price change) and support_calls went up (an outage).
// Run: node scripts/generate-data.mjs   (from examples/churn)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** mulberry32: a small, well-known 32-bit PRNG; enough for synthetic data, and fully reproducible. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand, mean, sd) {
  const u = Math.max(rand(), 1e-12);
  return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

function poisson(rand, lambda) {
  let k = 0;
  for (let p = Math.exp(-lambda), s = p, u = rand(); u > s; k++) { p *= lambda / (k + 1); s += p; }
  return k;
}

function pick(rand, items, weights) {
  let u = rand() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) { u -= weights[i]; if (u <= 0) return items[i]; }
  return items[items.length - 1];
}

const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
const planBase = { basic: 35, standard: 65, premium: 95 };

function customer(rand, index, shift) {
  const plan = pick(rand, ['basic', 'standard', 'premium'], [0.45, 0.35, 0.2]);
  const contract = pick(rand, ['monthly', 'annual', 'two_year'], [0.55, 0.3, 0.15]);
  const region = pick(rand, ['north', 'south', 'east', 'west'], [0.3, 0.25, 0.25, 0.2]);
  const age = Math.round(clamp(normal(rand, 42, 13), 18, 85));
  const tenure = Math.round(clamp(contract === 'monthly' ? normal(rand, 14, 12) : normal(rand, 36, 18), 0, 72));
  const charges = clamp(normal(rand, planBase[plan] + shift.charges, 9), 10, 150);
  const calls = poisson(rand, 1.2 + shift.calls + (plan === 'basic' ? 0.4 : 0));
  // Churn risk: short tenure, monthly contracts, many support calls and high charges push it up.
  const logit = -1.0 - 0.045 * tenure + (contract === 'monthly' ? 1.1 : contract === 'annual' ? 0 : -0.8)
    + 0.42 * calls + 0.018 * (charges - 60) - 0.008 * (age - 42);
  const churned = rand() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  const day = new Date(Date.UTC(2024, 11, 31) - tenure * 30.4 * 86400000 - Math.floor(rand() * 28) * 86400000);
  return [
    `C${String(index).padStart(6, '0')}`, day.toISOString().slice(0, 10), age, tenure, plan, contract,
    region, charges.toFixed(2), calls, churned,
  ];
}

const header = ['customer_id', 'signup_date', 'age', 'tenure_months', 'plan', 'contract_type', 'region',
  'monthly_charges', 'support_calls', 'churned'];

function write(file, rows) {
  const path = join(here, '..', 'data', file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n');
  console.log(`wrote ${rows.length} rows to data/${file}`);
}

const trainRand = rng(20241231);
write('train.csv', Array.from({ length: 5000 }, (_, i) => customer(trainRand, i + 1, { charges: 0, calls: 0 })));
const currentRand = rng(20250630);
write('current.csv', Array.from({ length: 3000 }, (_, i) => customer(currentRand, 100001 + i, { charges: 12, calls: 1.1 })));
