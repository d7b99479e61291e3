/** Query keys for audit history, general to specific. */
export const historyKeys = {
  all: ['history'] as const,
  /** The history of one entity, by the `resourceId` its audit events carry. */
  ofResource: (resourceId: string) => [...historyKeys.all, 'resource', resourceId] as const,
};
