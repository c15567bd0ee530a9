import { AepClient, type ClientOptions } from '../ingest/aepClient';
import { aepConfig } from '../ingest/command';
import type { Io } from '../io';

/** A Platform client for the online commands, from the environment's credentials (required). */
export function platformClient(io: Io, env: NodeJS.ProcessEnv, flags: { 'platform-url'?: string; 'ims-url'?: string }, options: ClientOptions = {}): AepClient {
  return new AepClient(aepConfig(env, flags, true), { log: (l) => io.err(`  ${l}\n`), ...options });
}
