import Button from '@mui/material/Button';
import { useState } from 'react';
import { ChangesPanel, type ChangesPanelProps } from './changes-panel';

/**
 * "Changes": opens the list of this session's saves, each with its Undo. The panel is part of the
 * page's chunk, not a lazy one: with this bundler a lazy chunk of MUI components splits the
 * modules it shares with the first screen into more, smaller chunks, which cost both budgets more
 * than the panel itself (measured in docs/decisions/012-undo-as-a-compensating-save.md).
 */
export function ChangesButton(props: Omit<ChangesPanelProps, 'onClose'>) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="outlined" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Changes
      </Button>
      {open && <ChangesPanel {...props} onClose={() => setOpen(false)} />}
    </>
  );
}
