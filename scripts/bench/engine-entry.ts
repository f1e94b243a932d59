// What the in-process benchmark times, bundled by ncc as the CLI is (see in-process.ts).
import '../../src/core/zod-config.js';
export { preparePlan } from '../../src/engine.js';
export { memoryHost } from '../../src/hosts/memory.js';
