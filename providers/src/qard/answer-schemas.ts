export type Schemas = typeof import("./schemas.ts");

/**
 * The answer schemas, and zod with them, are loaded on the first answer that plain-answers.ts leaves to
 * them: a provider process whose answers all have the usual shapes never pays for loading zod.
 */
export function loadSchemas(): Promise<Schemas> {
  return import("./schemas.ts");
}
