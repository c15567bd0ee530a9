import type { Io } from '../io';

/** Values shorter than this are too common as plain text to be replaced wherever they appear. */
const SHORTEST_SECRET = 6;

/**
 * Keeps the actual secret values of a run (the client secret, every access token IMS hands out)
 * and removes them from any text before it is printed or written: as they are, percent-encoded
 * (a form that a server echoes) and JSON-escaped. Servers echo requests in error bodies, so
 * redacting by the shape of a header or a field alone lets the value through.
 */
export class Redactor {
  private readonly values = new Set<string>();
  private pattern: RegExp | null = null;

  constructor(secrets: readonly (string | undefined)[] = []) {
    for (const s of secrets) this.add(s);
  }

  /** A value that must never appear in output from now on. */
  add(secret: string | undefined): void {
    if (!secret || secret.length < SHORTEST_SECRET) return;
    const forms = [secret, encodeURIComponent(secret), new URLSearchParams({ v: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)];
    let added = false;
    for (const f of forms)
      if (!this.values.has(f)) {
        this.values.add(f);
        added = true;
      }
    if (added) this.pattern = null;
  }

  /** The text with every known secret, and anything shaped like a credential, replaced by `[redacted]`. */
  redact(text: string): string {
    if (this.values.size) {
      // Longest first, so that a value's encoded form is not left half replaced.
      this.pattern ??= new RegExp(
        [...this.values]
          .sort((a, b) => b.length - a.length)
          .map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('|'),
        'g',
      );
      text = text.replace(this.pattern, '[redacted]');
    }
    return redactShapes(text);
  }

  /** An Io whose every line passes through {@link redact}. */
  io(io: Io): Io {
    return { out: (t) => io.out(this.redact(t)), err: (t) => io.err(this.redact(t)), isTTY: io.isTTY };
  }

  /** The same error with its message and stack redacted, for errors that are rethrown. */
  error<E>(e: E): E {
    if (e instanceof Error) {
      e.message = this.redact(e.message);
      if (e.stack) e.stack = this.redact(e.stack);
    }
    return e;
  }
}

/**
 * Credentials recognised by their shape, for values this run never saw (a token from an earlier
 * run echoed back): bearer tokens, and the values of access_token, client_secret, authorization
 * and similar keys, in JSON, in forms and in headers.
 */
export function redactShapes(text: string): string {
  return text
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]')
    .replace(
      /(["']?\b(?:access_token|refresh_token|id_token|client_secret|authorization|x-api-secret|password)\b["']?\s*[:=]\s*["']?)(?!(?:Bearer|Basic) \[redacted\])(?:(?:Bearer|Basic)\s+)?[^"'&,;}\s]+/gi,
      '$1[redacted]',
    );
}
