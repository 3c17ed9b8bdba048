/**
 * A server of the test's own playing Secrets Manager where moto cannot (a KMS refusal, an endpoint that
 * never answers), reached by the real AWS SDK through its standard endpoint variable.
 */
import type { Server } from "node:net";
import { setProcessEnv } from "./process-env.ts";

/**
 * Starts `server` on a free 127.0.0.1 port and points this process's Secrets Manager clients at it, with
 * test credentials. Returns the function that puts process.env back (the caller closes the server).
 */
export async function listenAsSecretsManager(server: Server): Promise<() => void> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the server has no port");
  return setProcessEnv({
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${address.port}`,
    AWS_REGION: "eu-west-3",
    AWS_ACCESS_KEY_ID: "testing",
    AWS_SECRET_ACCESS_KEY: "testing",
  });
}
