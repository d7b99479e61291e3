import { describe, expect, it } from 'vitest';
import { matchPath } from 'react-router';
import { scriptKindGraphPath, scriptKinds } from '../lib/script-kinds';
import { routePatterns, userStatePath, userStatesPath } from './routes';

describe('paths of every script kind', () => {
  it('keeps the Windows URLs exactly as they were', () => {
    expect(userStatesPath('deviceManagementScripts', 'script-1')).toBe('/deviceManagement/deviceManagementScripts/script-1/userRunStates');
    expect(userStatePath('deviceManagementScripts', 'script-1', 'state-2')).toBe(
      '/deviceManagement/deviceManagementScripts/script-1/userRunStates/state-2',
    );
  });

  it('names the macOS collections in the app path as Graph does', () => {
    expect(userStatePath('deviceShellScripts', 'mac-1', 'state-2')).toBe('/deviceManagement/deviceShellScripts/mac-1/userRunStates/state-2');
    expect(scriptKindGraphPath('deviceCustomAttributeShellScripts', 'attr-1')).toBe('/deviceManagement/deviceCustomAttributeShellScripts/attr-1');
  });

  it('encodes ids, so an id cannot reach another resource', () => {
    expect(userStatePath('deviceShellScripts', 'a/b', 'c?d')).toBe('/deviceManagement/deviceShellScripts/a%2Fb/userRunStates/c%3Fd');
  });

  it('builds paths the routes match, with the kind as the route’s `kind`', () => {
    for (const { id } of scriptKinds) {
      expect(matchPath(routePatterns.userStates, userStatesPath(id, 's-1'))?.params).toEqual({ kind: id, scriptId: 's-1' });
      expect(matchPath(routePatterns.userState, userStatePath(id, 's-1', 'u-1'))?.params).toEqual({ kind: id, scriptId: 's-1', stateId: 'u-1' });
    }
  });
});
