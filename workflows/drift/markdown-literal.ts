import { neutralizeOutput } from "@qard-iac/pulumi-qard/rules";

// Text from outside (provider and property names from the stack file and the state, a failure's reason)
// shown in markdown that GitHub renders (a comment, a step summary). Inside code, GitHub interprets nothing:
// no emphasis, link, image, HTML, entity (which could bring back a bidi character), @mention or #issue link.
// neutralizeOutput first: no control, bidi or zero-width character, no line a runner reads as a command.

function fenceFor(text: string, shortest: number): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return "`".repeat(Math.max(shortest, longest + 1));
}

/**
 * One table cell's worth of literal text: a code span on one line. Its fence is longer than any backtick
 * run inside, with a space each side so a backtick at either end stays text. A `|` ends a table cell even
 * inside code unless escaped, and GitHub splits cells before it reads code spans, pairing backslashes
 * from the left: a backslash run before a `|` is doubled so that the `\|` added after it stays one escape.
 */
export function inlineLiteral(text: string): string {
  const flat = neutralizeOutput(text).replace(/\n/g, " ");
  const body = flat.replace(/\\(?=\\*\|)/g, "\\\\").replace(/\|/g, "\\|");
  const fence = fenceFor(flat, 1);
  return `${fence} ${body} ${fence}`;
}

/** Lines of literal text: a fenced code block whose fence no line inside can close. */
export function blockLiteral(text: string): string {
  const safe = neutralizeOutput(text);
  const fence = fenceFor(safe, 3);
  return [fence, safe, fence].join("\n");
}
