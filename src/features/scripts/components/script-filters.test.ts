import { describe, expect, it } from 'vitest';
import { parseScriptFilters, scriptFilterMatches } from './script-filters';

describe('script list filters', () => {
  it('reads only known platforms and kinds from the URL', () => {
    expect(parseScriptFilters(new URLSearchParams('platform=macOS&type=deviceShellScripts'))).toEqual({
      platform: 'macOS',
      type: 'deviceShellScripts',
    });
    expect(parseScriptFilters(new URLSearchParams('platform=Linux&type=deviceCompliancePolicies'))).toEqual({ platform: '', type: '' });
  });

  it('matches a kind by its platform and its type', () => {
    expect(scriptFilterMatches({ platform: 'macOS', type: '' }, 'deviceCustomAttributeShellScripts')).toBe(true);
    expect(scriptFilterMatches({ platform: 'macOS', type: '' }, 'deviceManagementScripts')).toBe(false);
    expect(scriptFilterMatches({ platform: 'Windows', type: 'deviceShellScripts' }, 'deviceShellScripts')).toBe(false);
    expect(scriptFilterMatches({ platform: '', type: '' }, 'deviceShellScripts')).toBe(true);
  });
});
