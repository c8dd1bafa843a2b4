/**
 * The pipeline schema's validator compiled at build time, or undefined when running from source.
 *
 * Compiling the schema with Ajv takes a few hundred milliseconds (seconds on a busy machine) and sat
 * between opening a spec and its first diagnostics. scripts/build.mjs replaces this module in the
 * bundles with Ajv's standalone code for schemas/pipeline.schema.json, compiled with ajvOptions.json
 * (the options schema.ts uses), so the server and the CLI start with the validator ready. Tests that
 * run the sources compile it at first use, as before.
 */
import type { ValidateFunction } from 'ajv/dist/2020';

const precompiled: ValidateFunction | undefined = undefined;
export default precompiled;
