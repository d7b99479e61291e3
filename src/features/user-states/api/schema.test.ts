import { changedFields, countProblem, upnProblem, userStateEditSchema, userStateSchema } from './schema';

const valid = { userPrincipalName: 'adele@contoso.com', successDeviceCount: '2', errorDeviceCount: '0' };

describe('count validation', () => {
  it.each(['0', '7', '2147483647', '007'])('accepts %j', (text) => {
    expect(countProblem(text)).toBeNull();
  });

  it.each([
    ['-1', /negative/],
    ['2147483648', /largest allowed count is 2,147,483,647/],
    ['99999999999999999999', /largest/],
    ['1.5', /whole number, without decimals/],
    ['1,5', /whole number, without decimals/],
    ['1e3', /no exponent/],
    ['', /Enter a number/],
    [' ', /Remove the spaces/],
    [' 5', /Remove the spaces/],
    ['5 ', /Remove the spaces/],
    ['+5', /plus sign/],
    ['abc', /digits 0–9 only/],
    ['0x10', /digits 0–9 only/],
    ['５', /digits 0–9 only/],
    ['NaN', /digits 0–9 only/],
    ['Infinity', /digits 0–9 only/],
    ['12 devices on the laptop fleet (pasted)', /Remove the spaces/],
  ])('rejects %j with a message that says why', (text, message) => {
    expect(countProblem(text)).toMatch(message);
  });
});

describe('user principal name validation', () => {
  it.each([
    'adele@contoso.com',
    'a.b-c_d@sub.contoso.onmicrosoft.com',
    'x@y.io',
    "noah.o'neill@contoso.onmicrosoft.com",
    `${'a'.repeat(64)}@${'b'.repeat(44)}.com`,
  ])(
    'accepts %j',
    (text) => {
      expect(upnProblem(text)).toBeNull();
    },
  );

  it.each([
    ['', /Enter a user principal name/],
    ['adele.contoso.com', /Add an @/],
    ['adele@@contoso.com', /exactly one @/],
    ['a@b@contoso.com', /exactly one @/],
    ['adele vance@contoso.com', /spaces/],
    [' adele@contoso.com', /spaces/],
    ['adele@contoso.com\t', /spaces/],
    ['x'.repeat(10_000), /at most 113 characters \(this one has 10,000\)/],
    [`${'a'.repeat(65)}@contoso.com`, /part before the @ can have at most 64/],
    [`a@${'b'.repeat(45)}.com`, /domain after the @ can have at most 48/],
    ['.adele@contoso.com', /start or end with a dot/],
    ['ad..ele@contoso.com', /two dots in a row/],
    ['adele$@contoso.com', /part before the @ can only use/],
    ['adele\u0000@contoso.com', /control or invisible/],
    ['adele\u0007@contoso.com', /control or invisible/],
    ['adele\u200b@contoso.com', /control or invisible/],
    ['\u202eadele@contoso.com', /right-to-left/],
    ['adele@\u2067contoso.com', /right-to-left/],
    ['adele😀@contoso.com', /emoji/],
    ['adèle@contoso.com', /accented/],
    ['<script>alert(1)</script>@contoso.com', /< > and "/],
    ['<img src=x onerror=alert(1)>', /< > and "/],
    ['o"brien@contoso.com', /< > and "/],
    ['@contoso.com', /user name before the @/],
    ['adele@', /domain with a dot/],
    ['adele@contoso', /domain with a dot/],
    ['adele@contoso.', /domain with a dot/],
    ['adele@.com', /domain with a dot/],
    ['adele@-contoso.com', /domain with a dot/],
    ['ad(ele)@contoso.com', /part before the @/],
  ])('rejects %j with a message that says why', (text, message) => {
    expect(upnProblem(text)).toMatch(message);
  });
});

describe('the edit schema', () => {
  it('turns typed text into Graph values', () => {
    expect(userStateEditSchema.parse(valid)).toEqual({
      userPrincipalName: 'adele@contoso.com',
      successDeviceCount: 2,
      errorDeviceCount: 0,
    });
  });

  it('reports each invalid field by name', () => {
    const result = userStateEditSchema.safeParse({ ...valid, successDeviceCount: '-1', userPrincipalName: 'nope' });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['successDeviceCount', 'userPrincipalName']));
  });

  it('keeps only the fields whose value changed', () => {
    const original = { userPrincipalName: 'adele@contoso.com', successDeviceCount: 2, errorDeviceCount: 0 };
    expect(changedFields(original, { ...original, errorDeviceCount: 3 })).toEqual({ errorDeviceCount: 3 });
    expect(changedFields(original, { ...original })).toEqual({});
  });
});

describe('the Graph user state shape', () => {
  it('accepts a null UPN from Graph as empty text', () => {
    expect(
      userStateSchema.parse({ id: '1', userPrincipalName: null, successDeviceCount: 1, errorDeviceCount: 0 }),
    ).toMatchObject({ userPrincipalName: '' });
  });
});
