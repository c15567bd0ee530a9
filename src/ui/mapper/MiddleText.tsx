/**
 * Text that gives way in the middle: the start shortens with an ellipsis, the end (a path's
 * last segment, a name's last word: the part that tells similar ones apart) stays whole. The
 * whole text is on hover and, in place of the visual parts, for screen readers.
 */
export function MiddleText({ text, tail, className = '' }: { text: string; tail?: string; className?: string }) {
  const end = tail ?? tailOf(text);
  const head = text.slice(0, text.length - end.length);
  return (
    <span className={`mid ${className}`} title={text}>
      <span className="sr-only">{text}</span>
      <span className="mid-visual" aria-hidden="true">
        {head ? <span className="mid-head">{head}</span> : null}
        <span className="mid-tail">{end}</span>
      </span>
    </span>
  );
}

/**
 * The part kept whole: a path's last segment, else the last word when short; a long single
 * word (`_techmarketingdemos`, `marketingSuspendedCause`) keeps its last camel-case or
 * underscore piece, or its last 8 characters, so the start is what gives way.
 */
export function tailOf(text: string): string {
  const dot = text.lastIndexOf('.');
  // A path (`a.b.c`), not a number (`0.00`): its last segment.
  if (dot > 0 && dot < text.length - 1 && !/\s/.test(text) && /[A-Za-z_]/.test(text.slice(0, dot))) return text.slice(dot);
  const word = /\S+$/.exec(text)?.[0] ?? text;
  if (word.length < text.length && word.length <= 16) return text.slice(text.length - word.length - 1);
  if (text.length <= 12) return text;
  const piece = /(?:[A-Z][a-z0-9]*|_[^_]*)$/.exec(text)?.[0] ?? '';
  if (piece.length >= 4 && piece.length <= 12 && piece.length < text.length) return piece;
  return text.slice(-8);
}

/**
 * For paths shown together (a column's alternatives): the shortest ending, in whole segments,
 * that no other path of the set shares, so four `productListItems[].returnItem.…` alternatives
 * each show what makes them different.
 */
export function distinctTails(paths: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const split = paths.map((p) => p.split('.'));
  for (const [i, segs] of split.entries()) {
    let k = 1;
    const ending = (s: string[], n: number) => s.slice(-n).join('.');
    while (k < segs.length && split.some((o, j) => j !== i && o.length >= k && ending(o, k) === ending(segs, k))) k++;
    const tail = ending(segs, k);
    out.set(paths[i]!, tail.length < paths[i]!.length ? `.${tail}` : tail);
  }
  return out;
}
