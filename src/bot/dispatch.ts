import { UserError, formatUserError } from '../core/errors.js';
import { ownEntry } from '../core/model.js';
import { changesTable, echo } from '../core/report/markdown.js';
import { didYouMean } from '../core/suggest.js';
import type { CommentEvent, RunContext } from '../runs/event.js';
import { commitFlow } from '../runs/commit.js';
import type { FlowContext, FlowRequest, Outcome } from '../runs/context.js';
import { pullRequestFlow } from '../runs/pull-request.js';
import { updateFlow } from '../runs/update.js';
import { readSourceCatalogs, type SourceAgentEntry } from '../runs/source-agents.js';
import { translateGitHubError } from '../runs/github-errors.js';
import { setOutputs } from '../runs/outputs.js';
import { botCommands, helpMarkdown, readsSources } from './commands.js';
import { parseComment } from './parse.js';
import { atLeast, permissionOf, type Permission } from './permission.js';
import { react, upsertReply } from './reply.js';

/**
 * The agents of the manifest's sources for an answer; a source that cannot be read (a user error, or GitHub
 * failing) leaves the answer to the bundled catalog, which says why.
 */
async function sourcesFor(
  ctx: FlowContext,
): Promise<{ agents: SourceAgentEntry[]; profiles: Map<string, string[]> } | { error: string }> {
  try {
    return await readSourceCatalogs(ctx);
  } catch (raw) {
    const error = translateGitHubError(raw, `${ctx.repo.owner}/${ctx.repo.repo}`);
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** The bot's settings: the command prefix, who may read and write, whether edited comments count. */
export interface BotOptions {
  prefix: string;
  readPermission: Permission;
  writePermission: Permission;
  allowEdited: boolean;
}

/**
 * Answers one `/blue` comment: ignore what is not for us (no request at all), check the commenter's
 * permission, react 👀, carry the command out, reply once (sticky), react 🚀 or 😕. Refused commands make
 * no change to the repository.
 */
export async function handleComment(ctx: FlowContext, run: RunContext, bot: BotOptions): Promise<void> {
  const { io, octokit, repo } = ctx;
  const comment = run.comment;
  if (!comment) return io.info('No comment in the event; nothing to do.');
  if (comment.user.type === 'Bot') return io.info(`Ignoring a comment by the bot ${comment.user.login}.`);
  if (comment.action !== 'created' && !(comment.action === 'edited' && bot.allowEdited))
    return io.info(`Ignoring a comment that was ${comment.action}.`);
  const parsed = parseComment(comment.body, bot.prefix);
  if (parsed.kind === 'none') return io.info(`The comment is not a ${bot.prefix} command.`);
  io.setOutput('command', parsed.kind === 'command' ? parsed.name : '');

  const reply = (markdown: string) =>
    upsertReply(octokit, repo, comment.issue, comment.id, markdown, run.runAttempt > 1);
  const permission = await permissionOf(octokit, repo, comment.user.login);
  const refuse = async (why: string) => {
    io.warning(`Refused: ${why}`);
    // One line in the job summary: which comment, and that it was refused (the reply says why).
    await io.summary(
      `blue-gardener: refused the \`${bot.prefix}\` command in comment ${comment.id} on #${comment.issue}; the reply there says why.\n`,
    );
    await reply(`😕 ${why}`);
    await react(octokit, repo, comment.id, 'confused');
  };
  if (!atLeast(permission, bot.readPermission))
    return io.info(
      `Ignoring ${comment.user.login}: permission ${permission} is below ${bot.readPermission}.`,
    );
  if (parsed.kind === 'refusal')
    return refuse(`I could not read that command: ${parsed.reason}. Try \`${bot.prefix} help\`.`);
  const command = ownEntry(botCommands, parsed.name);
  const permissions = { read: bot.readPermission, write: bot.writePermission };
  if (!command)
    return refuse(
      `${echo(parsed.name, 30)} is not a command.${didYouMean(parsed.name, Object.keys(botCommands))}\n\n${helpMarkdown(bot.prefix, permissions)}`,
    );
  const needed = command.access === 'write' ? bot.writePermission : bot.readPermission;
  if (!atLeast(permission, needed)) {
    return refuse(
      `\`${bot.prefix} ${parsed.name}\` needs ${needed} permission on this repository; you have ${permission}. Ask a maintainer to run it.`,
    );
  }
  await react(octokit, repo, comment.id, 'eyes');
  try {
    const result = command.run(parsed.args, parsed.profile, {
      catalog: ctx.catalog,
      manifest: ctx.options.manifest,
      prefix: bot.prefix,
      permissions,
      ...(readsSources(command, parsed.args) ? { sources: await sourcesFor(ctx) } : {}),
    });
    if (result.kind === 'answer') {
      await reply(result.markdown);
      await react(octokit, repo, comment.id, 'rocket');
      return;
    }
    const { outcome, where } = result.update
      ? // A person asking is a yes: commits declined before (a closed pull request) are proposed again.
        {
          outcome: await updateFlow(
            ctx,
            { base: undefined, updateSources: result.update },
            { askedFor: true },
          ),
          where: { branch: undefined },
        }
      : await land(ctx, comment, result.edit);
    setOutputs(io, outcome);
    await io.summary(outcome.summary);
    await reply(changeReply(result.what, outcome, where));
    await react(octokit, repo, comment.id, 'rocket');
  } catch (raw) {
    const error = translateGitHubError(raw, `${repo.owner}/${repo.repo}`);
    if (!(error instanceof UserError)) throw error;
    await refuse(`I could not do that: ${error.all().map(formatUserError).join('\n\n')}`);
    io.setFailed(formatUserError(error));
  }
}

/**
 * Where a change lands: a pull request from this repository gets a commit on its own branch; an issue, or
 * a pull request from a fork (we never push to forks), gets our pull request on the default branch.
 */
async function land(ctx: FlowContext, comment: CommentEvent, edit: FlowRequest['editManifest']) {
  const { octokit, repo } = ctx;
  if (comment.onPullRequest) {
    const { data: pr } = await octokit.rest.pulls.get({
      owner: repo.owner,
      repo: repo.repo,
      pull_number: comment.issue,
    });
    const sameRepo = pr.head.repo?.full_name === `${repo.owner}/${repo.repo}`;
    if (sameRepo && pr.state === 'open') {
      const outcome = await commitFlow(ctx, { base: pr.head.ref, ...(edit ? { editManifest: edit } : {}) });
      return { outcome, where: { branch: pr.head.ref } };
    }
  }
  const outcome = await pullRequestFlow(ctx, { base: undefined, ...(edit ? { editManifest: edit } : {}) });
  return { outcome, where: { branch: undefined } };
}

function changeReply(what: string, outcome: Outcome, where: { branch: string | undefined }): string {
  if (outcome.changes.length === 0 && outcome.pullRequest.operation !== 'closed')
    return `👍 ${what}: nothing to change, the files are already up to date.`;
  const lines = [`🚀 Done: ${what}.`, ''];
  if (where.branch && outcome.commitSha)
    lines.push(`Committed ${outcome.changes.length} file(s) to \`${where.branch}\` in ${outcome.commitSha}.`);
  else if (outcome.pullRequest.url)
    lines.push(
      `The change is in pull request #${outcome.pullRequest.number} (${outcome.pullRequest.operation}): ${outcome.pullRequest.url}`,
    );
  lines.push('', changesTable(outcome.changes));
  return lines.join('\n');
}
