/**
 * Pulumi's mocks recording what a program registers, for tests of the components and resource classes
 * without an engine. At the top of a file: `const registered = recordRegisteredResources();`.
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeAll } from "vitest";

export interface RegisteredResource {
  name: string;
  type: string;
  /** The parent's URN; undefined for a resource of the stack itself. */
  parent: string | undefined;
  inputs: Record<string, unknown>;
}

/** Sets the mocks before the file's tests; the array fills as resources register (state = inputs). */
export function recordRegisteredResources(): RegisteredResource[] {
  const registered: RegisteredResource[] = [];
  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push({
            name: args.name,
            type: args.type,
            parent: (args as { parent?: string }).parent,
            inputs: args.inputs as Record<string, unknown>,
          });
          return { id: args.name, state: args.inputs };
        },
        call: (args) => args.inputs,
      },
      "qard-iac",
      "test",
    );
  });
  return registered;
}

/** Resolves once the mocks have registered the resource: its URN comes from that. */
export function registrationOf(resource: pulumi.Resource): Promise<string> {
  return new Promise((resolve) => resource.urn.apply(resolve));
}
