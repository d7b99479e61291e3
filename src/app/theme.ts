import { createTheme } from '@mui/material/styles';

/**
 * Light and dark palettes as CSS variables. The mode follows the system (`prefers-color-scheme`)
 * until the user picks one in the top bar; MUI keeps that choice in localStorage (`mui-mode`) and
 * sets `data-light` / `data-dark` on <html>, so nothing re-renders to switch.
 */
export const theme = createTheme({
  cssVariables: { colorSchemeSelector: 'data' },
  colorSchemes: { light: true, dark: true },
});
