// The bank's two sources spell some topics differently ("concurrency" in scripting prompts,
// "Concurrency" in the FAANG facts, which must stay as the list has them). Pages and filters
// treat topics case-insensitively and show one label per topic.

export const topicKey = (topic: string) => topic.trim().toLowerCase();

/** One label per topic: a capitalised spelling where the bank has one, else the first seen. */
export function topicLabels(topics: Iterable<string>): Map<string, string> {
  const labels = new Map<string, string>();
  for (const t of topics) {
    const key = topicKey(t);
    const current = labels.get(key);
    if (current === undefined || (!/^\p{Lu}/u.test(current) && /^\p{Lu}/u.test(t))) labels.set(key, t);
  }
  return labels;
}

/** The labels sorted for a filter list. */
export function topicFacet(topics: Iterable<string>): string[] {
  return [...topicLabels(topics).values()].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
}
