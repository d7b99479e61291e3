import { changesOf, keepDrafts, restoreFormDraft, restorePageDrafts, takeDrafts } from './draft-store';

const baseline = { id: 'state-1', userPrincipalName: 'a@contoso.com', successDeviceCount: 1, errorDeviceCount: 2 };

describe('drafts', () => {
  it('gives a script’s page its unsent saves and open rows once, and leaves the form’s draft', () => {
    keepDrafts([
      { kind: 'unsent-save', scriptKind: 'deviceManagementScripts', scriptId: 's', baseline, values: { errorDeviceCount: '7' } },
      { kind: 'open-row', scriptKind: 'deviceManagementScripts', scriptId: 's', baseline, values: { userPrincipalName: 'b@' } },
      { kind: 'form', scriptKind: 'deviceManagementScripts', scriptId: 's', baseline, values: { errorDeviceCount: '9' } },
      { kind: 'open-row', scriptKind: 'deviceManagementScripts', scriptId: 'other', baseline, values: {} },
    ]);
    expect(restorePageDrafts('deviceManagementScripts', 's')).toEqual({
      unsentSaves: [{ scriptKind: 'deviceManagementScripts', scriptId: 's', original: baseline, changes: { errorDeviceCount: 7 } }],
      openRows: [{ baseline, values: { userPrincipalName: 'b@' } }],
    });
    expect(restorePageDrafts('deviceManagementScripts', 's')).toEqual({ unsentSaves: [], openRows: [] });
    expect(takeDrafts(() => true).map((draft) => `${draft.kind} ${draft.scriptId}`)).toEqual(['form s', 'open-row other']);
  });

  it('gives the form its draft again after every reload, and drops the record’s unsent save', () => {
    keepDrafts([
      { kind: 'form', scriptKind: 'deviceManagementScripts', scriptId: 's', baseline, values: { errorDeviceCount: '9' } },
      { kind: 'unsent-save', scriptKind: 'deviceManagementScripts', scriptId: 's', baseline, values: { errorDeviceCount: '9' } },
    ]);
    expect(restoreFormDraft('deviceManagementScripts', 's', 'state-1')).toEqual({ baseline, values: { errorDeviceCount: '9' } });
    expect(restoreFormDraft('deviceManagementScripts', 's', 'state-1')).toEqual({ baseline, values: { errorDeviceCount: '9' } });
    expect(restorePageDrafts('deviceManagementScripts', 's').unsentSaves).toEqual([]);
  });

  it('ignores stored entries that do not fit the schema', () => {
    sessionStorage.setItem('intune-states.drafts', JSON.stringify([{ kind: 'form', scriptKind: 'deviceManagementScripts', scriptId: 's', baseline, values: { id: 'x' } }]));
    expect(restoreFormDraft('deviceManagementScripts', 's', 'state-1')).toBeNull();
  });

  it('reads a draft kept before scripts had kinds as a Windows script’s', () => {
    sessionStorage.setItem('intune-states.drafts', JSON.stringify([{ kind: 'form', scriptId: 's', baseline, values: { errorDeviceCount: '9' } }]));
    expect(restoreFormDraft('deviceShellScripts', 's', 'state-1')).toBeNull();
    expect(restoreFormDraft('deviceManagementScripts', 's', 'state-1')).toEqual({ baseline, values: { errorDeviceCount: '9' } });
  });

  it('turns typed text back into the PATCH body, only when it is valid', () => {
    expect(changesOf(baseline, { successDeviceCount: '05' })).toEqual({ successDeviceCount: 5 });
    expect(changesOf(baseline, { successDeviceCount: '1e3' })).toBeNull();
  });
});
