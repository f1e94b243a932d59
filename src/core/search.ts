import { editDistance } from './suggest.js';

/** What search reads of an agent (or of a skill: its name, no tags, category `skill`, description). */
export interface Searchable {
  name: string;
  tags: readonly string[];
  category: string;
  description: string;
}

export interface SearchHit<T extends Searchable = Searchable> {
  agent: T;
  score: number;
}

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** `testing`, `tests`, `tester` → `test`; `reviewer` → `review`. Only for words long enough to keep a stem. */
const stem = (word: string) => (word.length > 4 ? word.replace(/(?:ing|ers|er|es|s)$/, '') : word);

/** How a query word met a field word, strongest first. */
const EXACT = 1;
const PREFIX = 0.8;
const TYPO = 0.6;

/**
 * Field weights: a name or tag match says what an agent is; a description match only that it mentions
 * the word. Descriptions get no typo tolerance (in prose, a word one edit away is usually another word).
 */
const FIELDS = [
  { of: (a: Searchable) => words(a.name.replace(/^blue-/, '')), weight: 10, typos: true },
  { of: (a: Searchable) => a.tags.flatMap(words), weight: 8, typos: true },
  { of: (a: Searchable) => words(a.category), weight: 4, typos: false },
  { of: (a: Searchable) => words(a.description), weight: 2, typos: false },
];
/** A term matched at least this well in some field is a strong match (a name or tag, at least by typo). */
const STRONG = 8 * TYPO;
/** Results scoring under this share of the best one are cut: they match, but weakly. */
const RELATIVE_CUT = 0.4;

/**
 * Ranks agents for a free-text query. Each query word is matched against the agent's name, tags, category
 * and description — exactly, as a prefix or by stem, or (name and tags only) within a typo budget of one
 * edit for words of 4–7 letters and two from 8. An agent must match every word, or, for queries of several
 * words, at least half of them with one strong (name or tag) match; then weak results are cut relative to
 * the best. A query matching nothing well returns nothing, rather than noise.
 */
export function search<T extends Searchable>(agents: Iterable<T>, query: string, limit = 10): SearchHit<T>[] {
  const terms = [...new Set(words(query).filter((t) => t !== 'blue'))];
  if (terms.length === 0) return [];
  const hits: SearchHit<T>[] = [];
  for (const agent of agents) {
    const fields = FIELDS.map((f) => ({ ...f, tokens: f.of(agent) }));
    let score = 0;
    let matched = 0;
    let strong = false;
    for (const term of terms) {
      let best = 0;
      for (const field of fields)
        best = Math.max(best, field.weight * match(term, field.tokens, field.typos));
      if (best > 0) matched++;
      if (best >= STRONG) strong = true;
      score += best;
    }
    const enough = matched === terms.length || (terms.length > 1 && strong && matched * 2 >= terms.length);
    // Every word matched counts twice over: "security review" prefers an agent about both.
    if (enough && score > 0)
      hits.push({ agent, score: Math.round(score * (1 + matched / terms.length) * 10) / 10 });
  }
  const top = Math.max(0, ...hits.map((h) => h.score));
  return hits
    .filter((h) => h.score >= top * RELATIVE_CUT)
    .sort((a, b) => b.score - a.score || a.agent.name.localeCompare(b.agent.name))
    .slice(0, limit);
}

function match(term: string, tokens: string[], typos: boolean): number {
  let best = 0;
  const budget = term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
  for (const token of tokens) {
    if (token === term) return EXACT;
    if ((term.length >= 3 && token.startsWith(term)) || (term.length > 4 && stem(token) === stem(term)))
      best = Math.max(best, PREFIX);
    else if (
      typos &&
      budget > 0 &&
      Math.abs(token.length - term.length) <= budget &&
      editDistance(term, token) <= budget
    )
      best = Math.max(best, TYPO);
  }
  return best;
}
