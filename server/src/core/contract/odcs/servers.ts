import { el, int, list, stableId, str, type Field } from './types';
import { own } from '../../keys';

// ODCS server types and the connection keys each one takes (the standard's server section). A key
// marked `!` is required for that type.
const TYPE_KEYS: Record<string, string> = {
  api: 'location!', athena: 'stagingDir! schema! catalog regionName', azure: 'location! format! delimiter',
  bigquery: 'project! dataset!', clickhouse: 'host! port! database!', databricks: 'host catalog! schema!',
  denodo: 'host! port! database', dremio: 'host! port! schema', duckdb: 'database! schema', glue: 'account! database! location format',
  cloudsql: 'host! port! database! schema!', db2: 'host! port! database! schema', hive: 'host! port database!',
  impala: 'host! port database!', informix: 'host! port database!', zen: 'host! port database!',
  custom: 'account catalog database dataset delimiter endpointUrl format host location path port project region regionName schema serviceName stagingDir warehouse stream',
  kafka: 'host! format', kinesis: 'region format', local: 'path! format!', mysql: 'host! port! database!',
  oracle: 'host! port! serviceName!', postgresql: 'host! port! database! schema!', postgres: 'host! port! database! schema!',
  presto: 'host! catalog schema', pubsub: 'project!', redshift: 'host database! schema! region account',
  s3: 'location! endpointUrl format delimiter', sftp: 'location! format delimiter', snowflake: 'host port account! database! schema! warehouse',
  sqlserver: 'host! port database! schema!', synapse: 'host! port! database!', trino: 'host! port! catalog! schema!',
  vertica: 'host! port! database! schema!',
};

/** Every server `type` the standard knows. */
export const SERVER_TYPES = Object.keys(TYPE_KEYS);

const uri = (doc: string): Field => ({ type: str({ format: 'uri' }), doc });

const CONNECTION_FIELDS: Record<string, Field> = {
  location: uri('Where the data is: a URL or path with a scheme, e.g. `s3://bucket/path/*.parquet`.'),
  stagingDir: uri('Where query results are staged (an `s3://` URL).'),
  endpointUrl: uri('Endpoint of an S3-compatible store.'),
  schema: { type: str(), doc: 'Database schema (or dataset) that holds the tables.' },
  catalog: { type: str(), doc: 'Catalog (data source) that holds the schema.' },
  regionName: { type: str(), doc: 'Cloud region, e.g. `eu-west-1`.' },
  region: { type: str(), doc: 'Cloud region, e.g. `eu-west-1`.' },
  format: { type: str(), doc: 'File or message format: `parquet`, `csv`, `json`, `delta`, `avro`, ...' },
  delimiter: { type: str(), doc: 'How records are delimited in files, e.g. `new_line` for JSON lines.' },
  project: { type: str(), doc: 'Cloud project.' },
  dataset: { type: str(), doc: 'Dataset (BigQuery).' },
  host: { type: str(), doc: 'Host name of the server.' },
  port: { type: int, doc: 'Port number.' },
  database: { type: str(), doc: 'Database name (or file, for DuckDB).' },
  account: { type: str(), doc: 'Account name or id.' },
  path: { type: str(), doc: 'Path to the data on the local or shared file system.' },
  serviceName: { type: str(), doc: 'Oracle service name.' },
  warehouse: { type: str(), doc: 'Compute warehouse (Snowflake).' },
  stream: { type: str(), doc: 'Stream name (Kinesis).' },
};

/** Keys every server has, whatever its type. */
export const SERVER_FIELDS: Record<string, Field> = {
  id: stableId,
  server: { type: str(), doc: 'A name for this server, used to refer to it, e.g. `production`.' },
  type: { type: str({ enum: SERVER_TYPES }), doc: 'Kind of data source: `postgresql`, `snowflake`, `s3`, `kafka`, `local`, ... Its connection keys depend on it.' },
  description: { type: str(), doc: 'What this server holds.' },
  environment: { type: str(), doc: 'Environment, e.g. `prod`, `uat`, `dev`.' },
  roles: { type: list(el('role')), doc: 'Access roles on this server.' },
  customProperties: { type: list(el('customProperty')), doc: 'Key/value pairs outside the standard.' },
};

/** The connection keys a server of the given type takes, and which of them it needs. */
export function serverTypeFields(type: string): { fields: Record<string, Field>; required: string[] } | undefined {
  const spec = own(TYPE_KEYS, type);
  if (spec === undefined) return undefined;
  const fields: Record<string, Field> = {};
  const required: string[] = [];
  for (const word of spec.split(' ')) {
    const key = word.replace('!', '');
    // An SFTP location must be an sftp:// URL.
    fields[key] = type === 'sftp' && key === 'location'
      ? { type: str({ format: 'uri', pattern: /^sftp:\/\/.*/, patternHint: 'an sftp:// URL' }), doc: CONNECTION_FIELDS.location!.doc }
      : type === 'custom' && key === 'stagingDir' ? { type: str(), doc: CONNECTION_FIELDS.stagingDir!.doc } : CONNECTION_FIELDS[key]!;
    if (word.endsWith('!')) required.push(key);
  }
  return { fields, required };
}
