import { useColorScheme } from '@mui/material/styles';
import { DarkModeIcon, LightModeIcon } from '../components/icons';
import { ShellIconButton } from '../components/shell-icon-button';

/** Dark mode on or off; until pressed the app follows the system's preference. */
export function ColorSchemeToggle() {
  const { mode, systemMode, setMode } = useColorScheme();
  const dark = (mode === 'system' ? systemMode : mode) === 'dark';
  return (
    <ShellIconButton label="Dark mode" aria-pressed={dark} color="inherit" onClick={() => setMode(dark ? 'light' : 'dark')}>
      {dark ? <LightModeIcon /> : <DarkModeIcon />}
    </ShellIconButton>
  );
}
