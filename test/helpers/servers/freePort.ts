import { type AddressInfo, createServer } from 'node:net';

/** A TCP port free on 127.0.0.1 now (for servers that need their port named up front). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}
