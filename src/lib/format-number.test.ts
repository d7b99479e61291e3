import { formatCountOf } from './format-number';

describe('formatCountOf', () => {
  it('puts the noun in the singular for exactly one', () => {
    expect(formatCountOf(1, ['page', 'pages'])).toBe('1 page');
    expect(formatCountOf(0, ['page', 'pages'])).toBe('0 pages');
    expect(formatCountOf(2, ['device state', 'device states'])).toBe('2 device states');
  });

  it('writes the count in the locale', () => {
    expect(formatCountOf(152_900, ['device', 'devices'])).toBe(`${new Intl.NumberFormat().format(152_900)} devices`);
  });
});
