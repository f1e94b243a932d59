/** The package version; `scripts/build.mjs` checks it against package.json. */
export const version = '1.0.0';
