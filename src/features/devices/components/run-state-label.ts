import type { RunState } from '../api/schema';

/** runState in the admin center's words. */
export const runStateLabels: Record<RunState, string> = {
  success: 'Succeeded',
  fail: 'Failed',
  scriptError: 'Script error',
  pending: 'Pending',
  notApplicable: 'Not applicable',
  unknown: 'Unknown',
};
