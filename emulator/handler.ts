/**
 * One request, start to finish: control calls go straight to the control routes; API calls are logged,
 * meet their fault if one matches, then are authenticated, routed and answered.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { ApiError, badRequest, notFound } from "./api-error.ts";
import type { QardContext } from "./context.ts";
import type { EmulatorControl } from "./control.ts";
import { echoText } from "./echo.ts";
import { describeFault, type FaultSpec } from "./faults.ts";
import { rawFaultStatus, writeRawFault } from "./raw-fault-answers.ts";
import { parseJsonBody, readBody, writeAnswer, type ParsedBody } from "./http.ts";
import { redactBody, redactQuery, type RequestLogEntry } from "./request-log.ts";
import { findRoute, type Answer, type Route } from "./router.ts";
import { controlRoutes } from "./routes-control.ts";
import { providerRoutes } from "./routes-providers.ts";
import { syncRoutes } from "./routes-sync.ts";
import { userRoutes } from "./routes-users.ts";
import { persist, sleep, type EmulatorRuntime } from "./runtime.ts";
import { renderError } from "./shapes.ts";
import { messageOf } from "@qard-iac/pulumi-qard/internal";

const qardRoutes: Route<QardContext>[] = [...providerRoutes, ...userRoutes, ...syncRoutes];

const CONTROL_PREFIX = "/_emulator/";

/** The error_code of an injected status, so a client sees what a real gateway would send. */
function faultCode(status: number): string {
  if (status === 429) return "TOO_MANY_REQUESTS";
  if (status >= 500) return "SERVICE_UNAVAILABLE";
  return "EMULATED_FAULT";
}

function faultAnswer(
  runtime: EmulatorRuntime,
  fault: FaultSpec & { status: number },
  path: string,
  body: ParsedBody,
): Answer {
  const { status, retryAfter } = fault;
  const echo =
    fault.echo === undefined
      ? ""
      : ` ${echoText(fault.echo, path, body.ok ? body.value : null, runtime.state)}`;
  const error = new ApiError(status, faultCode(status), `Emulated fault: status ${status}.${echo}`);
  const headers = retryAfter === undefined ? undefined : { "retry-after": retryAfter };
  return { status, body: renderError(runtime.shapes.errors, error), headers };
}

function errorAnswer(runtime: EmulatorRuntime, error: unknown): Answer {
  if (error instanceof ApiError)
    return { status: error.status, body: renderError(runtime.shapes.errors, error) };
  // Only the emulator's own failures land here (e.g. the state file cannot be written).
  const reason = messageOf(error);
  console.error(`Qard emulator internal error: ${reason}`);
  const internal = new ApiError(500, "INTERNAL_ERROR", `Internal emulator error: ${reason}`);
  return { status: 500, body: renderError(runtime.shapes.errors, internal) };
}

function hasApiKey(runtime: EmulatorRuntime, request: IncomingMessage): boolean {
  const key = request.headers["x-api-key"];
  return typeof key === "string" && runtime.apiKeys.includes(key);
}

function answerRoute<Context>(
  routes: readonly Route<Context>[],
  method: string,
  url: URL,
  body: ParsedBody,
  context: Context,
  runtime: EmulatorRuntime,
): Answer {
  const found = findRoute(routes, method, url.pathname);
  if (found === undefined) throw notFound(`No route for ${method} ${url.pathname}.`);
  if (!body.ok) throw badRequest("The request body is not valid JSON.");
  const input = { params: found.params, query: url.searchParams, body: body.value, nowMs: Date.now() };
  const answer = found.route.handle(input, context);
  if (found.route.mutates && answer.status < 400) persist(runtime);
  return answer;
}

