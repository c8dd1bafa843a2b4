import { stringify } from 'yaml';
import type { Resources } from '../pipeline/spec';

/** A name Kubernetes and Argo accept (DNS-1123 label: lowercase letters, digits, `-`), unique among `taken`. */
export function kubeName(name: string, taken: Set<string> = new Set(), max = 63): string {
  const base = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, max - 4) || 'stage';
  let out = /^[a-z0-9]/.test(base) ? base : `s-${base}`;
  for (let i = 2; taken.has(out); i++) out = `${base}-${i}`;
  taken.add(out);
  return out;
}

/** Pod resource requests (and the GPU limit Kubernetes requires for extended resources). */
export function podResources(r: Resources | undefined): { requests: Record<string, string>; limits?: Record<string, string> } | undefined {
  if (!r) return undefined;
  const requests: Record<string, string> = {};
  if (r.cpu !== undefined) requests.cpu = String(r.cpu);
  if (r.memory !== undefined) requests.memory = r.memory;
  if (r.gpu) requests['nvidia.com/gpu'] = String(r.gpu);
  return r.gpu ? { requests, limits: { 'nvidia.com/gpu': String(r.gpu) } } : { requests };
}

/** YAML of a generated document, with a header comment saying where it came from and how to use it. */
export function generatedYaml(doc: unknown, header: string[]): string {
  return `${header.map((l) => `# ${l}`).join('\n')}\n${stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
