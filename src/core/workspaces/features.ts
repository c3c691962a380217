import { DomainError, ErrorCode } from '../errors.js';
import type { Workspace } from './workspace.js';

export type Feature = 'menteeRequests' | 'mentorRequests';

const DESCRIPTIONS: Record<Feature, string> = {
  menteeRequests: 'Requesting a session from a mentor',
  mentorRequests: 'Sending "I want to mentor you!" requests',
};

/**
 * docs/product.md#switched-off-features: a switched-off use case answers with one clear
 * sentence and who to ask.
 */
export function featureOff(feature: Feature): DomainError {
  return new DomainError(
    ErrorCode.FeatureOff,
    `${DESCRIPTIONS[feature]} is turned off in this workspace. Ask a mentorbot admin if you need it.`,
  );
}

export function requireFeature(workspace: Workspace, feature: Feature): DomainError | undefined {
  return workspace.config[feature] ? undefined : featureOff(feature);
}
