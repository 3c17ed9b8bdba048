import {
  LocalWorkspace,
  type InlineProgramArgs,
  type LocalProgramArgs,
  type LocalWorkspaceOptions,
  type Stack,
} from "@pulumi/pulumi/automation/index.js";
import { isNoSuchStackMessage, UnknownStackError } from "./unknown-stack-error.ts";
import { messageOf } from "@qard-iac/pulumi-qard/internal";

/**
 * Selects a stack that must already exist. A name the backend does not know is an UnknownStackError that
 * lists the stacks it does know and says how to create one on purpose: a typo never creates a stack.
 */
export async function selectExistingStack(
  args: InlineProgramArgs | LocalProgramArgs,
  workspaceOptions: LocalWorkspaceOptions,
  createHint: string,
): Promise<Stack> {
  try {
    // selectStack's overloads each take one kind of program args, not the union.
    return "program" in args
      ? await LocalWorkspace.selectStack(args, workspaceOptions)
      : await LocalWorkspace.selectStack(args, workspaceOptions);
  } catch (error) {
    if (!isNoSuchStackMessage(messageOf(error))) throw error;
    const workspace = await LocalWorkspace.create(workspaceOptions);
    const existing = (await workspace.listStacks()).map((stack) => stack.name).sort();
    throw new UnknownStackError(args.stackName, existing, createHint);
  }
}
