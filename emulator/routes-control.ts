/**
 * The control API over HTTP, for a demo or a client in another process. It needs no API key and is not
 * written to the request log: it is the test's side, not the client's.
 */
import { notFound } from "./api-error.ts";
import type { EmulatorControl, ProviderPatch } from "./control.ts";
import { parseFaultSpec } from "./faults.ts";
import { providerJson } from "./provider-json.ts";
import type { Route } from "./router.ts";
import { connectionJson } from "./routes-users.ts";
import type { EmulatorRuntime } from "./runtime.ts";
import { parseShapes } from "./shapes.ts";

export interface ControlContext {
  runtime: EmulatorRuntime;
  control: EmulatorControl;
}

export const controlRoutes: Route<ControlContext>[] = [
  {
    method: "GET",
    pattern: "/_emulator/requests",
    mutates: false,
    handle: (_input, { control }) => ({ status: 200, body: control.requests() }),
  },
  {
    method: "DELETE",
    pattern: "/_emulator/requests",
    mutates: false,
    handle: (_input, { control }) => {
      control.clearRequests();
      return { status: 204 };
    },
  },
  {
    method: "GET",
    pattern: "/_emulator/faults",
    mutates: false,
    handle: (_input, { runtime }) => ({ status: 200, body: runtime.faults.list() }),
  },
  {
    method: "POST",
    pattern: "/_emulator/faults",
    mutates: false,
    handle: (input, { control }) => {
      const fault = parseFaultSpec(input.body);
      control.addFault(fault);
      return { status: 201, body: fault };
    },
  },
  {
    method: "DELETE",
    pattern: "/_emulator/faults",
    mutates: false,
    handle: (_input, { control }) => {
      control.clearFaults();
      return { status: 204 };
    },
  },
  {
    method: "GET",
    pattern: "/_emulator/shapes",
    mutates: false,
    handle: (_input, { runtime }) => ({ status: 200, body: runtime.shapes }),
  },
  {
    method: "PUT",
    pattern: "/_emulator/shapes",
    mutates: false,
    handle: (input, { control, runtime }) => {
      control.setShapes(parseShapes(input.body));
      return { status: 200, body: runtime.shapes };
    },
  },
  {
    method: "PATCH",
    pattern: "/_emulator/providers/{name}",
    mutates: false,
    handle: (input, { control, runtime }) => {
      const name = input.params.name ?? "";
      // patchProvider validates its argument, whatever JSON arrived.
      control.patchProvider(name, input.body as ProviderPatch);
      const definition = runtime.catalogue.find(name);
      const current = runtime.state.providers[name];
      if (definition === undefined || current === undefined) throw notFound(`Provider ${name} not found.`);
      return { status: 200, body: providerJson(definition, current) };
    },
  },
  {
    method: "POST",
    pattern: "/_emulator/reset",
    mutates: false,
    handle: (_input, { control }) => {
      control.reset();
      return { status: 204 };
    },
  },
  {
    // The redirect_url of an AUTH_REQUIRED connection: opening it plays the end user's consent.
    // `?outcome=error` plays a refusal instead.
    method: "GET",
    pattern: "/_emulator/authorize/{connectionId}",
    mutates: true,
    handle: (input, { runtime }) => {
      const connection = runtime.state.connections.find((c) => c.id === input.params.connectionId);
      if (connection === undefined)
        throw notFound(`Data connection ${input.params.connectionId ?? ""} not found.`);
      if (connection.status === "AUTH_REQUIRED" || connection.status === "AUTH_ERROR") {
        connection.status = input.query.get("outcome") === "error" ? "AUTH_ERROR" : "CONNECTED";
      }
      return { status: 200, body: connectionJson(connection, runtime.baseUrl) };
    },
  },
];
