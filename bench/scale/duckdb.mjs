/**
 * Runs one DuckDB statement (the COPY bench/scale/duckdbQuery.ts writes) on N threads and
 * prints its peak RSS: bench/scale/bench.ts times the whole process from outside, as it times
 * `apply`. Plain JavaScript, so that no TypeScript loader slows DuckDB's start.
 *   node bench/scale/duckdb.mjs QUERY.sql THREADS
 */
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [queryFile, threads] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:', { threads: String(threads ?? '1') });
const con = await db.connect();
await con.run("SET TimeZone = 'UTC'");
await con.run(readFileSync(queryFile, 'utf8'));
const usage = process.resourceUsage();
console.log(JSON.stringify({ cpu: (usage.userCPUTime + usage.systemCPUTime) / 1e6, rssMb: usage.maxRSS / 1024 }));
