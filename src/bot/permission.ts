import type { Octokit } from '../hosts/github/client.js';
import type { RepoRef } from '../hosts/github/snapshot.js';

/** Repository roles from least to most. */
export const permissionOrder = ['none', 'read', 'triage', 'write', 'maintain', 'admin'] as const;
export type Permission = (typeof permissionOrder)[number];

export function atLeast(have: Permission, need: Permission): boolean {
  return permissionOrder.indexOf(have) >= permissionOrder.indexOf(need);
}

export function isPermission(value: string): value is Permission {
  return (permissionOrder as readonly string[]).includes(value);
}

/** The commenter's role, from the REST permission endpoint (never from author_association). */
export async function permissionOf(octokit: Octokit, repo: RepoRef, username: string): Promise<Permission> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
      owner: repo.owner,
      repo: repo.repo,
      username,
    });
    const role = (data as { role_name?: string }).role_name;
    if (role && isPermission(role)) return role;
    return isPermission(data.permission) ? data.permission : 'none';
  } catch (error) {
    if ((error as { status?: number }).status === 404) return 'none';
    throw error;
  }
}
