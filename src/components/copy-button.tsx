import Button, { type ButtonProps } from '@mui/material/Button';
import { useEffect, useState } from 'react';

export interface CopyButtonProps extends Omit<ButtonProps, 'onClick' | 'children'> {
  /** What is copied (plain text). */
  text: string;
  /** The button's visible label, also its accessible name. */
  label: string;
}

/** Copies plain text to the clipboard and confirms it in place (announced politely). */
export function CopyButton({ text, label, ...buttonProps }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return undefined;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        {...buttonProps}
        onClick={() => {
          copyText(text).then(
            () => setState('copied'),
            () => setState('failed'),
          );
        }}
      >
        {label}
      </Button>
      <span role="status" style={{ marginLeft: 8, fontSize: '0.875rem' }}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy; select the text and copy it yourself.' : ''}
      </span>
    </>
  );
}

export async function copyText(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
}
