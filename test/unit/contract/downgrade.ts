// Rewrites an official (v3.1.0-style) example as an ODCS v3.0.2 document, the way a v3.0 author would
// have written it, so the differential test has v3.0.x documents to mutate. The result is checked
// against the official v3.0.2 schema by the test, so a slip here cannot pass unnoticed.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: Json | undefined): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const objects = (v: Json | undefined): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

function quality(rules: Json | undefined): void {
  for (const q of objects(rules)) {
    // v3.0 names a library rule `rule`; `arguments` and the rest are extra keys it allows.
    if (typeof q.metric === 'string') { q.rule = q.metric; delete q.metric; }
  }
}

function bounds(options: Obj): void {
  for (const [exclusive, plain] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    const v = options[exclusive];
    if (v === undefined || typeof v === 'boolean') continue;
    // v3.0: the bound is minimum/maximum, and exclusiveMinimum/exclusiveMaximum say it is excluded.
    options[plain] = v;
    options[exclusive] = true;
  }
}

function property(p: Obj): void {
  delete p.id;
  delete p.relationships;
  if (p.logicalType === 'timestamp' || p.logicalType === 'time') {
    // v3.0 has no timestamp or time: such values were strings.
    p.logicalType = 'string';
    delete p.logicalTypeOptions;
  }
  if (isObj(p.logicalTypeOptions)) bounds(p.logicalTypeOptions);
  quality(p.quality);
  for (const child of objects(p.properties)) property(child);
  if (isObj(p.items)) property(p.items);
}

/** A deep copy of an example, rewritten as an ODCS v3.0.2 document. */
export function toV302(value: unknown): Json {
  const doc = structuredClone(value) as Obj;
  doc.apiVersion = 'v3.0.2';
  for (const s of objects(doc.schema)) {
    delete s.id;
    delete s.relationships;
    quality(s.quality);
    for (const p of objects(s.properties)) property(p);
  }
  // v3.0: the team is a list of members.
  if (isObj(doc.team)) doc.team = Array.isArray(doc.team.members) ? doc.team.members : [];
  // v3.0: a support channel needs a url.
  for (const s of objects(doc.support)) if (s.url === undefined) s.url = 'https://example.com/support';
  return doc;
}
