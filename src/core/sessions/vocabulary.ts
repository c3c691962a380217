import type { VocabularyName, WorkspaceConfig } from '../workspaces/workspace.js';
import type { TagPick } from './fields.js';

const LABELS: Record<VocabularyName, string> = {
  recommendedFor: 'Recommended for',
  categories: 'Categories',
  medium: 'Medium',
};

const key = (tag: string) => tag.trim().toLowerCase();

/**
 * The tags of one multi-select (docs/product.md#session-fields): each selected value must be in
 * the workspace's vocabulary (matched ignoring case, stored in the vocabulary's spelling) or
 * typed under Other. Repeats are kept once. Returns the tags, or the field error.
 */
export function resolveTags(
  name: VocabularyName,
  pick: TagPick,
  config: WorkspaceConfig,
): { tags: string[] } | { field: string; message: string } {
  const vocabulary = new Map(config.vocabularies[name].map((v) => [key(v), v]));
  const others = new Set(pick.other.map(key));
  const tags: string[] = [];
  for (const value of pick.selected) {
    const known = vocabulary.get(key(value));
    if (!known && !others.has(key(value))) {
      return {
        field: `${name}.selected`,
        message: `"${value}" is not one of the ${LABELS[name]} options. Add it under Other instead.`,
      };
    }
    tags.push(known ?? value);
  }
  tags.push(...pick.other);
  const seen = new Set<string>();
  const unique = tags.filter((tag) => {
    if (seen.has(key(tag))) return false;
    seen.add(key(tag));
    return true;
  });
  return { tags: unique };
}

/** Stored tags split back into the form's two parts, for editing. */
export function tagPickOf(name: VocabularyName, tags: readonly string[], config: WorkspaceConfig) {
  const vocabulary = new Set(config.vocabularies[name].map(key));
  return {
    selected: tags.filter((t) => vocabulary.has(key(t))),
    other: tags.filter((t) => !vocabulary.has(key(t))),
  };
}
