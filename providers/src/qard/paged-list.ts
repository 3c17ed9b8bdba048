import type { z } from "zod";
import { loadSchemas, type Schemas } from "./answer-schemas.ts";
import { QardResponseError } from "./errors.ts";
import { parseAnswer, type AnswerOrigin } from "./parse-answer.ts";
import { plainPage, type PlainPage } from "./plain-answers.ts";
import { requireJson, type RequestPipeline } from "./request-pipeline.ts";

/** How a list reads its items: plainly where it can (plain-answers.ts), else with the schema. */
export interface ListItems<T> {
  plain: (values: readonly unknown[]) => T[] | undefined;
  schema: (schemas: Schemas) => z.ZodType<T, unknown>;
}

// A guard against an envelope whose last_page never comes (or a server that keeps adding pages).
const MAX_PAGES = 1000;

/**
 * A list endpoint answers either a bare array (everything) or an envelope; for an envelope, pages
 * current_page+1 .. last_page are fetched with ?page=N. Each page is validated where it was read, so an
 * error names the page's path.
 */
export async function collectPages<T>(
  pipeline: RequestPipeline,
  path: string,
  item: ListItems<T>,
): Promise<T[]> {
  const first = await pipeline.send({ method: "GET", path });
  const firstBody = requireJson(first);
  if (Array.isArray(firstBody)) return readItems(item, firstBody, first.origin);

  let page = await readPage(firstBody, first.origin);
  const items = await readItems(item, page.result, first.origin, ["result"]);
  let current = page.current_page ?? 1;
  let last = page.last_page ?? current;
  for (let fetched = 1; current < last; fetched++) {
    if (fetched >= MAX_PAGES) {
      throw new QardResponseError("GET", path, `more than ${MAX_PAGES} pages; refusing to follow further`);
    }
    const wantedPage = current + 1;
    const answer = await pipeline.send({ method: "GET", path, query: { page: String(wantedPage) } });
    page = await readPage(requireJson(answer), answer.origin);
    if (page.current_page != null && page.current_page !== wantedPage) {
      // Following such an answer could loop forever or skip items.
      throw new QardResponseError(
        "GET",
        answer.origin.path,
        `asked for page ${wantedPage} but the answer is page ${page.current_page}`,
      );
    }
    items.push(...(await readItems(item, page.result, answer.origin, ["result"])));
    current = wantedPage;
    // Items can be added while paging: the latest last_page is the truth.
    last = page.last_page ?? current;
  }
  return items;
}

async function readItems<T>(
  item: ListItems<T>,
  values: unknown,
  origin: AnswerOrigin,
  pathPrefix: readonly PropertyKey[] = [],
): Promise<T[]> {
  const plain = Array.isArray(values) ? item.plain(values) : undefined;
  if (plain !== undefined) return plain;
  const schemas = await loadSchemas();
  return parseAnswer(schemas.arrayOf(item.schema(schemas)), values, origin, pathPrefix);
}

async function readPage(value: unknown, origin: AnswerOrigin): Promise<PlainPage> {
  return plainPage(value) ?? parseAnswer((await loadSchemas()).pageEnvelopeSchema, value, origin);
}
