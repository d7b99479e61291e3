import { describe, expect, it } from 'vitest';
import { userStateGraphPath, userStateKeys, userStatesGraphPath } from './keys';
import { userStatesListPath } from './list-user-states';

describe('Graph paths and query keys of user states', () => {
  it('builds each kind’s Graph path from the kind', () => {
    expect(userStateGraphPath('deviceManagementScripts', 's-1', 'u-1')).toBe('/deviceManagement/deviceManagementScripts/s-1/userRunStates/u-1');
    expect(userStateGraphPath('deviceShellScripts', 'mac-1', 'u-2')).toBe('/deviceManagement/deviceShellScripts/mac-1/userRunStates/u-2');
    expect(userStatesGraphPath('deviceCustomAttributeShellScripts', 'attr-1')).toBe(
      '/deviceManagement/deviceCustomAttributeShellScripts/attr-1/userRunStates',
    );
    expect(userStatesListPath('deviceShellScripts', 'mac-1')).toMatch(/^\/deviceManagement\/deviceShellScripts\/mac-1\/userRunStates\?\$select=/);
  });

  it('encodes ids, so an id cannot reach another resource', () => {
    expect(userStateGraphPath('deviceShellScripts', '../x', '#y')).toBe('/deviceManagement/deviceShellScripts/..%2Fx/userRunStates/%23y');
  });

  it('keeps two kinds’ scripts with the same id apart in the cache', () => {
    expect(userStateKeys.list('deviceShellScripts', 'same')).not.toEqual(userStateKeys.list('deviceManagementScripts', 'same'));
    expect(userStateKeys.detail('deviceShellScripts', 'same', 'u')).not.toEqual(userStateKeys.detail('deviceCustomAttributeShellScripts', 'same', 'u'));
  });
});
