import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { plainUserPrincipalName } from '../../../../lib/hidden-characters';
import type { RowDraft } from '../../drafts/draft-store';

/** Drafts whose row is not on screen: the user can bring it there or let the draft go. */
export function KeptEditAlerts({
  drafts,
  onShow,
  onDiscard,
}: {
  drafts: readonly RowDraft[];
  onShow: (stateId: string) => void;
  onDiscard: (stateId: string) => void;
}) {
  return drafts.map(({ baseline }) => {
    // Plain text (markers shown) so the sentence also serves as the buttons' names.
    const name = baseline.userPrincipalName ? plainUserPrincipalName(baseline.userPrincipalName) : baseline.id;
    return (
      <Alert
        key={baseline.id}
        severity="info"
        sx={{ mb: 1 }}
        action={
          <>
            <Button size="small" color="inherit" aria-label={`Show the unsaved edit of ${name}`} onClick={() => onShow(baseline.id)}>
              Show it
            </Button>
            <Button size="small" color="inherit" aria-label={`Discard the unsaved edit of ${name}`} onClick={() => onDiscard(baseline.id)}>
              Discard
            </Button>
          </>
        }
      >
        {`Your unsaved edit of ${name} was kept. It opens when its row is shown.`}
      </Alert>
    );
  });
}
