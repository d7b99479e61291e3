import Box from '@mui/material/Box';
import type { Theme } from '@mui/material/styles';
import { hasHiddenCharacters, splitHiddenCharacters } from '../lib/hidden-characters';
import { WarningIcon } from './icons';

// MUI's warning orange is 3:1 on white, too faint for text this size: a darker orange in light
// mode (5.9:1); the dark scheme's own warning colour is light enough on every dark surface.
const warningText = (theme: Theme) => ({ color: '#995200', ...theme.applyStyles('dark', { color: 'var(--mui-palette-warning-main)' }) });

export const hiddenCharactersWarning = 'contains hidden or direction-changing characters';
const [warningFirstWord, ...warningWords] = hiddenCharactersWarning.split(' ');
const warningRest = warningWords.join(' ');

/**
 * A user principal name as it really is: isolated from the text around it (`<bdi>`, so a
 * right-to-left name cannot reorder its neighbours) and with every invisible or bidirectional
 * control character shown as `⟨U+202E⟩`, followed by a warning icon and words.
 */
export function UserPrincipalName({ value }: { value: string }) {
  const hidden = hasHiddenCharacters(value);
  return (
    <>
      {/* Inline, so the isolation holds even where a stylesheet resets <bdi>. */}
      <Box component="bdi" style={{ unicodeBidi: 'isolate' }} sx={{ overflowWrap: 'anywhere' }}>
        {splitHiddenCharacters(value).map((part, index) =>
          part.hidden ? (
            <Box key={index} component="span" sx={[warningText, { fontFamily: 'monospace', fontWeight: 'bold' }]}>
              {part.text}
            </Box>
          ) : (
            part.text
          ),
        )}
      </Box>
      {hidden && (
        <Box component="span" sx={warningText}>
          {' '}
          {/* The icon keeps to the first word; the rest wraps in a narrow column (a dialog's table). */}
          <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
            <WarningIcon fontSize="inherit" aria-hidden="true" sx={{ verticalAlign: '-0.125em' }} />
            {` (${warningFirstWord}`}
          </Box>
          {` ${warningRest})`}
        </Box>
      )}
    </>
  );
}
