// zod compiles a fast parser for each object schema with `new Function` the first time it parses with it.
// A command parses each schema a handful of times, once per process, so the compiling costs more than it
// saves (and code generated at run time escapes V8's code cache). Imported first by every entry point, since
// the setting is read when a schema is built.
import { z } from 'zod';

z.config({ jitless: true });
