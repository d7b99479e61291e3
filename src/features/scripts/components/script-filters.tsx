import Box from '@mui/material/Box';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { scriptKindInfo, scriptKinds, type ScriptKind, type ScriptPlatform } from '../../../lib/script-kinds';

/** The list's filters, kept in the URL (`?platform=&type=`) so a shared link opens the same list. */
export interface ScriptFilterValues {
  /** '' is every platform. */
  platform: ScriptPlatform | '';
  /** A script kind, or '' for every type. */
  type: ScriptKind | '';
}

export interface ScriptFilterState extends ScriptFilterValues {
  matches: (kind: ScriptKind) => boolean;
}

const platforms = [...new Set(scriptKinds.map((kind) => kind.platform))];

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

export function useScriptFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<ScriptFilterState>(() => {
    const values = parseScriptFilters(params);
    return { ...values, matches: (kind) => scriptFilterMatches(values, kind) };
  }, [params]);
  const update = useCallback(
    (changes: Partial<ScriptFilterValues>) => {
      setParams(
        (current) => {
          const next = { ...parseScriptFilters(current), ...changes };
          const result = new URLSearchParams();
          if (next.platform !== '') result.set('platform', next.platform);
          if (next.type !== '') result.set('type', next.type);
          return result;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return [filters, update] as const;
}

/**
 * Plain labelled selects: the browser's own accessible list box, and no MUI input or menu code on
 * the first screen (its byte budget).
 */
export function ScriptFilters({ filters, onChange }: { filters: ScriptFilterValues; onChange: (changes: Partial<ScriptFilterValues>) => void }) {
  return (
    <>
      <FilterSelect
        label="Platform"
        value={filters.platform}
        options={platforms.map((platform) => ({ value: platform, label: platform }))}
        onChange={(value) => onChange({ platform: parseScriptFilters(new URLSearchParams({ platform: value })).platform })}
      />
      <FilterSelect
        label="Type"
        value={filters.type}
        options={scriptKinds.map((kind) => ({ value: kind.id, label: kind.type }))}
        onChange={(value) => onChange({ type: parseScriptFilters(new URLSearchParams({ type: value })).type })}
      />
    </>
  );
}

interface FilterSelectProps {
  label: string;
  value: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  onChange: (value: string) => void;
}

function FilterSelect({ label, value, options, onChange }: FilterSelectProps) {
  return (
    <Box component="label" sx={{ display: 'flex', flexDirection: 'column', gap: 0.5, typography: 'body2', color: 'text.secondary' }}>
      {label}
      <Box
        component="select"
        value={value}
        onChange={(event: React.ChangeEvent<HTMLSelectElement>) => onChange(event.target.value)}
        sx={{
          minWidth: 180,
          py: 1,
          px: 1.5,
          font: 'inherit',
          fontSize: '1rem',
          color: 'text.primary',
          bgcolor: 'background.paper',
          border: 1,
          borderColor: 'text.secondary',
          borderRadius: 1,
          colorScheme: 'inherit',
          '&:focus-visible': { outline: 2, outlineColor: 'primary.main', outlineOffset: 1 },
        }}
      >
        <option value="">All</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Box>
    </Box>
  );
}
