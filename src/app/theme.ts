import { createTheme } from '@mui/material/styles';

/**
 * Light and dark palettes as CSS variables. The mode follows the system (`prefers-color-scheme`)
 * until the user picks one in the top bar; MUI keeps that choice in localStorage (`mui-mode`) and
 * sets `data-light` / `data-dark` on <html>, so nothing re-renders to switch.
 *
 * In dark mode MUI paints a filled Alert (our toasts) on the colour's `dark` shade with white
 * text; its default success green (#388e3c) gives 4.1:1, below WCAG AA's 4.5:1. The light mode's
 * main green (#2e7d32, 5.1:1) is used as the dark shade instead.
 */
export const theme = createTheme({
  cssVariables: { colorSchemeSelector: 'data' },
  colorSchemes: {
    light: true,
    dark: { palette: { success: { main: '#66bb6a', light: '#81c784', dark: '#2e7d32' } } },
  },
});
