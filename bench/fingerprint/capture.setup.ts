/**
 * A vitest setup file (bench/fingerprint/vitest.capture.config.ts) that records every
 * ApplyRun the test suite drives: its init (mapping, schema tree, sniffed dialect, options)
 * and the bytes pushed, in the chunks they came in. replay.ts runs the recorded cases again
 * and fingerprints the output, so that a rebuilt engine can be compared with the one before.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApplyRun, type ApplyRunInit } from '../../src/core/batch/applyRun';

const corpus = process.env.XDM_CAPTURE_DIR ?? join(import.meta.dirname, '..', '..', '.bench', 'fingerprint', 'corpus');
mkdirSync(corpus, { recursive: true });
const MAX_BYTES = 64 << 20;

interface Recording {
  chunks: Uint8Array[];
  bytes: number;
}
const recordings = new WeakMap<object, Recording>();
const proto = ApplyRun.prototype as unknown as {
  push(bytes: Uint8Array): Promise<void>;
  end(): Promise<unknown>;
};
const push = proto.push;
const end = proto.end;
proto.push = function (this: object, bytes: Uint8Array) {
  let r = recordings.get(this);
  if (!r) recordings.set(this, (r = { chunks: [], bytes: 0 }));
  if (r.bytes + bytes.length <= MAX_BYTES) r.chunks.push(bytes.slice());
  r.bytes += bytes.length;
  return push.call(this, bytes);
};
proto.end = function (this: object) {
  const r = recordings.get(this) ?? { chunks: [], bytes: 0 };
  if (r.bytes <= MAX_BYTES) {
    const init = (this as unknown as { init: ApplyRunInit }).init;
    const { tree } = init;
    const json = JSON.stringify({
      tree: { ...tree, fields: [...tree.fields.entries()] },
      doc: init.doc,
      sniffed: init.sniffed,
      validatorSchema: init.validator.schema,
      fileSize: init.fileSize,
      emptyCells: init.emptyCells,
      reader: init.reader,
      singleByte: typeof init.decodeSingleByte === 'function',
      chunks: r.chunks.map((c) => Buffer.from(c).toString('base64')),
    });
    const id = createHash('sha256').update(json).digest('hex').slice(0, 16);
    writeFileSync(join(corpus, `${id}.json`), json);
  }
  return end.call(this);
};
