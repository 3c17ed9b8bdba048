/**
 * Fault answers that are not the router's own: a redirect, an HTML page, a huge body, a given JSON body.
 * Written straight to the socket, because the router's answers are always its Qard JSON with a length.
 */
import type { ServerResponse } from "node:http";
import type { FaultSpec } from "./faults.ts";

const HTML_PAGE =
  "<!DOCTYPE html>\n<html><head><title>Service temporarily unavailable</title></head>\n" +
  "<body><h1>Maintenance</h1><p>Please try again later.</p></body></html>\n";

/** The status a raw fault answers with, or undefined when the fault has no raw answer. */
export function rawFaultStatus(fault: FaultSpec): number | undefined {
  if (fault.redirectTo !== undefined) return fault.status ?? 307;
  if (fault.html === true || fault.hugeBytes !== undefined || fault.json !== undefined) {
    return fault.status ?? 200;
  }
  return undefined;
}

export function writeRawFault(response: ServerResponse, fault: FaultSpec, status: number): void {
  if (fault.redirectTo !== undefined) {
    response.writeHead(status, { location: fault.redirectTo, "content-length": 0 }).end();
    return;
  }
  if (fault.json !== undefined) {
    const text = JSON.stringify(fault.json);
    response
      .writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) })
      .end(text);
    return;
  }
  if (fault.html === true) {
    response
      .writeHead(status, {
        "content-type": "text/html; charset=utf-8",
        "content-length": Buffer.byteLength(HTML_PAGE),
      })
      .end(HTML_PAGE);
    return;
  }
  writeHugeJson(response, status, fault.hugeBytes ?? 0);
}

/** A JSON array of strings, streamed in 64 KiB chunks so the client cannot know its size up front. */
function writeHugeJson(response: ServerResponse, status: number, bytes: number): void {
  response.writeHead(status, { "content-type": "application/json" });
  const chunk = `"${"x".repeat(64 * 1024 - 3)}",`;
  let sent = 1;
  response.write("[");
  const pump = (): void => {
    while (sent + chunk.length < bytes - 4) {
      sent += chunk.length;
      if (!response.write(chunk)) {
        response.once("drain", pump);
        return;
      }
    }
    response.end('""]');
  };
  // A client that stops reading (as it should) closes the socket: stop writing then.
  response.once("close", () => response.removeAllListeners("drain"));
  pump();
}
