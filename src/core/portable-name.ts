/**
 * Names every target system can check out. A name becomes a file `<name>.<ext>` or a folder `<name>/` in a
 * repository that Windows users clone too, so what Windows cannot create is refused wherever we take a
 * name or a path from the user: agent names, skill names and every path inside a skill folder.
 */

/**
 * Names Windows reserves for devices, whatever the case and whatever extension follows (`con.md`,
 * `nul.toml`, `aux.tar.gz`): a file or folder named so cannot be checked out there. (COM0 and LPT0 are
 * reserved on current Windows; the superscript-digit forms are refused with the other non-ASCII digits.)
 */
export const windowsDeviceName = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

export const WINDOWS_DEVICE_NAMES = 'con, prn, aux, nul, com0–com9, lpt0–lpt9';

/** Whether one path segment (a file or folder name) is a device name, with or without extensions. */
export function isWindowsDeviceName(segment: string): boolean {
  return windowsDeviceName.test(segment.split('.')[0]!.trimEnd());
}

/**
 * What keeps one path segment from being checked out on Windows, or undefined: a device name (with any
 * extension), a character Windows forbids in names (`< > : " | ? *`, controls), or a trailing dot or space
 * (Windows drops it, so two different names would become one).
 */
export function unportableSegment(segment: string): string | undefined {
  if (isWindowsDeviceName(segment))
    return `\`${segment}\` is a name Windows reserves for a device (${WINDOWS_DEVICE_NAMES}), whatever its extension`;
  // eslint-disable-next-line no-control-regex -- control characters are among what Windows forbids
  const forbidden = /[<>:"|?*\u0000-\u001f]/.exec(segment);
  if (forbidden) return `\`${segment}\` holds \`${forbidden[0]}\`, which Windows forbids in file names`;
  if (/[. ]$/.test(segment)) return `\`${segment}\` ends in a dot or a space, which Windows drops`;
  return undefined;
}
