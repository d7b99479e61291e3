import { render, screen } from '@testing-library/react';
import { UserPrincipalName } from './user-principal-name';

describe('UserPrincipalName', () => {
  it('isolates the name and shows a right-to-left override as a marker with a warning in words', () => {
    const { container } = render(
      <p data-testid="upn">
        <UserPrincipalName value={'exe.gnp\u202Eosotnoc@microsoft.com'} />
      </p>,
    );
    const bdi = container.querySelector('bdi');
    expect(bdi).not.toBeNull();
    expect(bdi?.getAttribute('style')).toMatch(/unicode-bidi:\s*isolate/);
    expect(bdi).toHaveTextContent('exe.gnp⟨U+202E⟩osotnoc@microsoft.com');
    expect(screen.getByTestId('upn').textContent).not.toContain('\u202E');
    expect(screen.getByTestId('upn')).toHaveTextContent('(contains hidden or direction-changing characters)');
    // The icon is decoration; the words carry the warning for screen readers.
    expect(container.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
  });

  it('renders an ordinary name as it is, isolated, with no warning', () => {
    const { container } = render(
      <p data-testid="upn">
        <UserPrincipalName value="admin@contoso.onmicrosoft.com" />
      </p>,
    );
    expect(screen.getByTestId('upn')).toHaveTextContent(/^admin@contoso\.onmicrosoft\.com$/);
    expect(container.querySelector('bdi')).toHaveTextContent('admin@contoso.onmicrosoft.com');
    expect(container.querySelector('svg')).toBeNull();
  });
});
