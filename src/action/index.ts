import '../core/zod-config.js';
import { context } from '@actions/github';
import { actionsIO } from './actions-io.js';
import { narrowContext } from '../runs/event.js';
import { run } from './main.js';

// The only top-level call: everything else is in run(), which tests drive with fakes.
await run({ io: actionsIO, context: narrowContext(context) });
