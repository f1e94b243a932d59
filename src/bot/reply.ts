import type { Octokit } from '../hosts/github/client.js';
import type { RepoRef } from '../hosts/github/snapshot.js';

/** GitHub rejects comments above 65,536 characters; we stay well below. */
export const MAX_REPLY = 60_000;

/** The hidden marker that lets a re-run find its own reply to one command comment. */
export const marker = (commentId: number) => `<!-- blue-gardener:reply comment=${commentId} -->`;

export function clamp(markdown: string): string {
  return markdown.length <= MAX_REPLY
    ? markdown
    : `${markdown.slice(0, MAX_REPLY)}\n\n… (reply shortened; the job summary has everything)`;
}

/**
 * One reply per command comment, updated in place on re-runs. A marker is only trusted in comments
 * written by a bot account (people cannot post as one), so nobody can make us edit their comment.
 */
export async function upsertReply(
  octokit: Octokit,
  repo: RepoRef,
  issue: number,
  commentId: number,
  body: string,
  rerun: boolean,
): Promise<void> {
  const text = `${clamp(body)}\n\n${marker(commentId)}`;
  if (rerun) {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: repo.owner,
      repo: repo.repo,
      issue_number: issue,
      per_page: 100,
    });
    const ours = comments.find((c) => c.user?.type === 'Bot' && c.body?.includes(marker(commentId)));
    if (ours) {
      if (ours.body !== text)
        await octokit.rest.issues.updateComment({
          owner: repo.owner,
          repo: repo.repo,
          comment_id: ours.id,
          body: text,
        });
      return;
    }
  }
  await octokit.rest.issues.createComment({
    owner: repo.owner,
    repo: repo.repo,
    issue_number: issue,
    body: text,
  });
}

export async function react(
  octokit: Octokit,
  repo: RepoRef,
  commentId: number,
  content: 'eyes' | 'rocket' | 'confused' | '+1',
): Promise<void> {
  try {
    await octokit.rest.reactions.createForIssueComment({
      owner: repo.owner,
      repo: repo.repo,
      comment_id: commentId,
      content,
    });
  } catch (error) {
    // A reaction is decoration: a deleted comment or a missing permission must not fail the command.
    if (![403, 404, 410, 422].includes((error as { status?: number }).status ?? 0)) throw error;
  }
}
