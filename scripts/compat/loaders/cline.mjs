// Loads a workspace's agents with Cline's own SDK loader (@cline/core), as the Cline CLI does, and prints
// what it loaded and what it refused as JSON. Usage: node cline.mjs <cache folder> <workspace>
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [cache, workspace] = process.argv.slice(2);
const entry = path.join(cache, 'node_modules', '@cline', 'core', 'dist', 'index.js');
const core = await import(pathToFileURL(entry).href);
const { configs, errors } = core.loadConfiguredAgentConfigs({ workspaceRoot: workspace });
// Each agent becomes its own tool; the descriptors are what the model is offered.
const tools = core.buildConfiguredAgentToolDescriptors(configs);
const report = {
  agents: configs.map((config, i) => ({
    name: config.name,
    description: config.description,
    path: config.path,
    tool: tools[i]?.toolName,
    promptChars: config.systemPrompt.length,
  })),
  errors: errors.map((error) => ({ path: error.path, message: error.error.message })),
};
process.stdout.write(`${JSON.stringify(report)}\n`);