function qardAnswer(runtime: EmulatorRuntime, request: IncomingMessage, url: URL, body: ParsedBody): Answer {
  const isApi = url.pathname === "/api/v6" || url.pathname.startsWith("/api/v6/");
  if (!isApi) throw notFound(`No route for ${request.method ?? "GET"} ${url.pathname}.`);
  if (!hasApiKey(runtime, request)) {
    throw new ApiError(401, "UNAUTHORIZED", "Missing or invalid X-API-KEY header.");
  }
  const context: QardContext = {
    catalogue: runtime.catalogue,
    state: runtime.state,
    shapes: runtime.shapes,
    baseUrl: runtime.baseUrl,
    syncDelayMs: runtime.syncDelayMs,
  };
  return answerRoute(qardRoutes, request.method ?? "GET", url, body, context, runtime);
}

async function readParsedBody(request: IncomingMessage): Promise<ParsedBody> {
  return parseJsonBody(await readBody(request));
}

async function handleControl(
  runtime: EmulatorRuntime,
  control: EmulatorControl,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  let answer: Answer;
  try {
    const body = await readParsedBody(request);
    answer = answerRoute(controlRoutes, request.method ?? "GET", url, body, { runtime, control }, runtime);
  } catch (error) {
    answer = errorAnswer(runtime, error);
  }
  writeAnswer(response, answer);
}

async function handleApi(
  runtime: EmulatorRuntime,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const started = performance.now();
  const method = request.method ?? "GET";
  const entry: RequestLogEntry = runtime.log.begin({
    method,
    path: url.pathname,
    query: redactQuery(url.search.slice(1), runtime.apiKeys),
    status: 0,
    durationMs: 0,
    at: new Date().toISOString(),
  });
  const finish = (status: number) => {
    entry.status = status;
    entry.durationMs = Math.round(performance.now() - started);
  };
  const fault = runtime.faults.take(method, url.pathname);
  if (fault !== undefined) entry.fault = describeFault(fault);

  let body: ParsedBody;
  try {
    body = await readParsedBody(request);
  } catch (error) {
    // The client went away mid-body: nobody is left to answer.
    if (!(error instanceof ApiError) && request.destroyed) return finish(0);
    const answer = errorAnswer(runtime, error);
    finish(answer.status);
    writeAnswer(response, answer);
    return;
  }
  if (body.ok && body.value !== undefined) {
    entry.body = redactBody(url.pathname, body.value, runtime.apiKeys, runtime.catalogue.credentialKeyNames);
  }

  if (fault?.latencyMs !== undefined) await sleep(runtime, fault.latencyMs);
  if (fault?.reset === true) {
    finish(0);
    request.socket.resetAndDestroy();
    return;
  }
  // A hanging request keeps status 0 and its socket open until the client gives up or the emulator closes.
  if (fault?.hang === true) return;
  const rawStatus = fault === undefined ? undefined : rawFaultStatus(fault);
  if (fault !== undefined && rawStatus !== undefined) {
    finish(rawStatus);
    writeRawFault(response, fault, rawStatus);
    return;
  }

  let answer: Answer;
  try {
    answer =
      fault?.status !== undefined
        ? faultAnswer(runtime, { ...fault, status: fault.status }, url.pathname, body)
        : qardAnswer(runtime, request, url, body);
  } catch (error) {
    answer = errorAnswer(runtime, error);
  }
  if (fault?.lostAnswer === true) {
    // Applied above; the client gets a reset connection instead of the answer.
    finish(0);
    request.socket.resetAndDestroy();
    return;
  }
  // Recorded before writing, so a client that has its answer always finds the entry complete.
  finish(answer.status);
  writeAnswer(response, answer);
}

export function createRequestHandler(
  runtime: EmulatorRuntime,
  control: EmulatorControl,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const url = new URL(request.url ?? "/", "http://emulator.invalid");
    const handled = url.pathname.startsWith(CONTROL_PREFIX)
      ? handleControl(runtime, control, request, response, url)
      : handleApi(runtime, request, response, url);
    handled.catch((error: unknown) => {
      // Last resort: never leave a socket open because of a bug in a handler.
      if (response.headersSent) response.destroy();
      else writeAnswer(response, errorAnswer(runtime, error));
    });
  };
}
