/**
 * Glob patterns over repository names: `*` is any run of characters except `/`, `?` one such character,
 * `{a,b}` either word. A pattern with a `/` is matched against `owner/name`, one without against `name`.
 * Matching ignores case, as GitHub does for repository names.
 */
export function globMatcher(pattern: string): (fullName: string) => boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '{') {
      const end = pattern.indexOf('}', i);
      if (end === -1) source += '\\{';
      else {
        source += `(?:${pattern
          .slice(i + 1, end)
          .split(',')
          .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('|')})`;
        i = end;
      }
    } else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const regex = new RegExp(`^${source}$`, 'i');
  const whole = pattern.includes('/');
  return (fullName) => regex.test(whole ? fullName : fullName.slice(fullName.indexOf('/') + 1));
}

/** Whether any of the patterns matches. */
export function matchesAny(patterns: readonly string[], fullName: string): boolean {
  return patterns.some((p) => globMatcher(p)(fullName));
}
