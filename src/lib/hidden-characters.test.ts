import { codePointMarker, hasHiddenCharacters, plainUserPrincipalName, revealHiddenCharacters, splitHiddenCharacters } from './hidden-characters';

const reversed = 'exe.gnp\u202Eosotnoc@microsoft.com';

describe('hidden characters', () => {
  it('writes a code point as a marker', () => {
    expect(codePointMarker('\u202E')).toBe('⟨U+202E⟩');
    expect(codePointMarker('\u{E0041}')).toBe('⟨U+E0041⟩');
    expect(codePointMarker('\u0007')).toBe('⟨U+0007⟩');
  });

  it('finds bidirectional controls, zero-width and control characters, and nothing in ordinary names', () => {
    for (const character of ['\u202E', '\u202D', '\u2066', '\u2069', '\u200B', '\u200F', '\u061C', '\uFEFF', '\u00AD', '\u0000', '\u001B', '\u{E0041}']) {
      expect(hasHiddenCharacters(`a${character}b`)).toBe(true);
    }
    for (const name of ['admin@contoso.onmicrosoft.com', 'søren.ørsted@contoso.dk', 'محمد@contoso.com', '李雷@contoso.cn', 'o\u0301scar@contoso.com']) {
      expect(hasHiddenCharacters(name)).toBe(false);
    }
  });

  it('reveals every hidden character in plain text, keeping the rest', () => {
    expect(revealHiddenCharacters(reversed)).toBe('exe.gnp⟨U+202E⟩osotnoc@microsoft.com');
    expect(revealHiddenCharacters('a\u200B\u200Bb')).toBe('a⟨U+200B⟩⟨U+200B⟩b');
    expect(revealHiddenCharacters('plain@contoso.com')).toBe('plain@contoso.com');
    // Called again and again (a title on every render) the global pattern keeps no state.
    expect(hasHiddenCharacters(reversed)).toBe(true);
    expect(hasHiddenCharacters(reversed)).toBe(true);
  });

  it('splits the text into visible runs and markers', () => {
    expect(splitHiddenCharacters(reversed)).toEqual([
      { text: 'exe.gnp', hidden: false },
      { text: '⟨U+202E⟩', hidden: true },
      { text: 'osotnoc@microsoft.com', hidden: false },
    ]);
    expect(splitHiddenCharacters('\u202Ex')).toEqual([
      { text: '⟨U+202E⟩', hidden: true },
      { text: 'x', hidden: false },
    ]);
    expect(splitHiddenCharacters('')).toEqual([]);
  });

  it('gives a plain-text UPN a word of warning only when it hides something', () => {
    expect(plainUserPrincipalName(reversed)).toBe('exe.gnp⟨U+202E⟩osotnoc@microsoft.com (contains hidden characters)');
    expect(plainUserPrincipalName('admin@contoso.com')).toBe('admin@contoso.com');
  });
});
