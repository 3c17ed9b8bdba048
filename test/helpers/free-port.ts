import { createServer } from "node:net";

/**
 * A 127.0.0.1 port nothing listened on a moment ago: for a URL that must refuse connections, or a server
 * that cannot bind port 0 and say which port it got. Another process may take it in between; a server that
 * can choose its own port should (see startMoto).
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
