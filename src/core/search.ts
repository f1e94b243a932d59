import type { Agent } from './model.js';
import { editDistance } from './suggest.js';

export interface SearchHit {
  agent: Agent;
  score: number;
}

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/**
 * Ranks agents for a free-text query: exact name and tag matches first, then category, then words of the
 * description; each query word tolerates typos (one edit for short words, two for long ones).
 */
export function search(agents: Iterable<Agent>, query: string, limit = 10): SearchHit[] {
  const terms = words(query).filter((t) => t !== 'blue');
  if (terms.length === 0) return [];
  const hits: SearchHit[] = [];
  for (const agent of agents) {
    const fields: [string[], number][] = [
      [words(agent.name.replace(/^blue-/, '')), 5],
      [agent.tags.flatMap(words), 4],
      [words(agent.category), 3],
      [words(agent.description), 1],
    ];
    let score = 0;
    let matchedAll = true;
    for (const term of terms) {
      let best = 0;
      for (const [tokens, weight] of fields) best = Math.max(best, weight * match(term, tokens));
      if (best === 0) matchedAll = false;
      score += best;
    }
    if (score > 0) hits.push({ agent, score: matchedAll ? score * 2 : score });
  }
  hits.sort((a, b) => b.score - a.score || a.agent.name.localeCompare(b.agent.name));
  return hits.slice(0, limit);
}

/** 1 for an exact token, 0.8 for a prefix, 0.6 within the typo budget, else 0. */
function match(term: string, tokens: string[]): number {
  let best = 0;
  const budget = term.length <= 4 ? 1 : 2;
  for (const token of tokens) {
    if (token === term) return 1;
    if (term.length >= 3 && token.startsWith(term)) best = Math.max(best, 0.8);
    else if (
      term.length >= 4 &&
      Math.abs(token.length - term.length) <= budget &&
      editDistance(term, token) <= budget
    )
      best = Math.max(best, 0.6);
  }
  return best;
}
