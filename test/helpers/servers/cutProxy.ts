import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

/**
 * A TCP relay on 127.0.0.1 in front of a server, whose connections a test can cut at any moment
 * (`cut()`): what a client sees when a network path drops mid-session. New connections are
 * relayed again right after, as when the network comes back.
 */
export interface CutProxy {
  port: number;
  /** Connections relayed so far. */
  accepted: number;
  cut(): void;
  /** Limits what the server sends back to about `bytesPerSecond` (null: full speed), as a slow link would. */
  slow(bytesPerSecond: number | null): void;
  close(): Promise<void>;
}

export async function startCutProxy(targetPort: number): Promise<CutProxy> {
  const open = new Set<Socket>();
  const state = { accepted: 0, rate: null as number | null };
  const server = createServer((client) => {
    state.accepted++;
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream);
    // Server to client, paced when the link is slowed: each chunk waits its share of a second.
    upstream.on('data', (chunk: Buffer) => {
      client.write(chunk);
      if (state.rate === null) return;
      upstream.pause();
      setTimeout(() => upstream.resume(), Math.ceil((1000 * chunk.length) / state.rate));
    });
    upstream.on('end', () => client.end());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    get accepted() {
      return state.accepted;
    },
    cut() {
      for (const s of open) s.destroy();
    },
    slow(bytesPerSecond) {
      state.rate = bytesPerSecond;
    },
    close: () =>
      new Promise((r) => {
        for (const s of open) s.destroy();
        server.close(() => r());
      }),
  };
}
