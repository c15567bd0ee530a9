/**
 * Removes known secret values from a text, in every form a server may echo them back: as they
 * are, JSON-escaped, percent-encoded and base64 (how a private key travels to AEP).
 */
export function redactValues(text: string, secrets: readonly string[]): string {
  let out = text;
  const forms = new Set<string>();
  for (const s of secrets) {
    if (s.length < 4) continue;
    forms.add(s);
    forms.add(JSON.stringify(s).slice(1, -1));
    forms.add(encodeURIComponent(s));
    forms.add(Buffer.from(s).toString('base64'));
  }
  // Longest first, so that a secret inside another is not half-replaced.
  for (const f of [...forms].sort((a, b) => b.length - a.length)) out = out.split(f).join('[redacted]');
  return out;
}
