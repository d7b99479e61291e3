import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useId, useState } from 'react';

/**
 * A script's output, first line at a glance and in full on demand. Always React text inside a
 * <pre>: the output of a script on someone's device is never markup.
 */
export function ResultCell({ message }: { message: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  if (message === '') return <>—</>;
  const firstLine = message.split('\n', 1)[0] ?? '';
  const more = firstLine !== message;
  return (
    <Box sx={{ maxWidth: '32rem' }}>
      {!open && (
        <Box component="bdi" sx={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
          {firstLine}
        </Box>
      )}
      {(more || firstLine.length > 60) && (
        <Button size="small" aria-expanded={open} aria-controls={id} onClick={() => setOpen((value) => !value)} sx={{ px: 0.5, minWidth: 0 }}>
          {open ? 'Hide result' : 'Show result'}
        </Button>
      )}
      {open && (
        <Box component="pre" id={id} dir="auto" sx={{ m: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'monospace', fontSize: '0.8125rem' }}>
          {message}
        </Box>
      )}
    </Box>
  );
}
