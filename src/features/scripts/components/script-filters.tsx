import Box from '@mui/material/Box';
import { useSearchParams } from 'react-router';
import { scriptKindInfo, scriptKinds, type ScriptKind, type ScriptPlatform } from '../../../lib/script-kinds';

/** The list's filters, kept in the URL (`?platform=&type=`) so a shared link opens the same list. */
export interface ScriptFilterValues {
  /** '' is every platform. */
  platform: ScriptPlatform | '';
  /** A script kind, or '' for every type. */
  type: ScriptKind | '';
}

const platforms = [...new Set(scriptKinds.map((kind) => kind.platform))];

/** Each filter's URL parameter, label and choices (value, label), in the order they are shown. */
const filterFields = [
  { name: 'platform', label: 'Platform', options: platforms.map((platform) => [platform, platform]) },
  { name: 'type', label: 'Type', options: scriptKinds.map((kind) => [kind.id, kind.type]) },
] as const;

export function parseScriptFilters(params: URLSearchParams): ScriptFilterValues {
  const platform = params.get('platform');
  const type = params.get('type');
  return {
    platform: platforms.find((candidate) => candidate === platform) ?? '',
    type: scriptKinds.find((kind) => kind.id === type)?.id ?? '',
  };
}

export function scriptFilterMatches({ platform, type }: ScriptFilterValues, kind: ScriptKind): boolean {
  return (platform === '' || scriptKindInfo(kind).platform === platform) && (type === '' || type === kind);
}

/**
 * The filters as plain labelled selects: the browser's own accessible list box (themed by the page's
 * color-scheme), and no MUI input or menu code on the first screen (its byte budget). A change
 * replaces the URL's query with the known filters only.
 */
export function ScriptFilters({ filters }: { filters: ScriptFilterValues }) {
  const [, setParams] = useSearchParams();
  const change = (name: keyof ScriptFilterValues, value: string) =>
    setParams((current) => new URLSearchParams(Object.entries({ ...parseScriptFilters(current), [name]: value }).filter(([, kept]) => kept !== '')), {
      replace: true,
    });
  return filterFields.map(({ name, label, options }) => (
    // 180 px each, narrower when two do not fit (a phone), never wider than the screen.
    <Box key={name} component="label" sx={{ display: 'flex', flexDirection: 'column', gap: 0.5, flex: '0 1 180px', minWidth: 0, typography: 'body2', color: 'text.secondary' }}>
      {label}
      <Box
        component="select"
        value={filters[name]}
        onChange={(event: React.ChangeEvent<HTMLSelectElement>) => change(name, event.target.value)}
        sx={{ width: '100%', py: 1, px: 1.5, font: 'inherit', fontSize: '1rem' }}
      >
        <option value="">All</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </Box>
    </Box>
  ));
}
